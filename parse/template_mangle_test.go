package parse

import (
	"slices"
	"strings"
	"testing"
)

// The corpus truths rendered as pipe rows and then changed the ways issue
// 10's classes 2, 3, 4 and 6 change real tables: every rendering must read
// back to the truth exactly (these changes lose nothing), and never to a
// different number.

// tableMangle changes a truth file's rendered tables in place.
type tableMangle func(tabs []statTable, template string)

var tableMangles = map[string]tableMangle{
	// Class 2: qualifiers and instructions after table 二's row labels, and
	// an extra row the template does not have.
	"bracketed labels": func(tabs []statTable, _ string) {
		eachProactiveRow(tabs, func(tab *statTable, i int) {
			r := tab.rows[i]
			r[0].text += []string{"（制度）", "（仅限本机关依照法定权限制定的填写本行）"}[i%2]
			if i%3 == 0 {
				extra := []statCell{lbl("其他主动公开文件（以本机关名义印发的其他公文）")}
				for range r[1:] {
					extra = append(extra, statCell{text: "7"})
				}
				tab.rows = append(tab.rows[:i+1], append([][]statCell{extra}, tab.rows[i+1:]...)...)
			}
		})
	},
	// Class 3: units and signs in table 二's count cells.
	"units in cells": func(tabs []statTable, template string) {
		eachProactiveRow(tabs, func(tab *statTable, i int) {
			r := tab.rows[i]
			for j := 1; j < len(r); j++ {
				c := &r[j]
				if c.null || c.text == "" || len(r) == 2 && template == Template2021 && strings.Contains(r[0].text, "收费") {
					continue // amounts: units there are class 3's other half
				}
				if template == Template2019 && strings.Contains(r[0].text, "采购") {
					continue
				}
				switch j % 3 {
				case 0:
					c.text += "（件）"
				case 1:
					c.text += "件"
				case 2:
					if !strings.HasPrefix(c.text, "-") {
						c.text = "+" + c.text
					}
				}
			}
		})
	},
	// Class 4: a table-二 row's values printed in one cell.
	"several numbers in one cell": func(tabs []statTable, _ string) {
		eachProactiveRow(tabs, func(tab *statTable, i int) {
			r := tab.rows[i]
			var nums []string
			for _, c := range r[1:] {
				if c.null || c.text == "" {
					return
				}
				nums = append(nums, c.text)
			}
			if len(nums) > 1 {
				tab.rows[i] = []statCell{r[0], {text: strings.Join(nums, " ")}}
			}
		})
	},
	// Class 11: table 二's decision rows printed split into two sub-rows,
	// the row's own values and zeros, under a label with no cells. (A
	// parent with a blank cell, cut right after it, reads as a row cut
	// after its first blank cell: a different truth.)
	"split rows": func(tabs []statTable, _ string) {
		eachProactiveRow(tabs, func(tab *statTable, i int) {
			r := tab.rows[i]
			// The parent prints one blank cell: short of a 2019 row's three
			// columns. (A 2021 row's one blank cell is its full width: a
			// row of blanks, which sub-rows cut away would not contradict.)
			if !strings.Contains("行政许可其他对外管理服务事项行政处罚行政强制", r[0].text) || len(r) < 3 {
				return
			}
			first, second := []statCell{lbl("行政检查")}, []statCell{lbl("行政确认")}
			for _, c := range r[1:] {
				if c.null || c.text == "" {
					return
				}
				first = append(first, statCell{text: c.text})
				second = append(second, statCell{text: "0"})
			}
			tab.rows = append(tab.rows[:i], append([][]statCell{{r[0]}, first, second}, tab.rows[i+1:]...)...)
		})
	},
	// Class 6: the first table-二 header word printed as 本年制作数量, which
	// fits both layouts.
	"ambiguous header word": func(tabs []statTable, _ string) {
		for ti := range tabs {
			for _, r := range tabs[ti].rows {
				for j := range r {
					if r[j].text == "本年制发件数" || r[j].text == "本年新制作数量" {
						r[j].text = "本年制作数量"
					}
				}
			}
		}
	},
}

// eachProactiveRow calls f for every value row of table 二.
func eachProactiveRow(tabs []statTable, f func(tab *statTable, i int)) {
	for ti := range tabs {
		tab := &tabs[ti]
		if tab.heading != "二、主动公开政府信息情况" {
			continue
		}
		for i := len(tab.rows) - 1; i >= 0; i-- {
			r := tab.rows[i]
			if len(r) > 1 && r[0].label && r[0].text != "信息内容" && !r[1].label {
				f(tab, i)
			}
		}
	}
}

// pipeText writes tables as "a | b | c |" rows under their headings.
func pipeText(title string, tabs []statTable) string {
	var b strings.Builder
	b.WriteString(title + "\n")
	for _, tab := range tabs {
		b.WriteString(tab.heading + "\n")
		for _, r := range tab.rows {
			for _, c := range r {
				b.WriteString(c.text + " | ")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestTemplateClassesOnCorpusTruths(t *testing.T) {
	for _, c := range goldenHTMLCases(t) {
		template := c.truth.meta["template"]
		for name, mangle := range tableMangles {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				r := statRenderer{t: t, name: c.name, template: template, values: c.truth.values}
				tabs := r.tables()
				mangle(tabs, template)
				doc := pipeText(c.header["title"], tabs)
				rep, err := Parse([]byte(doc), Options{Name: c.name})
				if err != nil {
					t.Fatal(err)
				}
				compareValues(t, c.name+"/"+name, rep.Values, c.truth.values)
				if rep.Template != template {
					t.Errorf("template = %q, want %q", rep.Template, template)
				}
				if t.Failed() {
					t.Logf("document:\n%s", doc)
				}
			})
		}
	}
}

// templateMangleNames orders tableMangles for the fuzz target's flags.
var templateMangleNames = func() []string {
	var names []string
	for n := range tableMangles {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}()

// FuzzTemplateClasses applies any mix of the class 2/3/4/6/11 changes to a
// corpus truth's tables, serialised as pipe rows or as one cell per line,
// optionally cut anywhere: whatever is read must be the truth (a cell may
// be left out, never read wrong).
func FuzzTemplateClasses(f *testing.F) {
	for which := range uint16(16) {
		f.Add(which, uint8(0xff), false, uint16(0))
		f.Add(which, uint8(which), true, uint16(which*97))
	}
	cases := goldenHTMLCases(f)
	f.Fuzz(func(t *testing.T, which uint16, flags uint8, flat bool, cut uint16) {
		c := cases[int(which)%len(cases)]
		template := c.truth.meta["template"]
		r := statRenderer{t: t, name: c.name, template: template, values: c.truth.values}
		tabs := r.tables()
		for i, name := range templateMangleNames {
			if flags&(1<<i) != 0 {
				tableMangles[name](tabs, template)
			}
		}
		doc := pipeText(c.header["title"], tabs)
		if flat && !hasNull(c.truth.values) {
			// One cell per line drops blank cells without a trace, as
			// flattened pages do: only truths without blanks.
			doc = strings.NewReplacer(" | ", "\n\n", "\n", "\n\n").Replace(doc)
		}
		if cut != 0 {
			rs := []rune(doc)
			doc = string(rs[:len(rs)-int(cut)%len(rs)])
		}
		rep, err := Parse([]byte(doc), Options{Name: c.name})
		if err != nil {
			t.Fatal(err)
		}
		checkNoWrongValue(t, c.name, doc, rep, c.truth.values)
	})
}

func hasNull(values map[string]*float64) bool {
	for _, v := range values {
		if v == nil {
			return true
		}
	}
	return false
}
