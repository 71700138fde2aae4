package parse

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// proseHeadings lists the headings of findProse's sections.
func proseHeadings(secs []ProseSection) []string {
	var h []string
	for _, s := range secs {
		h = append(h, s.Heading)
	}
	return h
}

// TestProseCorpus: every corpus report starts its parts with 一; parts are
// numbered in increasing order, table-3 row labels never become parts, and
// a preamble section exists exactly where the text has one (read by hand).
func TestProseCorpus(t *testing.T) {
	noPreamble := map[string]bool{
		"001_xiangyang_tjj_2022": true, "007_zhengyang_zhen_pingli_2021": true, "009_gucheng_jyj_2020": true,
		"017_yunxian_2022": true, "025_songmutang_zhen_taojiang_2022": true, "037_dongfengqu_sfj_jiamusi_2022": true,
		"045_xizang_sjt_2025": true, "047_xincai_2020": true, "057_jinxian_scjgj_2022_mirror": true,
	}
	files, _ := filepath.Glob("../testdata/corpus/reports/*.txt")
	pass := 0
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		ok := t.Run(name, func(t *testing.T) {
			secs := findProse(corpusLines(t, path))
			if len(secs) == 0 {
				t.Fatal("no sections")
			}
			if hasPre := secs[0].Heading == ""; hasPre == noPreamble[name] {
				t.Errorf("preamble section present = %v, want %v", hasPre, !noPreamble[name])
			}
			last := 0
			for i, s := range secs {
				if s.Heading == "" {
					if i != 0 {
						t.Errorf("section %d has no heading", i)
					}
					continue
				}
				m := headingRe.FindStringSubmatch(s.Heading)
				if m == nil || numerals[m[1]] <= last || tableRowRe.MatchString(s.Heading) {
					t.Errorf("section %d heading %q is not the next part after %d", i, s.Heading, last)
					continue
				}
				last = numerals[m[1]]
			}
			first := secs[0]
			if first.Heading == "" && len(secs) > 1 {
				first = secs[1]
			}
			if !strings.HasPrefix(first.Heading, "一、") {
				t.Errorf("first part is %q", first.Heading)
			}
			for _, s := range secs {
				if strings.Contains(s.Heading+s.Text, "總") {
					t.Errorf("traditional text left in %q", s.Heading)
				}
			}
		})
		if ok {
			pass++
		}
	}
	t.Logf("prose: %d/%d corpus reports pass", pass, len(files))
}

// TestProseSeed checks the one complete report: all six parts, the tables
// of 二–四 dropped, 五 and 六 kept whole.
func TestProseSeed(t *testing.T) {
	secs := findProse(corpusLines(t, "../testdata/corpus/reports/seed_yining_2023.txt"))
	want := []string{"", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
		"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}
	if got := proseHeadings(secs); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings %q, want %q", got, want)
	}
	if !strings.HasPrefix(secs[0].Text, "根据《中华人民共和国政府信息公开条例》要求,现向社会公布") {
		t.Errorf("preamble %q", secs[0].Text)
	}
	if !strings.HasPrefix(secs[1].Text, "2023年,伊宁县人民政府以习近平") || !strings.Contains(secs[1].Text, "\n(一)主动公开情况\n") {
		t.Errorf("一 text %q", secs[1].Text)
	}
	for _, s := range secs[2:5] {
		if s.Text != "" {
			t.Errorf("%s keeps table cells: %q", s.Heading, s.Text)
		}
	}
	if !strings.HasPrefix(secs[6].Text, "本机关按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》") {
		t.Errorf("六 text %q", secs[6].Text)
	}
}

func TestProseHeadings(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []ProseSection
	}{
		{"ASCII and full-width punctuation, traditional",
			"一、總體情況\n本年工作。\n二．主动公开政府信息情况\n三.收到和处理政府信息公开申请情况\n四、政府信息公开行政法复议、行政诉讼情况\n五、存在的主要问题及改进情况\n存在不足。\n六、其他需要报告的事项\n无。",
			[]ProseSection{{"一、总体情况", "本年工作。"}, {"二.主动公开政府信息情况", ""}, {"三.收到和处理政府信息公开申请情况", ""},
				{"四、政府信息公开行政法复议、行政诉讼情况", ""}, {"五、存在的主要问题及改进情况", "存在不足。"}, {"六、其他需要报告的事项", "无。"}}},
		{"heading run into text (D.15)",
			"一、总体情况2019年，我区认真贯彻落实《条例》。\n（一）主动公开\n一是加强领导。二是完善制度。",
			[]ProseSection{{"一、总体情况", "2019年,我区认真贯彻落实《条例》。\n(一)主动公开\n一是加强领导。二是完善制度。"}}},
		{"headings glued inside one line (039)",
			"电子邮箱:a@b.cn。一、总体情况2019年,我区推进公开。二、主动公开政府信息情况 第二十条第(一)项信息内容规章000五、存在的主要问题及改进情况2019年,仍有不足。六、其他需要报告的事项 无其他需要报告的事项",
			[]ProseSection{{"一、总体情况", "2019年,我区推进公开。"}, {"二、主动公开政府信息情况", ""},
				{"五、存在的主要问题及改进情况", "2019年,仍有不足。"}, {"六、其他需要报告的事项", "无其他需要报告的事项"}}},
		{"an inline list of parts is not split",
			"一、总体情况\n本报告包括一、总体情况、二、主动公开政府信息情况、三、收到和处理政府信息公开申请情况等。",
			[]ProseSection{{"一、总体情况", "本报告包括一、总体情况、二、主动公开政府信息情况、三、收到和处理政府信息公开申请情况等。"}}},
		{"tables dropped from 二–四, prose kept, table-3 rows are no parts",
			"二、主动公开政府信息情况\n2021年,我局主动公开信息66条,其中:信息公开年报1条、通知公告18条、人大建议政协提案2条。\n第二十条第(一)项\n信息内容\n规章\n0\n| 规章 | 0 | 0 | 0 |\n" +
				"三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n一、本年新收政府信息公开申请数量\n0\n(二)部分公开(区分处理的,只计这一情形,不计其他情形)\n三、本年度办理结果\n四、结转下年度继续办理\n0\n" +
				"四、政府信息公开行政复议、行政诉讼情况\n行政复议\n五、存在的主要问题及改进情况\n一是公开不够。",
			[]ProseSection{{"二、主动公开政府信息情况", "2021年,我局主动公开信息66条,其中:信息公开年报1条、通知公告18条、人大建议政协提案2条。"},
				{"三、收到和处理政府信息公开申请情况", ""}, {"四、政府信息公开行政复议、行政诉讼情况", ""}, {"五、存在的主要问题及改进情况", "一是公开不够。"}}},
		{"preamble kept, page chrome before it dropped",
			"您好,欢迎访问襄阳市统计局!\n某县2022年政府信息公开工作年度报告\n发布时间: 2023-01-29\n根据《中华人民共和国政府信息公开条例》规定编制本报告。\n本报告所列数据统计期限为2022年1月1日至2022年12月31日。\n一、总体情况\n全年公开信息。",
			[]ProseSection{{"", "根据《中华人民共和国政府信息公开条例》规定编制本报告。\n本报告所列数据统计期限为2022年1月1日至2022年12月31日。"}, {"一、总体情况", "全年公开信息。"}}},
		{"chrome only before 一: no preamble section",
			"您好,欢迎访问襄阳市统计局!\n襄阳市统计局2022年度政府信息公开工作报告\n来自:襄阳市统计局 时间:2023-01-13\n一、总体情况\n全年公开信息。",
			[]ProseSection{{"一、总体情况", "全年公开信息。"}}},
		{"archive title glued to the preamble (039)",
			"平潭综合实验区2019年政府信息公开工作年度报告 根据《条例》要求,编制完成了本报告。一、总体情况2019年,我区推进公开。",
			[]ProseSection{{"", "根据《条例》要求,编制完成了本报告。"}, {"一、总体情况", "2019年,我区推进公开。"}}},
		{"an unknown heading in sequence", "一、总体情况\n全年公开。\n二、主动公开情况\n全年主动公开信息80条,其中政策文件12条,工作动态68条,均按时公开。",
			[]ProseSection{{"一、总体情况", "全年公开。"}, {"二、主动公开情况", "全年主动公开信息80条,其中政策文件12条,工作动态68条,均按时公开。"}}},
		{"no parts", "您好,欢迎访问!\n根据《条例》编制本报告。", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := findProse(splitLines(tc.text)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestIsNumeralRune holds the switch to numeralChars.
func TestIsNumeralRune(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if got, want := isNumeralRune(r), strings.ContainsRune(numeralChars, r); got != want {
			t.Errorf("isNumeralRune(%q) = %v, want %v", r, got, want)
		}
	}
}
