package places

import (
	"regexp"
	"strings"
)

// Publisher kinds. A county's own government report (本级政府, often
// written by its office) is what cross-county comparisons use; its
// departments and its townships, towns and streets report separately under
// the same county code. The 管委会 of a zone that governs a county-level
// division (平潭综合实验区, a 新区 or 开发区) publishes that division's
// government report.
const (
	KindGovernment = "government" // the government of a division (county, prefecture, province)
	KindDepartment = "department" // a department, bureau, office or committee of a government
	KindTown       = "town"       // a township, town or street office (乡, 镇, 街道, 苏木)
	KindOther      = "other"      // anything else, or a publisher the report does not name
)

// Kinds lists the publisher kinds in the order researchers meet them.
var Kinds = []string{KindGovernment, KindDepartment, KindTown, KindOther}

// PublisherRules changes whenever the classification below changes: a
// database stored with other rules is reclassified when opened for writing.
const PublisherRules = "2"

// Name endings, tried with strings.HasSuffix: the load path classifies
// every report, and suffix lists are several times cheaper than regexps.
var (
	townEnds     = []string{"镇", "乡", "街道", "街道办事处", "苏木", "办事处", "街道工委"}
	divisionEnds = []string{"省", "自治区", "市", "县", "区", "旗", "盟", "州", "地区", "林区", "特区", "行政公署"}
	zoneEnds     = []string{"新区", "开发区", "实验区", "试验区", "高新区", "示范区", "管理区", "合作区"}
	committees   = []string{"党工委管理委员会", "党工委管委会", "管理委员会办公室", "管委会办公室", "管理委员会", "管委会"}
	organEnds    = []string{"局", "厅", "委员会", "委", "办", "办公室", "中心", "院", "馆", "站", "所", "队", "处", "署", "部", "会", "室", "组", "社", "司"}
	otherEnds    = []string{"公司", "集团", "银行", "学校", "大学", "学院", "医院", "中学", "小学", "幼儿园"}
	titleYear    = regexp.MustCompile(`(关于)?\s*(19|20)\d\d\s*年`)
	// titleTopics start what a title says about the report, not its
	// publisher: 伊宁县政府信息公开工作2023年度报告 → 伊宁县.
	titleTopics = []string{"政府信息公开", "政务信息公开", "政务公开", "信息公开"}
)

func endsWithAny(s string, ends []string) bool {
	for _, e := range ends {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// TitleSubject is the publisher as a title names it: the text before the
// year in 故城县教育局2020年政府信息公开工作年度报告.
func TitleSubject(title string) string {
	t := CleanText(title)
	if loc := titleYear.FindStringIndex(t); loc != nil {
		return strings.TrimSpace(t[:loc[0]])
	}
	return ""
}

// nameKind classifies one name, or returns "" when the name alone does not
// tell (a title's topic, a bare word).
func nameKind(name string) string {
	s := CleanText(name)
	if s == "" {
		return ""
	}
	for _, c := range committees {
		if strings.HasSuffix(s, c) {
			if endsWithAny(strings.TrimSuffix(s, c), zoneEnds) {
				return KindGovernment // a zone's committee governs it
			}
			return KindDepartment
		}
	}
	s = stripAgency(s)
	switch {
	case endsWithAny(s, townEnds):
		return KindTown
	case endsWithAny(s, zoneEnds), endsWithAny(s, divisionEnds):
		return KindGovernment
	case endsWithAny(s, otherEnds):
		return KindOther
	case endsWithAny(s, organEnds):
		return KindDepartment
	}
	return ""
}

// titleSubjectName is the title's publisher without what the title says
// about the report.
func titleSubjectName(title string) string {
	s := TitleSubject(title)
	for _, t := range titleTopics {
		if i := strings.Index(s, t); i >= 0 {
			s = s[:i]
		}
	}
	return s
}

// bodyCues are how a report names its publisher in its first lines when no
// field does (我局 …), most specific first.
var bodyCues = []struct {
	re   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`(我|本)(镇|乡|街道|街道办事处|苏木)`), KindTown},
	{regexp.MustCompile(`(我|本)(局|厅|委|办|中心|院|馆|站|所|队|处|署|部)`), KindDepartment},
	{regexp.MustCompile(`(我|本)(县|区|市|旗)(政府|人民政府)?`), KindGovernment},
	{regexp.MustCompile(`全(县|区|市|旗|州|省)(政府|各级|各部门)?[^，。,]{0,12}(政府信息公开|政务公开)`), KindGovernment},
	{regexp.MustCompile(`(县|区|市|旗)人民政府(坚持|认真|始终|深入|严格|全面)`), KindGovernment},
}

// kindRank orders the kinds from least to most specific ("" for none).
func kindRank(kind string) int {
	switch kind {
	case KindOther:
		return 1
	case KindGovernment:
		return 2
	case KindDepartment:
		return 3
	case KindTown:
		return 4
	}
	return 0
}

// PublisherKind classifies the body that published a report from its
// agency, title and jurisdiction fields and, when none of them names one,
// from the start of its text. Of several names the most specific wins: a
// street office's report filed under its district (jurisdiction 亭湖区,
// title …毓龙街道办事处…) is the street's, a bureau's under its county the
// bureau's.
func PublisherKind(agency, jurisdiction, title, body string) string {
	best := ""
	for _, n := range []string{agency, titleSubjectName(title), jurisdiction} {
		if k := nameKind(n); kindRank(k) > kindRank(best) {
			best = k
		}
	}
	if best != "" {
		return best
	}
	for _, c := range bodyCues {
		if c.re.MatchString(body) {
			return c.kind
		}
	}
	return KindOther
}
