package parse

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// swap returns cells with the first a and b exchanged (each at its first
// index at or after from).
func swap(cells []string, from int, a, b string) []string {
	out := slices.Clone(cells)
	i := from + slices.Index(out[from:], a)
	j := from + slices.Index(out[from:], b)
	out[i], out[j] = out[j], out[i]
	return out
}

// A header that prints two columns the other way round, values and all,
// leaves the values of its rows out, with a warning naming the words:
// they are read in the template's column order, and a swap passes every
// sum rule.
func TestColumnsOutOfOrder(t *testing.T) {
	t3 := table3(Template2021, map[string][]string{"new": {"10", "2", "1", "0", "0", "0", "13"}})
	t3at := func(cells []string) int { return slices.Index(cells, table3Head[0]) }
	for _, tc := range []struct {
		name   string
		cells  []string
		warn   []string
		absent []string
		kept   []string
	}{
		{"table 二, 2021", swap(table2v2021(), 0, "本年废止件数", "现行有效件数"),
			[]string{"proactive", "本年废止件数", "现行有效件数"},
			[]string{"proactive/normative_documents/repealed", "proactive/normative_documents/in_force", "proactive/regulations/issued"},
			[]string{"proactive/licensing/decisions = 45"}},
		{"table 二, 2019 decisions", swap(table2v2019(), 0, "上一年项目数量", "处理决定数量"),
			[]string{"proactive", "本年增/减", "处理决定数量"},
			[]string{"proactive/licensing/decisions", "proactive/licensing/prior_items"},
			[]string{"proactive/regulations/total_published = 0"}},
		{"table 三", func() []string {
			cells := cat(table2v2021(), t3, table4())
			return swap(cells, t3at(cells), "商业企业", "科研机构")
		}(),
			[]string{"requests", "商业企业", "科研机构"},
			[]string{"requests/new/commercial", "requests/new/research", "requests/new/total"},
			[]string{"proactive/licensing/decisions = 45"}},
		{"table 三, 总计 first", func() []string {
			head := slices.Clone(table3Head)
			head = slices.Delete(head, slices.Index(head, "总计"), slices.Index(head, "总计")+1)
			head = slices.Insert(head, slices.Index(head, "自然人"), "总计")
			cells := table3(Template2021, map[string][]string{"new": {"13", "10", "2", "1", "0", "0", "0"}})
			return cat(table2v2021(), head, cells[len(table3Head):], table4())
		}(),
			[]string{"requests", "自然人", "总计"},
			[]string{"requests/new/natural_person", "requests/new/total", "requests/carried_forward/total"},
			[]string{"proactive/licensing/decisions = 45"}},
		// The two-row header with 自然人 after the group over the five
		// 法人 columns, and every row printed in that order: the last
		// header row (商业企业 … 其他) is in order on its own, and the
		// shift passes every sum rule.
		{"table 三, 自然人 after 法人或其他组织", func() []string {
			head := slices.Clone(table3Head)
			head = slices.Delete(head, slices.Index(head, "自然人"), slices.Index(head, "自然人")+1)
			head = slices.Insert(head, slices.Index(head, "总计"), "自然人")
			cells := table3(Template2021, map[string][]string{"new": {"2", "1", "0", "0", "0", "10", "13"}})
			return cat(table2v2021(), head, cells[len(table3Head):], table4())
		}(),
			[]string{"requests", "自然人", "after", "法人或其他组织"},
			[]string{"requests/new/natural_person", "requests/new/commercial", "requests/new/total"},
			[]string{"proactive/licensing/decisions = 45"}},
		// A 小计 of the 法人 columns where the template prints 总计: read
		// by position, the subtotal had been stored as 总计.
		{"table 三, 小计 for 总计", func() []string {
			head := slices.Clone(table3Head)
			head = slices.Delete(head, slices.Index(head, "总计"), slices.Index(head, "总计")+1)
			head = append(head, "小计")
			cells := table3(Template2021, map[string][]string{"new": {"10", "2", "1", "0", "0", "0", "3"}})
			return cat(table2v2021(), head, cells[len(table3Head):], table4())
		}(),
			[]string{"requests", "小计", "a column the template does not have"},
			[]string{"requests/new/natural_person", "requests/new/total"},
			[]string{"proactive/licensing/decisions = 45"}},
		{"table 三, 其他 among the 法人 columns", func() []string {
			cells := cat(table2v2021(), t3, table4())
			return swap(cells, t3at(cells), "其他", "社会公益组织")
		}(),
			[]string{"requests", "法律服务机构", "after", "其他"},
			[]string{"requests/new/social_welfare", "requests/new/other_org"},
			[]string{"proactive/licensing/decisions = 45", "review/reconsideration/total = 0"}},
		{"table 四, 总计 first in every group", func() []string {
			cells := cat(table2v2021(), t3, table4())
			at := slices.Index(cells, table4Head[0])
			for range 3 {
				i := at + slices.Index(cells[at:], "总计")
				j := at + slices.Index(cells[at:], "结果维持")
				cells = slices.Insert(slices.Delete(cells, i, i+1), j, "总计")
				at = i + 1
			}
			return cells
		}(),
			[]string{"review", "总计", "first"},
			[]string{"review/reconsideration/upheld", "review/reconsideration/total"},
			[]string{"requests/new/total = 13"}},
		{"table 四, 总计 before 尚未审结", func() []string {
			cells := cat(table2v2021(), t3, table4())
			return swap(cells, slices.Index(cells, table4Head[0]), "尚未审结", "总计")
		}(),
			[]string{"review", "尚未审结", "after", "总计"},
			[]string{"review/reconsideration/pending", "review/reconsideration/total"},
			[]string{"requests/new/total = 13"}},
		{"table 四, 行政诉讼 before 行政复议", func() []string {
			cells := cat(table2v2021(), t3, table4())
			at := slices.Index(cells, table4Head[0])
			cells = swap(cells, at, "行政复议", "行政诉讼")
			return swap(cells, at, "未经复议直接起诉", "复议后起诉")
		}(),
			[]string{"review", "after", "行政诉讼"},
			[]string{"review/reconsideration/total", "review/litigation_direct/total"},
			[]string{"requests/new/total = 13"}},
		{"table 四", func() []string {
			cells := cat(table2v2021(), t3, table4())
			at := slices.Index(cells, table4Head[0])
			for range 3 { // every set of its header
				cells = swap(cells, at, "结果维持", "结果纠正")
				at += slices.Index(cells[at:], "结果维持") + 1
			}
			return cells
		}(),
			[]string{"review", "结果维持", "after", "结果纠正"},
			[]string{"review/reconsideration/upheld", "review/litigation_after_reconsideration/total"},
			[]string{"requests/new/total = 13"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for form, doc := range map[string]string{"flattened": flat(tc.cells...), "pipe rows": pipeRowsOf(tc.cells)} {
				rep := parseString(t, doc)
				wantWarning(t, rep, append(tc.warn, "left out")...)
				wantAbsent(t, rep, tc.absent...)
				wantValues(t, rep, tc.kept...)
				if t.Failed() {
					t.Fatalf("%s: %s", form, strings.Join(rep.Warnings, "\n"))
				}
			}
		})
	}
}

// The headers as the corpus prints them — a header split over two cells,
// table 三's two-row header with 总计 before 商业企业, table 四's three sets,
// one of them opening with a typo — raise no such warning.
func TestColumnsInOrder(t *testing.T) {
	split := table2v2019()
	i := slices.Index(split, "本年新制作数量")
	split = slices.Replace(split, i, i+1, "本年新", "制作数量")
	for name, cells := range map[string][]string{
		"2021":            report2021(nil),
		"2019 split cell": cat(split, table3(Template2019, nil), table4()),
		"2019, blank rows between two headers": func() []string {
			cells := cat(table2v2019(), table3(Template2019, nil), table4())
			for _, label := range []string{"行政许可", "其他对外管理服务事项"} { // printed with blank cells: flattened, none
				i := slices.Index(cells, label)
				cells = slices.Delete(cells, i+1, i+4)
			}
			return cells
		}(),
		"table 四 typo": func() []string {
			cells := report2021(nil)
			at := slices.Index(cells, table4Head[0])
			cells[at+slices.Index(cells[at:], "结果维持")] = "结果维护"
			return cells
		}(),
	} {
		rep := parseString(t, flat(cells...))
		wantNoWarning(t, rep, "an order the template does not have")
		if len(rep.Values) < 100 {
			t.Errorf("%s: %d values", name, len(rep.Values))
		}
	}
}

// A header collapsed into one line of words apart by spaces is followed
// word by word: columns swapped there leave their rows out too. The file
// is the synthetic report collapsed, one row a line, with two columns
// swapped in the headers of tables 二, 三 and 四.
func TestCollapsedHeaderOutOfOrder(t *testing.T) {
	data, err := os.ReadFile("testdata/collapsed_headers_swapped.txt")
	if err != nil {
		t.Fatal(err)
	}
	rep := parseString(t, string(data))
	wantAbsent(t, rep, "proactive/normative_documents/issued", "requests/new/commercial", "requests/new/research", "review/reconsideration/upheld")
	wantValues(t, rep, "proactive/licensing/decisions = 1268")
	wantWarning(t, rep, "商业企业", "after", "科研机构")
}

// A two-row header read line by line (a PDF without rules) puts 法人或其他组织
// above 自然人, whose cell spans both rows and is read where its text sits:
// that is no order, and the rows are read. The same words on one row are.
func TestLegalPersonsGroupAboveNaturalPerson(t *testing.T) {
	rows := func(head ...[]string) string {
		return "三、收到和处理政府信息公开申请情况\n" + pipeRows(append(head,
			row("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
			row("一、本年新收政府信息公开申请数量", "10", "2", "1", "0", "0", "0", "13"))...)
	}
	rep := parseString(t, rows(row("申请人情况"), row("法人或其他组织"), row("自然人", "总计")))
	wantValues(t, rep, "requests/new/natural_person = 10", "requests/new/total = 13")
	rep = parseString(t, rows(row("申请人情况"), row("法人或其他组织", "自然人", "总计")))
	wantAbsent(t, rep, "requests/new/natural_person", "requests/new/total")
	wantWarning(t, rep, "自然人", "after", "法人或其他组织")
}
