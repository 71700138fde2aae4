package parse

import (
	"fmt"
	"slices"
	"strings"
)

// A row's values are stored by the template's column order, not by its
// header's (storeRow): a report that prints two columns the other way
// round would have its numbers stored under each other's keys, and no sum
// rule notices a swap (the row totals stay the same). So the header words
// are watched as the cells go by: a header that prints a ColumnOrder's
// columns out of order leaves out the values of the rows under its
// columns, with a warning naming the two words.

// columnWord is where a header word's column stands: which ColumnOrder, and
// its position there.
type columnWord struct{ order, pos int }

// columnWords maps the key (labelKey) of every header word that names one
// column, its label or a printed variant, to the column's places in the
// ColumnOrders.
var columnWords = func() map[string][]columnWord {
	at := map[string][]columnWord{}
	for o, co := range ColumnOrders {
		for p, key := range co.Cols {
			at[key] = append(at[key], columnWord{o, p})
		}
	}
	column := map[string]string{} // word → the column it names
	ambiguous := map[string]bool{}
	for _, c := range Columns {
		words := []string{c.Label}
		for _, h := range c.Headers {
			words = append(words, h.Word)
		}
		for _, w := range words {
			k := normLabel(w)
			if prev, seen := column[k]; seen && prev != c.Key {
				ambiguous[k] = true // "本年新", cut short, is printed over two columns
			}
			column[k] = c.Key
		}
	}
	column[normLabel("法人或其他组织")] = legalPersonsGroup
	out := map[string][]columnWord{}
	for k, key := range column {
		if !ambiguous[k] && len(at[key]) > 0 {
			out[k] = at[key]
		}
	}
	return out
}()

// headerOrder follows the header words of the current run of non-value
// cells.
type headerOrder struct {
	last    []int // by ColumnOrders index: the last position printed, -1 for none
	lastRow []int // the source row (Cell.Row) it was printed on
	inRun   bool  // a header word was seen since the last value
	broken  []misorder
}

// misorder is a header that printed a column out of its order, or one the
// template does not have.
type misorder struct {
	order int
	what  string // which word it printed where, and why that is wrong: "\"本年废止件数\" after \"现行有效件数\", an order …"
}

// note follows a non-value cell of the table of section (SectionProactive …;
// "" before any): a word counts for the orders of its own table only
// (总计 is a column of table 三 and of table 四).
func (h *headerOrder) note(text, section string, row int) {
	if len(text) > maxLabelRunes*4 {
		return
	}
	key := cellKey(text)
	if key == subtotalKey && (section == SectionRequests || section == "") {
		// "法人或其他组织" over its five columns and a 小计: a column the
		// template does not have, read by position as 总计.
		h.broken = append(h.broken, misorder{requestsOrder, fmt.Sprintf("%q, a column the template does not have", strings.TrimSpace(text))})
		return
	}
	places, ok := columnWords[key]
	if !ok {
		// A header collapsed into one line ("信息内容 本年废止件数
		// 本年制发件数 现行有效件数"): its words, in order.
		if !collapsedHeader(text) {
			return
		}
		for _, w := range strings.Fields(text) {
			h.note(w, section, row) // a word no column's is passed over there
		}
		return
	}
	if !h.inRun {
		h.inRun = true
		if h.last == nil {
			h.last, h.lastRow = make([]int, len(ColumnOrders)), make([]int, len(ColumnOrders))
		}
		for i := range h.last {
			h.last[i] = -1
		}
	}
	for _, w := range places {
		if section != "" && ColumnOrders[w.order].Section != section {
			continue
		}
		if w.order == legalPersonsOrder && h.last[w.order] >= 0 && row != h.lastRow[w.order] {
			// 自然人 and the group over the 法人 columns on two rows: a
			// cell spanning both rows is read where its text sits, which
			// for 自然人 centred in them is below the group's row.
			h.last[w.order] = -1
		}
		h.place(text, w)
		h.lastRow[w.order] = row
	}
}

// subtotalKey is the key of 小计; requestsOrder the index of table 三's
// applicant columns in ColumnOrders, legalPersonsOrder that of 自然人 and
// the group over the 法人 columns.
var (
	subtotalKey       = labelKey("小计")
	requestsOrder     = orderOf(SectionRequests)
	legalPersonsOrder = slices.IndexFunc(ColumnOrders, func(co ColumnOrder) bool { return slices.Contains(co.Cols, legalPersonsGroup) })
)

// collapsedHeader reports whether text may be a header collapsed into one
// line of words apart by spaces ("信息内容 本年制发件数 本年废止件数 …"),
// for the column order and for the layout evidence.
func collapsedHeader(text string) bool {
	return strings.IndexByte(text, ' ') >= 0 && containsAny(text, columnWordHints)
}

// columnWordHints: every column word holds one (a cheap test before a
// line is split into words, for the column order and for the layout
// evidence of a collapsed header).
var columnWordHints = []string{"数", "年", "现行", "对外", "金额", "企业", "机构", "组织", "自然人", "总计", "其他", "结果", "审结"}

// place follows one place of a header word.
func (h *headerOrder) place(text string, w columnWord) {
	co := ColumnOrders[w.order]
	last := h.last[w.order]
	switch {
	case last < 0 && co.Repeats && w.pos >= 2:
		// A set opens with its first column, or past one printed with a
		// typo; 总计 first in each group is an order of its own.
		h.misordered(w.order, fmt.Sprintf("%q first", strings.TrimSpace(text)))
	case last < 0: // a header may open past a word it printed with a typo
	case w.pos >= last: // a column's header over two cells ("本年新", "制作数量") names it twice
	case co.Repeats && w.pos == 0 && last >= 2:
		// The next set of the run: the one before went on past its
		// second column, so a swap of the first two is not taken for it.
	default:
		before := colLabel(co.Cols[last])
		if co.Cols[last] == legalPersonsGroup {
			before = "法人或其他组织"
		}
		h.misordered(w.order, fmt.Sprintf("%q after %q", strings.TrimSpace(text), before))
	}
	h.last[w.order] = w.pos
}

// misordered notes that the header printed a column of ColumnOrders[order]
// out of order, what saying which word where.
func (h *headerOrder) misordered(order int, what string) {
	h.broken = append(h.broken, misorder{order, what + ", an order the template does not have"})
}

// value ends the header run.
func (h *headerOrder) value() { h.inRun = false }

// dropMisordered leaves out the values of the rows under every header
// that printed its columns out of order.
func (m *matcher) dropMisordered() {
	done := map[int]bool{}
	for _, b := range m.header.broken {
		if done[b.order] {
			continue
		}
		done[b.order] = true
		co := ColumnOrders[b.order]
		var left []string
		for _, r := range Rows {
			cols := r.Cols[m.template]
			if m.template == "" { // no table 二 decided the layout: either
				cols = append(slices.Clone(r.Cols[Template2019]), r.Cols[Template2021]...)
			}
			if r.Section != co.Section || !sharesAny(cols, co.Cols) {
				continue
			}
			n := len(m.values)
			m.unstore(r.Section, r.Key, cols)
			if len(m.values) < n {
				left = append(left, r.Key)
			}
		}
		if len(left) > 0 {
			m.warnf("%s: the header prints %s; rows %s left out",
				co.Section, b.what, strings.Join(left, ", "))
		}
	}
}

// sharesAny reports whether a and b have a string in common.
func sharesAny(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
