package parse

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Issue 10, class 10: the year and the published date where reports print
// them in ways the corpus did not show (testdata/corpus/NOTES.md, "Class 10").

func TestIdentityYearSpaced(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		year       int
	}{
		{"statistics period", "根据《条例》要求编制本报告。本报告统计期限自2025 年1 月1 日起至2025 年12 月31 日止。", 2025},
		{"sentence opening", "2024 年,我局坚持以习近平新时代中国特色社会主义思想为指导。\n2024 年,我局进一步完善制度。", 2024},
		{"title", "某县水利局 2023 年度政府信息公开工作年度报告", 2023},
		{"full-width digits in the period", "本报告统计期限自２０２２年１月１日起至２０２２年１２月３１日止。", 2022},
		{"full-width digits and a space in the title", "某县水利局２０２１ 年政府信息公开工作年度报告", 2021},
		{"only a year mentioned, spaced", "全年共办理依申请公开 3 件,较 2022 年增加。", 2022},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if id := identityOf(tc.text); id.year != tc.year {
				t.Errorf("year %d, want %d (warnings %q)", id.year, tc.year, id.warnings)
			}
		})
	}
}

// A page whose body never names the year: the <title> does, behind the
// site's name.
func TestIdentityYearFromPageTitle(t *testing.T) {
	page := `<html><head><title>某县民政局2023年政府信息公开工作年度报告_某县人民政府</title></head>
<body><div class="article"><h1>某县民政局政府信息公开工作年度报告</h1><p>本局认真贯彻落实《条例》。</p></div></body></html>`
	rep, err := Parse([]byte(page), Options{Name: "page.html"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Year != 2023 || rep.Title != "某县民政局2023年政府信息公开工作年度报告" {
		t.Errorf("year %d, title %q", rep.Year, rep.Title)
	}
	for _, title := range []string{
		"某县民政局2023年政府信息公开工作年度报告 - 某县人民政府网",
		"某县人民政府 | 某县民政局2023年政府信息公开工作年度报告",
		"某县民政局2023年政府信息公开工作年度报告-某县人民政府",
	} {
		page := `<html><head><title>` + title + `</title></head><body><p>本局认真贯彻落实《条例》。</p></body></html>`
		rep, err := Parse([]byte(page), Options{Name: "page.html"})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Year != 2023 {
			t.Errorf("%q: year %d", title, rep.Year)
		}
	}
}

// The year only in the file name: taken when the text names none, and
// never over the text.
func TestIdentityYearFromName(t *testing.T) {
	text := []byte("某县民政局政府信息公开工作年度报告\n本局认真贯彻落实《条例》。\n")
	for name, want := range map[string]Year{
		"某县民政局2024年政府信息公开工作年度报告.txt":                                2024,
		"/data/reports/2022年度报告.docx":                               2022,
		"http://www.x.gov.cn/zwgk/2025/art_1.html":                  0, // a folder is no evidence (D.29)
		"http://www.x.gov.cn/a/%E6%9F%902021%E5%B9%B4%E6%8A%A5.txt": 2021,
		"report.txt": 0,
		"政府信息公开工作年度报告2023.pdf": 2023,
		"年度报告2023-2024.pdf":    0, // two years: no evidence
		"003_qu_tjj_2023.txt":  0, // not a report's name
	} {
		rep, err := Parse(text, Options{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Year != want {
			t.Errorf("%s: year %d, want %d", name, rep.Year, want)
		}
	}
	rep, err := Parse([]byte("某县2022年政府信息公开工作年度报告\n"), Options{Name: "2019年报.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Year != 2022 {
		t.Errorf("the name outvoted the title: year %d", rep.Year)
	}
}

// The published date is the page's own: its 发布日期/公开日期 label or the
// CMS's PubDate <meta>, not a save or crawl stamp elsewhere on the page.
func TestIdentityPublishedOwnDate(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"公开日期", "保存时间:2025-06-01 10:00\n某县2023年政府信息公开工作年度报告\n公开日期:2024-01-26", "2024-01-26"},
		{"save stamp only", "保存日期:2025-06-01\n某县2023年政府信息公开工作年度报告\n一、总体情况", ""},
		{"crawl stamp before the label", "抓取时间:2025-06-01 10:00:00\n下载时间:2025-06-02\n时间:2024-01-20\n某县2023年政府信息公开工作年度报告", "2024-01-20"},
		{"print stamp", "打印日期:2025-06-03\n发布日期:2024-01-22", "2024-01-22"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if id := identityOf(tc.text); id.published != tc.want {
				t.Errorf("published %q, want %q", id.published, tc.want)
			}
		})
	}
	page := `<html><head><meta name="PubDate" content="2024-01-26 10:20"><title>某县2023年政府信息公开工作年度报告</title></head>
<body><p>本页保存于 2025-06-01 08:00:00</p><p>日期:2025-06-01</p><p>某县2023年政府信息公开工作年度报告</p></body></html>`
	rep, err := Parse([]byte(page), Options{Name: "saved.html"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Published != "2024-01-26" {
		t.Errorf("PubDate meta: published %q", rep.Published)
	}
}

// The synthetic reports (issue 10) carry their year and jurisdiction in
// their truth files: identity reads them as it reads the corpus.
func TestIdentitySynthetic(t *testing.T) {
	files, err := filepath.Glob("../testdata/corpus/synthetic/reports/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no synthetic reports: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			truth := truthKeys(t, filepath.Join("../testdata/corpus/synthetic/truth", name+".tsv"))
			id := findIdentity(corpusLines(t, path))
			if got := strconv.Itoa(id.year); got != truth["year"] {
				t.Errorf("year = %s, want %s", got, truth["year"])
			}
			if id.jurisdiction != truth["jurisdiction"] {
				t.Errorf("jurisdiction = %q, want %q", id.jurisdiction, truth["jurisdiction"])
			}
		})
	}
}
