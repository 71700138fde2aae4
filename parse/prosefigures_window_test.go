package parse

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// statedFigures must find exactly what figureStated.FindAll does: over the
// corpus texts and over random strings built from the pattern's pieces
// (verbs, 了/的, 行政, the noun, 共/合计, digits, 件, clutter).
func TestStatedFiguresSameAsFindAll(t *testing.T) {
	var texts []string
	for _, c := range loadCorpus(t) {
		texts = append(texts, foldASCII(c.raw))
	}
	pieces := []string{"制发", "印发", "出台", "制定", "废止", "现行有效", "了", "的", "行政", "规范性文件",
		"规范性文件", "规范", "共", "合计", "1", "23", "件", "件", "，", "x", "有效"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			if r.IntN(2) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
				continue
			}
			// A phrase close to the pattern, parts dropped at random.
			for _, part := range [][]string{{"制发", "废止", "现行有效", "印发"}, {"", "了", "的"},
				{"", "行政"}, {"规范性文件"}, {"", "共", "合计"}, {"3", "140", ""}, {"件", "", "，"}} {
				b.WriteString(part[r.IntN(len(part))])
			}
		}
		texts = append(texts, b.String())
	}
	matched := 0
	for _, s := range texts {
		want := figureStated.FindAllStringSubmatchIndex(s, -1)
		got := statedFigures(s)
		if len(want) > 0 {
			matched++
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%q: FindAll %v, statedFigures %v", s, want, got)
		}
	}
	if matched < 5000 {
		t.Fatalf("only %d texts hold a stated figure: the test proves little", matched)
	}
}

// A figure the prose states decides a glued 规范性文件 row only when it is
// this year's count of them: not last year's (较2021年), a plan (计划, 拟),
// a running total (累计), nor a count of something else (印发12件工作方案).
// A blank mark or fewer numbers than columns leave the row out, even where
// the prose states one of its figures.
func TestProseFiguresDecideOnlyTheirOwn(t *testing.T) {
	doc := func(prose, row string) string {
		return "某县人民政府2022年政府信息公开工作年度报告\n\n本报告所列数据统计期限自2022年1月1日起至2022年12月31日止。\n\n一、总体情况\n\n" + prose +
			"\n\n二、主动公开政府信息情况\n\n第二十条第(一)项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章 0 0 0\n行政规范性文件 " + row + "\n"
	}
	for _, prose := range []string{
		"本年度发布行政规范性文件1件，较2021年制发规范性文件12件有所减少。",
		"2023年，我县计划制定规范性文件12件。",
		"全县累计制发规范性文件12件。",
		"本年拟废止规范性文件4件。",
		"现行有效行政规范性文件45件，印发12件工作方案。",
	} {
		rep := parseString(t, doc(prose, "1245"))
		if strings.Contains(prose, "现行有效") {
			// 45 in force decides 1 | 2 | 45; the 12 work plans decide nothing.
			wantValues(t, rep, "proactive/normative_documents/issued = 1", "proactive/normative_documents/in_force = 45")
			continue
		}
		for _, v := range rep.Values {
			if v.Row == "normative_documents" && v.Col != "in_force" {
				t.Errorf("%s: %s = %s read from 1245", prose, v.Key(), fmtNum(v.Number))
			}
		}
	}
	for _, row := range []string{"— 12 45", "12 45"} {
		rep := parseString(t, doc("截至年底，现行有效行政规范性文件45件。", row))
		wantAbsent(t, rep, "proactive/normative_documents/issued", "proactive/normative_documents/repealed", "proactive/normative_documents/in_force")
	}
}
