package places

import (
	"regexp"
	"strings"
)

// Agency kinds: a county government's own report (本级政府, written by its
// office) is what cross-county comparisons use; departments and towns report
// separately under the same county code.
const (
	KindGovernment = "government"
	KindDepartment = "department"
	KindTown       = "town"
	KindUnknown    = "unknown"
)

var (
	townEnd     = regexp.MustCompile(`(镇|乡|街道|街道办事处|苏木|办事处)$`)
	divisionEnd = regexp.MustCompile(`(省|自治区|市|县|区|旗|盟|州|地区|林区|特区|行政公署)$`)
	titleYear   = regexp.MustCompile(`(关于)?\s*(19|20)\d\d\s*年`)
)

// AgencyKind classifies the publishing body from its name.
func AgencyKind(name string) string {
	s := stripAgency(CleanText(name))
	switch {
	case s == "":
		return KindUnknown
	case townEnd.MatchString(s):
		return KindTown
	case divisionEnd.MatchString(s):
		return KindGovernment
	}
	return KindDepartment
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
