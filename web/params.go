package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Every parameter a page or endpoint takes is checked here before it is
// bound to a named query: a bad one is a 400 with a message naming it. The
// query binds the values as DuckDB parameters, so even a text parameter
// that looks like SQL is only a string that matches nothing.

// check validates one parameter's value ("" is always allowed: the default).
type check func(string) error

func oneOf(vals ...string) check {
	return func(v string) error {
		if slices.Contains(vals, v) {
			return nil
		}
		return fmt.Errorf("want one of %s", strings.Join(vals, ", "))
	}
}

func intIn(lo, hi int) check {
	return func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("want a whole number from %d to %d", lo, hi)
		}
		return nil
	}
}

// firstReportYear is the first year an annual report can be about: the
// 条例 took effect on 1 May 2008.
const firstReportYear = 2008

// reportYear is 0 (the query's default: the latest) or a year a report can
// be about, up to this one: a range of years beyond them would only make
// rows of reports that cannot exist (from_year=1&to_year=2100 was 27 MB
// of JSON and 700 MB of the server's memory).
func reportYear(v string) error {
	n, err := strconv.Atoi(v)
	if last := time.Now().Year(); err != nil || (n != 0 && (n < firstReportYear || n > last)) {
		return fmt.Errorf("want 0 (the latest) or a year from %d to %d", firstReportYear, last)
	}
	return nil
}

// date is a real day, YYYY-MM-DD (2024-02-30 is not one: the query would
// take it for no date and use today).
func date(v string) error {
	if _, err := time.Parse("2006-01-02", v); err != nil || !dateRe.MatchString(v) {
		return fmt.Errorf("want a date YYYY-MM-DD")
	}
	return nil
}

var (
	codeRe  = regexp.MustCompile(`^\d{6}$`)
	codesRe = regexp.MustCompile(`^\d{6}(,\d{6})*$`)
	dateRe  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

func matches(re *regexp.Regexp, what string) check {
	return func(v string) error {
		if !re.MatchString(v) {
			return fmt.Errorf("want %s", what)
		}
		return nil
	}
}

// codeList is at most 200 comma-separated 六位代码.
func codeList(v string) error {
	if !codesRe.MatchString(v) || strings.Count(v, ",") >= 200 {
		return fmt.Errorf("want at most 200 comma-separated 六位代码")
	}
	return nil
}

// placeName is a division's name, its start or its code: printable text of
// at most 40 characters.
func placeName(v string) error {
	if !utf8.ValidString(v) || utf8.RuneCountInString(v) > 40 {
		return fmt.Errorf("want a place name or code of at most 40 characters")
	}
	for _, r := range v {
		// % and _ would be wildcards to the LIKE of some named queries.
		if !unicode.IsPrint(r) || r == '%' || r == '_' {
			return fmt.Errorf("want a place name or code (printable, without %% or _)")
		}
	}
	return nil
}

// Measures are what the compare and county pages show, with their labels.
var Measures = []struct{ Key, Label string }{
	{"received", "新收申请"},
	{"granted", "予以公开"},
	{"grant_rate", "公开率（予以公开/办理总数）"},
	{"reconsiderations", "行政复议"},
	{"lawsuits", "行政诉讼"},
	{"corrected", "复议诉讼被纠正"},
	{"fees_10k_yuan", "收费（万元）"},
	{"checks_failed", "未通过的勾稽校验"},
}

func measureKeys() []string {
	var ks []string
	for _, m := range Measures {
		ks = append(ks, m.Key)
	}
	return ks
}

// Kinds are the publisher kinds.
var Kinds = []struct{ Key, Label string }{
	{"government", "本级政府"}, {"department", "部门"}, {"town", "乡镇街道"}, {"other", "其他"}, {"all", "全部"},
}

func kindKeys() []string {
	var ks []string
	for _, k := range Kinds {
		ks = append(ks, k.Key)
	}
	return ks
}

// spec is the parameters one endpoint takes and the named query it runs.
type spec struct {
	query  string
	params map[string]check
	// required names parameters that must be given.
	required []string
}

var specs = map[string]spec{
	"compare": {query: "compare", params: map[string]check{
		"province": placeName, "prefecture": placeName, "codes": codeList,
		"year": reportYear, "kind": oneOf(kindKeys()...), "measure": oneOf(measureKeys()...),
		"sort": oneOf("value", "name", "code"), "dir": oneOf("asc", "desc"), "as_of": date,
	}},
	"county_years": {query: "county_years", required: []string{"code"}, params: map[string]check{
		"code": matches(codeRe, "a 六位代码"), "measure": oneOf(measureKeys()...),
	}},
	"county_reports": {query: "county_reports", required: []string{"code"}, params: map[string]check{
		"code": matches(codeRe, "a 六位代码"),
	}},
	"county_alerts": {query: "county_alerts", required: []string{"code"}, params: map[string]check{
		"code": matches(codeRe, "a 六位代码"),
	}},
	"report_info":      {query: "report_info", required: []string{"id"}, params: map[string]check{"id": intIn(1, 1<<62)}},
	"report_cells":     {query: "report_cells", required: []string{"id"}, params: map[string]check{"id": intIn(1, 1<<62)}},
	"report_positions": {query: "report_positions", required: []string{"id"}, params: map[string]check{"id": intIn(1, 1<<62)}},
	"report_notes":     {query: "report_notes", required: []string{"id"}, params: map[string]check{"id": intIn(1, 1<<62)}},
	"coverage": {query: "coverage", params: map[string]check{
		"province": placeName, "prefecture": placeName, "kind": oneOf(kindKeys()...),
		"from_year": reportYear, "to_year": reportYear,
	}},
	// The coverage page without a province: one row per province and year.
	"coverage_by_province": {query: "coverage_by_province", params: map[string]check{
		"kind": oneOf(kindKeys()...), "from_year": reportYear, "to_year": reportYear,
	}},
	"runs":   {query: "runs", params: map[string]check{"run": intIn(0, 1<<62), "failed": oneOf("true", "false")}},
	"alerts": {query: "alerts", params: map[string]check{"kind": oneOf("silent_site", "missing_report", "vanished_report", "same_text", "cross_year")}},
}

// badParam is a parameter that failed its check: the client's mistake.
type badParam struct{ msg string }

func (e badParam) Error() string { return e.msg }

// notFound is a well-formed request for something that is not there: a
// report id, a division code, an endpoint.
type notFound struct{ msg string }

func (e notFound) Error() string { return e.msg }

// checked reads the URL's parameters for the named endpoint: unknown,
// repeated or malformed ones are a badParam; empty ones are left out (the
// query's default applies).
func checked(name string, q url.Values, extra ...string) (map[string]string, error) {
	if q == nil {
		return nil, badParam{"the query string could not be read (a ';' or a bad % escape)"}
	}
	sp, ok := specs[name]
	if !ok {
		return nil, notFound{fmt.Sprintf("no endpoint %q", name)}
	}
	out := map[string]string{}
	for k, vs := range q {
		if len(vs) > 1 { // the page's own parameters (extra) too: which one would it mean?
			return nil, badParam{fmt.Sprintf("parameter %s given %d times: give it once", k, len(vs))}
		}
		if slices.Contains(extra, k) {
			continue
		}
		c, ok := sp.params[k]
		if !ok {
			known := slices.Clone(extra)
			for p := range sp.params {
				known = append(known, p)
			}
			slices.Sort(known)
			return nil, badParam{fmt.Sprintf("no parameter %q here (this takes: %s)", k, strings.Join(known, ", "))}
		}
		v := strings.TrimSpace(vs[0])
		if v == "" {
			continue
		}
		if err := c(v); err != nil {
			return nil, badParam{fmt.Sprintf("parameter %s=%q: %v", k, truncate(v, 60), err)}
		}
		out[k] = v
	}
	for _, k := range sp.required {
		if out[k] == "" {
			return nil, badParam{fmt.Sprintf("%s needs the parameter %s", name, k)}
		}
	}
	return out, nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// query is the request's parameters; nil when the query string is malformed
// (net/url drops such pairs silently, so a check would never see them).
func query(r *http.Request) url.Values {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil
	}
	return q
}

// encode writes params as a stable query string (sorted keys, empty left out).
func encode(params map[string]string) string {
	v := url.Values{}
	for k, x := range params {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v.Encode()
}

// canonical redirects to the page's stable URL (parameters sorted, empty
// ones left out) when the request's differs, as a filter form's GET does:
// the address bar then holds a link worth citing. It reports whether it did.
func canonical(w http.ResponseWriter, r *http.Request, params map[string]string) bool {
	want := encode(params)
	if r.URL.RawQuery == want {
		return false
	}
	http.Redirect(w, r, pathWith(r.URL.Path, params), http.StatusSeeOther)
	return true
}
