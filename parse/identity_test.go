package parse

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// corpusLines reads a corpus report as findIdentity sees it: the raw text
// after the header's "---" line, split on "\n", trimmed, empty lines dropped.
func corpusLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, raw, ok := strings.Cut(string(b), "\n---\n")
	if !ok {
		t.Fatalf("%s: no --- line", path)
	}
	return splitLines(raw)
}

func splitLines(raw string) []string {
	var lines []string
	for _, l := range strings.Split(raw, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// truthKeys reads the "#key<TAB>value" lines of a truth file.
func truthKeys(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "# ") {
			k, v, _ := strings.Cut(strings.TrimPrefix(l, "#"), "\t")
			keys[k] = v
		}
	}
	return keys
}

// corpusIdentity holds what each corpus text visibly shows besides the
// truth files' jurisdiction and year, read from the files by hand: the
// title as printed (empty where the excerpt shows none; the editors'
// parenthesised titles in the headers are not in the text), the
// publication date and the publishing office where the page says so.
var corpusIdentity = map[string]struct{ title, published, agency string }{
	"001_xiangyang_tjj_2022":                 {"襄阳市统计局2022年度政府信息公开工作报告", "2023-01-13", "襄阳市统计局"},
	"003_qu_tjj_2023_61-150-65-235":          {"区统计局2023年政府信息公开工作年度报告", "", ""}, // 现公布区统计局2023年…报告
	"005_longtian_zhen_2021":                 {"龙田镇人民政府2021年政府信息公开工作年度报告", "2022-01-29", ""},
	"007_zhengyang_zhen_pingli_2021":         {"平利县正阳镇2021年度政府信息公开工作年度报告", "2022-01-26", "正阳镇"},
	"009_gucheng_jyj_2020":                   {"故城县教育局2020年政府信息公开工作年度报告", "", ""}, // split over two lines
	"011_qianjinqu_jyj_jiamusi_2020":         {"前进区教育局2020年政府信息公开工作年度报告", "2021-01-19", "区教体局"},
	"013_tinghu_yulong_jd_2024":              {"盐城市亭湖区人民政府毓龙街道办事处2024年政府信息公开工作年度报告", "", ""},
	"015_jianping_ybj_2023":                  {"", "", ""},
	"017_yunxian_2022":                       {"云县人民政府2022年政府信息公开工作年度报告", "2023-01-31", ""}, // 来源: 作者: (empty)
	"019_songming_xzfb_2022":                 {"嵩明县人民政府办公室2022年政府信息公开工作年度报告", "", ""},
	"021_tongzi_2022":                        {"桐梓县2022年政府信息公开工作年度报告", "", ""}, // 现公布桐梓县2022年…报告
	"023_fugu_xzfb_2022":                     {"县政府办2022年度政府信息公开工作年度报告", "2023-01-18", "县政府办公室"},
	"025_songmutang_zhen_taojiang_2022":      {"桃江县松木塘镇人民政府2022年政府信息公开工作年度报告", "", ""},
	"027_zhongcun_xiang_huichang_2020":       {"中村乡2020年政府信息公开工作年度报告", "", ""},
	"029_ningqiang_zrzyj_2021":               {"宁强县自然资源局关于2021年度政府信息公开情况的报告", "", ""},
	"031_xian-zrzyj_2023_mirror-trad-pinyin": {"", "", ""},
	"033_chongqing-shi_2019":                 {"重庆市2019年政府信息公开工作年度报告", "2020-03-31", ""}, // 发布机构 : | | (empty)
	"035_zhenglanqi_2021":                    {"正蓝旗2021年政府信息公开工作年度报告", "2022-01-25", "正蓝旗"},
	"037_dongfengqu_sfj_jiamusi_2022":        {"", "", ""},
	"039_pingtan_2019_archive-txt":           {"平潭综合实验区2019年度政府信息公开工作年度报告", "2020-01-20", ""}, // 标题: / 发布时间: / 发布机构: (empty)
	"041_pingtan_2020_archive-txt":           {"平潭综合实验区2020年度政府信息公开工作年度报告", "2021-03-05", ""},
	"042_pingtan_2022_archive-html-excerpt":  {"", "", ""},
	"045_xizang_sjt_2025":                    {"西藏自治区审计厅2025年政务信息公开工作开展年度报告", "2026-01-16", ""}, // 发布机构 发布日期 … (empty)
	"047_xincai_2020":                        {"新蔡县人民政府2020年政府信息公开工作年度报告", "2021-02-02", "新蔡县人民政府"},
	"049_hebao_zhen_rongchang_2020":          {"河包镇2020年政府信息公开工作年度报告", "2021-01-29", ""},
	"051_dongcheng-qu_2023":                  {"", "", ""},
	"053_kazuo_wjj_2025":                     {"", "", ""},
	"055_zhangping_wjj_2023":                 {"漳平市卫生健康局2023年政府信息公开工作年度报告", "", ""},
	"057_jinxian_scjgj_2022_mirror":          {"进贤县市场监督管理局2022年政府信息公开工作年度报告", "", ""}, // 现将X…报告向社会公布
	"059_xingqing-qu_2023":                   {"银川市兴庆区人民政府2023年政府信息公开工作年度报告", "", ""}, // 现发布《…》
	"seed_yining_2023":                       {"伊宁县政府信息公开工作2023年度报告", "2024-01-26", "伊宁县人民政府办公室"},
}

// TestIdentityCorpus runs findIdentity over every corpus report and compares
// jurisdiction and year with the truth files, and title, publication date
// and office with the values read from the texts. No corpus report has a
// year conflict or names another body, so none may warn.
func TestIdentityCorpus(t *testing.T) {
	files, err := filepath.Glob("../testdata/corpus/reports/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus reports: %v", err)
	}
	pass := 0
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			truth := truthKeys(t, filepath.Join("../testdata/corpus/truth", name+".tsv"))
			id := findIdentity(corpusLines(t, path))
			ok := true
			check := func(what, got, want string) {
				if got != want {
					ok = false
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("jurisdiction", id.jurisdiction, truth["jurisdiction"])
			check("year", strconv.Itoa(id.year), truth["year"])
			want, listed := corpusIdentity[name]
			if !listed {
				t.Fatalf("%s is not in corpusIdentity: read the file and add its title/published/agency", name)
			}
			check("title", id.title, want.title)
			check("published", id.published, want.published)
			check("agency", id.agency, want.agency)
			if len(id.warnings) != 0 {
				ok = false
				t.Errorf("warnings = %q, want none", id.warnings)
			}
			if ok {
				pass++
			}
		})
	}
	t.Logf("identity: %d/%d corpus reports pass", pass, len(files))
}

// identityOf runs findIdentity over text written one line per line.
func identityOf(text string) identity { return findIdentity(splitLines(text)) }

func TestIdentityTitleVariants(t *testing.T) {
	for _, tc := range []struct {
		name, text, title, jurisdiction string
		year                            int
	}{
		{"年度 before 政府 (B.16, 001)", "襄阳市统计局2022年度政府信息公开工作报告", "襄阳市统计局2022年度政府信息公开工作报告", "襄阳市统计局", 2022},
		{"政务信息公开工作开展年度报告 (045)", "西藏自治区审计厅2025年政务信息公开工作开展年度报告", "西藏自治区审计厅2025年政务信息公开工作开展年度报告", "西藏自治区审计厅", 2025},
		{"关于…情况的报告 (029)", "宁强县自然资源局关于2021年度政府信息公开情况的报告", "宁强县自然资源局关于2021年度政府信息公开情况的报告", "宁强县自然资源局", 2021},
		{"政府信息公开工作年度报告", "云县人民政府2022年政府信息公开工作年度报告 |", "云县人民政府2022年政府信息公开工作年度报告", "云县人民政府", 2022},
		{"政府信息公开年度报告", "通榆县2021年政府信息公开年度报告", "通榆县2021年政府信息公开年度报告", "通榆县", 2021},
		{"政府信息公开年报", "通榆县2020年政府信息公开年报", "通榆县2020年政府信息公开年报", "通榆县", 2020},
		{"信息公开报告", "某某市水务局2020年信息公开报告", "某某市水务局2020年信息公开报告", "某某市水务局", 2020},
		{"year after 政府信息公开工作 (seed)", "伊宁县政府信息公开工作2023年度报告", "伊宁县政府信息公开工作2023年度报告", "伊宁县", 2023},
		{"split mid-word (045)", "西藏自治区审计厅2025年政务信息\n公开工作开展年度报告", "西藏自治区审计厅2025年政务信息公开工作开展年度报告", "西藏自治区审计厅", 2025},
		{"split after the name (009)", "故城县教育局\n2020年政府信息公开工作年度报告\n一、总体情况", "故城县教育局2020年政府信息公开工作年度报告", "故城县教育局", 2020},
		{"nameless page title, then the split title (025)", "2022年政府信息公开工作年度报告\n桃江县松木塘镇人民政府\n2022年政府信息公开工作年度报告", "桃江县松木塘镇人民政府2022年政府信息公开工作年度报告", "桃江县松木塘镇人民政府", 2022},
		{"quoted in the body (059)", "根据《条例》要求,现发布《银川市兴庆区人民政府2023年政府信息公开工作年度报告》,本报告统计数据从2023年1月1日至12月31日。", "银川市兴庆区人民政府2023年政府信息公开工作年度报告", "银川市兴庆区人民政府", 2023},
		{"metadata 标题:", "标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n发布时间: 2020-01-20 15:22", "平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区", 2019},
		{"metadata 标   题", "标   题 县政府办2022年度政府信息公开工作年度报告\n发布机构 县政府办公室 公文时效 有效", "县政府办2022年度政府信息公开工作年度报告", "县政府办", 2022},
		{"metadata pipe row (033)", "标题 : | 重庆市2019年政府信息公开工作年度报告 | ||||||", "重庆市2019年政府信息公开工作年度报告", "重庆市", 2019},
		{"docx spaces (D.31)", "乌拉特中旗巴音乌兰苏木 2021 年政府信息 公开工作年度报告", "乌拉特中旗巴音乌兰苏木2021年政府信息公开工作年度报告", "乌拉特中旗巴音乌兰苏木", 2021},
		{"traditional mirror (D.25)", "賀蘭縣2022年政府信息公開工作年度報告", "贺兰县2022年政府信息公开工作年度报告", "贺兰县", 2022},
		{"full-width spaces and punctuation", "标　　题：漳平市卫生健康局2023年政府信息公开工作年度报告", "漳平市卫生健康局2023年政府信息公开工作年度报告", "漳平市卫生健康局", 2023},
		{"page chrome only (D.32)", "您好,欢迎访问襄阳市统计局!\n当前位置: 网站首页 > 政务公开 > 政府信息公开年报 > 2022年 > 正文\n您当前所在位置: 首页 > 乡镇信息公开 > 中村乡 > 政务信息公开年报\n关怀版 无障碍 无障碍\n• 字号:\n首页/ 政府信息公开 / 政府信息公开年报 / 镇街 / 2021年 / 正文", "", "", 0},
		{"notice citing a report is no title", "根据《漳平市人民政府办公室关于编制公布2023年政府信息公开工作年度报告有关事项的通知》要求,现将我局2023年政府信息公开工作年度报告向社会公布。", "", "", 2023},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.title != tc.title || id.jurisdiction != tc.jurisdiction || id.year != tc.year {
				t.Errorf("got title %q, jurisdiction %q, year %d; want %q, %q, %d", id.title, id.jurisdiction, id.year, tc.title, tc.jurisdiction, tc.year)
			}
		})
	}
}

func TestIdentityJurisdiction(t *testing.T) {
	for _, tc := range []struct {
		name, text, want, warn string
	}{
		{"body statement spells out the title's short form (seed)",
			"伊宁县政府信息公开工作2023年度报告\n根据《条例》要求,现向社会公布伊宁县人民政府2023年政府信息公开工作年度报告。", "伊宁县人民政府", ""},
		{"longer title kept over the statement's short form (017)",
			"云县人民政府2022年政府信息公开工作年度报告 |\n一、总体情况 根据《条例》要求,现将云县2022年度政府信息公开工作情况报告如下。", "云县人民政府", ""},
		{"generic title expanded from the body (023)",
			"县政府办2022年度政府信息公开工作年度报告\n一、总体情况\n2022年,府谷县人民政府办公室严格贯彻落实《条例》。", "府谷县人民政府办公室", ""},
		{"higher-level place from the title kept (007)",
			"平利县正阳镇2021年度政府信息公开工作年度报告\n2021年,正阳镇在县委、县政府的正确领导下,规范推进。", "平利县正阳镇", ""},
		{"statement without a title (021)", "根据《条例》要求,现公布桐梓县2022年政府信息公开工作年度报告。\n2022年,我县坚持以习近平…为指导。", "桐梓县", ""},
		{"sentence subject without title, traditional (031)", "2023年,縣自然資源局緊密結(jié)合自然資源和規(guī)劃管理工作實際,堅持公開為常態(tài)。", "县自然资源局", ""},
		{"only 我局 (015, 053)", "根据《条例》规定编制本报告。\n2023年,我局以习近平新时代中国特色社会主义思想为指导,认真贯彻落实。\n现将我局2023年政府信息公开工作年度报告向社会公布。", "", ""},
		{"clause openings are no names (047, 045)", "2020年,在新蔡县政府的高度重视和科学领导下,开展工作。\n2025年,在自治区党委、政府坚强领导下,审计厅认真贯彻。", "", ""},
		{"party bodies are no names", "2022年,县委县政府高度重视政务公开工作。", "", ""},
		{"a sub-office is another body", "重庆市2019年政府信息公开工作年度报告\n2019年,重庆市人民政府办公厅认真落实《条例》。", "重庆市", "重庆市人民政府办公厅"},
		{"title and body disagree (B.27)", "賀蘭縣2022年政府信息公開工作年度報告\n2022年,靈武市堅持以習近平新時代中國特色社會主義思想為指導。", "贺兰县", "灵武市"},
		{"spam lines name nobody (D.26)", "beat365手机版官方网站2022年工作报告\n2022年,澳门新葡京坚持以客户为中心。", "", ""},
		{"a body above the text's own level is another's", "2023年,市政府办公室在全市政务公开考核中对我县给予通报表扬。\n2023年,平阳县人民政府认真贯彻落实《条例》。", "平阳县人民政府", ""},
		{"a province's office is no county's", "2023年,省政府办公厅在全省政务公开第三方评估中将我县评为优秀。", "", ""},
		{"a city's office in a city's report", "2023年,市政府办公室认真贯彻落实《条例》,我市政务公开水平持续提升。", "市政府办公室", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.jurisdiction != tc.want {
				t.Errorf("jurisdiction = %q, want %q", id.jurisdiction, tc.want)
			}
			// The year's warnings are another test's: these texts join
			// sentences of different reports.
			warned := strings.Join(slices.DeleteFunc(slices.Clone(id.warnings), func(w string) bool { return strings.HasPrefix(w, "year:") }), "; ")
			if tc.warn == "" && warned != "" || tc.warn != "" && !strings.Contains(warned, tc.warn) {
				t.Errorf("warnings = %q, want one naming %q", id.warnings, tc.warn)
			}
		})
	}
}

func TestIdentityAgencyAndPublished(t *testing.T) {
	for _, tc := range []struct {
		name, text, agency, published string
	}{
		{"date line with office (seed)", "伊宁县政府信息公开工作2023年度报告\n2024-01-26   伊宁县人民政府办公室", "伊宁县人民政府办公室", "2024-01-26"},
		{"来自 / 时间 (001)", "来自:襄阳市统计局 时间:2023-01-13", "襄阳市统计局", "2023-01-13"},
		{"信息来源 / 发布时间 with clock (007)", "信息来源:正阳镇 作者:佚名 发布时间:2022-01-26 16:32 【 字体:", "正阳镇", "2022-01-26"},
		{"发布机构 / 发布日期, 成文日期 ranks lower (023)", "成文日期 2023-01-17 发布日期 2023-01-18\n发布机构 县政府办公室 公文时效 有效", "县政府办公室", "2023-01-18"},
		{"发布者 (011)", "发布者:区教体局   发布日期:2021-01-19 14:36:15   浏览次数:19432", "区教体局", "2021-01-19"},
		{"来源 / 发布日期 in 年月日 (035)", "来源:正蓝旗 发布日期:2022年01月25日", "正蓝旗", "2022-01-25"},
		{"full-width colon", "发布日期：2022年1月5日　　来源：某某县人民政府", "某某县人民政府", "2022-01-05"},
		{"日期 (049)", "日期:2021-01-29\n字体:【 默认 超大", "", "2021-01-29"},
		{"pipe metadata, 成文日期 only (033)", "发布机构 : | |\n成文日期 : | 2020-03-31 |", "", "2020-03-31"},
		{"label and value on two lines (047)", "发布时间:\n2021-02-02 10:20\n信息来源:\n新蔡县人民政府\n分享到:", "新蔡县人民政府", "2021-02-02"},
		{"empty label 来源 (017)", "来源: 作者: 时间:2023-01-31 点击率:【 打印 】【 关闭 】 | ||||", "", "2023-01-31"},
		{"empty label 发布机构, 发布日期 over 时间 (045)", "发布机构 发布日期 2026-01-16 18:22:45\n时间: 2026-01-17 18:22:45 来源:\n背景色:", "", "2026-01-16"},
		{"archive header (039)", "标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n发布时间: 2020-01-20 15:22\n文号:\n发布机构:\n栏目: 政府信息公开年报", "", "2020-01-20"},
		{"statistics period is no publication date", "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n统计时间:2023年1月1日至2023年12月31日", "", ""},
		{"the site's update time is no publication date", "网站更新时间:2024-06-03\n成文日期:2024-01-20", "", "2024-01-20"},
		{"the previous page's date is not this one's", "某县2023年政府信息公开工作年度报告\n上一篇:某县2022年政府信息公开工作年度报告 发布时间:2023-01-28", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.agency != tc.agency || id.published != tc.published {
				t.Errorf("agency %q, published %q; want %q, %q", id.agency, id.published, tc.agency, tc.published)
			}
		})
	}
}

func TestIdentityYear(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       int
		warn       string
	}{
		{"statistics period", "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。", 2023, ""},
		{"period with lost 年/月 (029)", "报告中所列数据的统计期限自202111日起至20211231日止。", 2021, ""},
		{"period 20211月1日 (035)", "本报告中所列数据统计期限为20211月1日至202112月31日。", 2021, ""},
		{"period end typo 202020年", "统计期限自2020年1月1日起至202020年12月31日止。", 2020, ""},
		{"period with a dash (019)", "数据统计期限从2022年1月1日—2022年12月31日。", 2022, ""},
		{"body sentences only (037)", "2022年,东风区司法局认真履行法定义务。\n2022年,我局通过区政府网站发布信息5条。", 2022, ""},
		{"next year's plans do not outvote the period", "统计期限自2022年1月1日起至2022年12月31日止。\n2023年,我局将继续加强。\n2023年,我局将进一步完善。\n2023年,我局将强化培训。", 2022, ""},
		{"any mention as last resort (051)", "一是印发《2023年东城区政务公开工作要点》。", 2023, ""},
		{"title and period disagree: best supported wins", "某某县2022年政府信息公开工作年度报告\n统计期限自2023年1月1日起至2023年12月31日止。\n2023年,我县坚持公开。", 2023, "2022"},
		{"title wins with body support", "某某县2022年政府信息公开工作年度报告\n统计期限自2021年1月1日起至2021年12月31日止。\n2022年,我县坚持公开。", 2022, "2021"},
		{"a report named in the text and the body outvote the title", "某某县2022年政府信息公开工作年度报告\n现将某某县2023年政府信息公开工作年度报告公布如下。\n2023年,我县坚持公开。\n2023年,我县共收到申请5件。", 2023, "2022"},
		{"body sentences alone never outvote the title", "某某县2022年政府信息公开工作年度报告\n2023年,我县将继续公开。\n2023年,我县将强化培训。\n2023年,我县将完善制度。\n2023年,我县将加强监督。", 2022, ""},
		{"unknown", "一、总体情况\n我局认真贯彻落实《条例》。", 0, ""},
		{"a range not to 31 December is no period", "一、总体情况\n2023年,我县认真贯彻落实《条例》。\n五、改进情况\n自2024年1月1日起至2024年3月31日,开展专项整治。", 2023, ""},
		{"spaced dates open no sentence", "一、总体情况\n2023年,我县认真贯彻落实《条例》。\n发布日期:2024 年 1 月 26 日\n2024 年 1 月 26 日", 2023, ""},
		{"the previous page's title is not this one's", "一、总体情况\n2023年,我县认真贯彻落实《条例》。\n上一篇 某县2022年政府信息公开工作年度报告", 2023, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.year != tc.want {
				t.Errorf("year = %d, want %d", id.year, tc.want)
			}
			warned := strings.Join(id.warnings, "; ")
			if tc.warn == "" && warned != "" || tc.warn != "" && !(strings.Contains(warned, tc.warn) && strings.Contains(warned, strconv.Itoa(tc.want))) {
				t.Errorf("warnings = %q, want one naming %s and %d", id.warnings, tc.warn, tc.want)
			}
		})
	}
}

// TestIdentityMarkup covers raw HTML handed over as text (042): tags that
// span lines are removed before anything is read.
func TestIdentityMarkup(t *testing.T) {
	text := "<div class=TRS_Editor><p><span style=\"font-size: 16\npx;\">本报告中所列数据统计时限为2022年1月1日至2022年12月31日。</span></p>\n" +
		"<p><span style=\"white-space:pre\">\t</span>一、总体情况</p><p><span>\t</span>2022年，平潭综合实验区坚持以习近平新时代中国特色社会主义思想为指导。</span></p>"
	id := identityOf(text)
	if id.jurisdiction != "平潭综合实验区" || id.year != 2022 {
		t.Errorf("got %q %d", id.jurisdiction, id.year)
	}
}

// The year the report covers, where its sources disagree: the title wins a
// tie with a statistics period copied from last year's report; the heading
// of next year's plans and a plan's sentence (2023年,我局将进一步…) are no
// evidence; and sentences alone that name two years as often leave the year
// empty rather than guess.
func TestIdentityYearEvidence(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		year       int
		warn       string
	}{
		{"period copied from last year's report",
			"某县教育局2020年政府信息公开工作年度报告\n本报告统计期限自2019年1月1日起至2019年12月31日止。", 2020, "disagree"},
		{"next year's plans heading",
			"2022年,我局坚持以公开为常态。\n五、存在的主要问题及改进情况\n(二)2023年工作打算\n进一步加强政务公开。", 2022, ""},
		{"two years as often",
			"2022年,我局坚持以公开为常态。\n2023年,我局坚持依法公开。", 0, "left empty"},
		{"a plan sentence is no evidence",
			"2022年,我局坚持以公开为常态。\n2023年,我局将进一步加强政务公开。\n2023年,我局将继续完善制度。", 2022, ""},
		{"将 before a noun is no plan",
			"2022年,我局坚持以公开为常态。\n2023年,我局将政务公开纳入考核。", 0, "left empty"},
		{"the title outweighs a plan sentence",
			"某县教育局2022年政府信息公开工作年度报告\n2023年,我局将进一步加强政务公开。", 2022, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.year != tc.year {
				t.Errorf("year %d, want %d (warnings %q)", id.year, tc.year, id.warnings)
			}
			warned := strings.Join(id.warnings, "; ")
			if tc.warn != "" && !strings.Contains(warned, tc.warn) {
				t.Errorf("warnings %q, want one saying %q", id.warnings, tc.warn)
			}
		})
	}
}

// The line above a title that names nobody is taken for the publisher only
// when it ends as an office's or a place's name does, and only when the
// text names no other body: a site's column (通知公告) or its portal's name
// above a town's report is chrome.
func TestIdentityLineAboveTitle(t *testing.T) {
	for _, tc := range []struct {
		name, text, want, warn string
	}{
		{"publisher on the line above (009)", "故城县教育局\n2020年政府信息公开工作年度报告\n一、总体情况", "故城县教育局", ""},
		{"an office that ends in 馆", "青岚县档案馆\n2023年政府信息公开工作年度报告\n一、总体情况", "青岚县档案馆", ""},
		{"a column is no name", "通知公告\n2020年政府信息公开工作年度报告\n2020年,前进区教育局认真贯彻落实《条例》。", "前进区教育局", ""},
		{"the portal above a town's report", "重庆市荣昌区人民政府\n2020年政府信息公开工作年度报告\n2020年,河包镇认真贯彻落实《条例》。", "河包镇", "the line above the title"},
		{"its own short form in the text", "云栖街道办事处\n2021年政府信息公开工作年度报告\n2021年,云栖街道认真贯彻落实《条例》。", "云栖街道办事处", ""},
		{"the county of the office in the text", "故城县教育局\n2020年政府信息公开工作年度报告\n2020年,故城县在县委县政府的领导下推进政务公开。", "故城县教育局", "故城县教育局"},
		{"a portal is no publisher", "青山区人民政府门户网站\n2023年政府信息公开工作年度报告\n2023年,我镇坚持以公开为常态。", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.jurisdiction != tc.want {
				t.Errorf("jurisdiction %q, want %q (warnings %q)", id.jurisdiction, tc.want, id.warnings)
			}
			warned := strings.Join(id.warnings, "; ")
			if tc.warn == "" && strings.Contains(warned, "jurisdiction") || tc.warn != "" && !strings.Contains(warned, tc.warn) {
				t.Errorf("warnings %q, want one saying %q", id.warnings, tc.warn)
			}
		})
	}
}

// Without a title, period or statement, the years the text names (dates
// left out) must agree with the sentences that open with a year: one
// sentence about last year's result in a text about this year, or one about
// this year in a text planning the next, leaves the year empty rather than
// taking either.
func TestIdentityYearFromMentions(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		year       int
	}{
		{"last year's result", "一是印发《2023年东城区政务公开工作要点》。发布《2023年东城区重大行政决策目录》。落实2023年工作任务。\n2022年,东城区政务公开工作在全市考核中获评优秀。", 0},
		{"next year's plans", "2023年,我局坚持以公开为常态。\n下一步,我局将于2024年继续推进,力争2024年底前完成。\n2024年1月26日", 0},
		{"mentions agree", "2023年,我局坚持以公开为常态。\n全年公开信息120条,2023年未收到申请。\n2024年1月26日", 2023},
		{"mentions alone", "本机关全年公开信息120条,2023年未收到政府信息公开申请,2023年无行政复议。", 2023},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := identityOf(tc.text)
			if id.year != tc.year {
				t.Errorf("year %d, want %d (warnings %q)", id.year, tc.year, id.warnings)
			}
			if tc.year == 0 && !strings.Contains(strings.Join(id.warnings, ";"), "left empty") {
				t.Errorf("no warning says the year is left empty: %q", id.warnings)
			}
		})
	}
}
