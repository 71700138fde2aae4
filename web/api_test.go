package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func get(t *testing.T, u string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// Bad parameters are a 400 with a message that names them.
func TestAPIBadParameters(t *testing.T) {
	_, ts := testServer(t)
	for path, want := range map[string]string{
		"/api/compare?year=abc":                            "year",
		"/api/compare?year=20231":                          "year",
		"/api/compare?measure=password":                    "measure",
		"/api/compare?kind=x":                              "kind",
		"/api/compare?sort=value;drop":                     "query string",
		"/api/compare?codes=65402":                         "codes",
		"/api/compare?yaer=2023":                           "yaer",
		"/api/compare?year=2023&year=2022":                 "year given 2 times",
		"/api/compare?as_of=tomorrow":                      "as_of",
		"/api/county_years":                                "code",
		"/api/county_years?code=1%20OR%201=1":              "code",
		"/api/report_info?id=1;SELECT":                     "query string",
		"/api/report_info?id=1%20OR%201=1":                 "id",
		"/api/compare?province=" + strings.Repeat("长", 41): "province",
		"/download/compare?format=exe":                     "format",
		"/api/coverage_by_province?province=湖北":            "province",
		"/api/coverage_by_province?from_year=1%3D1":        "from_year",
		"/download/coverage_by_province?kind=x":            "kind",
		// years no report can be about: rows of nothing, megabytes of them
		"/api/coverage?from_year=1&to_year=2020":     "from_year",
		"/download/coverage?to_year=2100&format=csv": "to_year",
		"/api/compare?year=2007":                     "year",
		// the page's own parameters, repeated: which one would it mean?
		"/download/compare?format=csv&format=zip": "format given 2 times",
		// a date that does not exist is not today
		"/api/compare?as_of=2024-02-30": "as_of",
	} {
		code, h, body := get(t, ts.URL+path)
		var e map[string]string
		if code != 400 || json.Unmarshal(body, &e) != nil || !strings.Contains(e["error"], want) {
			t.Errorf("%s: %d %s %q, want 400 naming %q", path, code, h.Get("Content-Type"), body, want)
		}
	}
	// What is not there is a 404 that names it.
	for path, want := range map[string]string{
		"/api/nonsense":                 "no endpoint",
		"/download/nonsense?format=csv": "no endpoint",
		"/report?id=999999":             "no report with id 999999",
		"/county?code=999999":           "no division with the code 999999",
	} {
		if code, _, body := get(t, ts.URL+path); code != 404 || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %.200q, want 404 naming %q", path, code, body, want)
		}
	}
	// A page answers a bad parameter with a page, also 400.
	if code, _, body := get(t, ts.URL+"/compare?year=abc"); code != 400 || !strings.Contains(string(body), "year") {
		t.Errorf("/compare?year=abc: %d", code)
	}
}

// A parameter that tries SQL is bound as a string: it matches nothing and
// changes nothing.
func TestAPISQLInParametersGetsNothing(t *testing.T) {
	s, ts := testServer(t)
	before := queryRows(t, s, "compare", map[string]string{"year": "2019"})
	for _, p := range []string{"' OR 1=1 --", "湖北'; DROP TABLE reports; --", "%", "_", "1) UNION SELECT * FROM reports --"} {
		code, _, body := get(t, ts.URL+"/api/compare?year=2019&province="+url.QueryEscape(p))
		if code == 400 && strings.Contains(string(body), "province") {
			continue // refused outright: also nothing
		}
		var res result
		if code != 200 || json.Unmarshal(body, &res) != nil {
			t.Fatalf("province=%q: %d %s", p, code, body)
		}
		if len(res.Rows) != 0 {
			t.Errorf("province=%q: %d rows, want none", p, len(res.Rows))
		}
	}
	if after := queryRows(t, s, "compare", map[string]string{"year": "2019"}); len(after) != len(before) {
		t.Errorf("rows before %d, after %d", len(before), len(after))
	}
}

// The JSON endpoint returns the named query's rows; headers are secure.
func TestAPICompare(t *testing.T) {
	s, ts := testServer(t)
	code, h, body := get(t, ts.URL+"/api/compare?year=2019&measure=grant_rate")
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	var res result
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	want := queryRows(t, s, "compare", map[string]string{"year": "2019", "measure": "grant_rate"})
	if len(res.Rows) != len(want) || len(want) == 0 {
		t.Fatalf("%d rows, query gives %d", len(res.Rows), len(want))
	}
	var pingtan map[string]any
	for _, r := range res.Rows {
		if r["code"] == "350128" {
			pingtan = r
		}
	}
	// 平潭 2019: 23 received, 7 granted of 23 handled → 30.4%.
	if pingtan == nil || pingtan["status"] != "reported" || number("grant_rate", pingtan["value"]) != "30.4%" ||
		sprint(pingtan["numerator"]) != "7" || sprint(pingtan["denominator"]) != "23" {
		t.Errorf("平潭 2019: %v", pingtan)
	}
	// A division without a 2019 report is missing with a reason, not 0.
	for _, r := range res.Rows {
		if r["code"] == "654021" && (measured(r) != nil || r["status"] != "not_found" || r["why"] == "") {
			t.Errorf("伊宁县 2019: %v", r)
		}
	}
}

// A download is the query's result: Excel CSV, Parquet and the manifest.
func TestDownloadEqualsQuery(t *testing.T) {
	s, ts := testServer(t)
	params := map[string]string{"year": "2019", "measure": "received"}
	code, h, body := get(t, ts.URL+"/download/compare?"+encode(params)+"&format=zip")
	if code != 200 || h.Get("Content-Type") != "application/zip" {
		t.Fatalf("%d %s %.200s", code, h.Get("Content-Type"), body)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	for _, n := range []string{"compare.csv", "compare.parquet", "manifest.json"} {
		if len(files[n]) == 0 {
			t.Errorf("zip lacks %s (has %d files)", n, len(files))
		}
	}
	var man struct {
		Query  string            `json:"query"`
		Params map[string]string `json:"params"`
	}
	if err := json.Unmarshal(files["manifest.json"], &man); err != nil || man.Params["year"] != "2019" || !strings.Contains(man.Query, "compare:") {
		t.Errorf("manifest: %v %+v", err, man.Params)
	}
	csvRowsEqualQuery(t, files["compare.csv"], queryRows(t, s, "compare", params))
}

// csvRowsEqualQuery compares an Excel CSV download with the query's rows
// on code, status, count and value.
func csvRowsEqualQuery(t *testing.T, data []byte, want []map[string]any) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) || !bytes.Contains(data, []byte("\r\n")) {
		t.Errorf("not Excel CSV (BOM, CRLF): %.40q", data)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != len(want) {
		t.Fatalf("CSV has %d rows, query %d", len(recs)-1, len(want))
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for i, w := range want {
		got := recs[i+1]
		gv := got[col["value"]]
		if got[col["code"]] != sprint(w["code"]) || got[col["status"]] != sprint(w["status"]) || !sameNumberText(gv, w["value"]) ||
			got[col["count"]] != integerText(w["count"]) {
			t.Errorf("row %d: CSV %v, query %v", i, got, w)
		}
	}
}

// integerText is how a count must read in a download: 23, never 23.0.
func integerText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// Issue 12's one number format: a download writes a count as an integer
// (23, not 23.0) and a rate as a decimal.
func TestDownloadCountsAreIntegers(t *testing.T) {
	_, ts := testServer(t)
	get := func(measure string) map[string][]string {
		t.Helper()
		resp, err := http.Get(ts.URL + "/download/compare?year=2019&format=csv&measure=" + measure)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("measure %s: CSV %v: %.200q", measure, err, body)
		}
		byCode := map[string][]string{"": recs[0]}
		for _, r := range recs[1:] {
			byCode[r[slices.Index(recs[0], "code")]] = r
		}
		return byCode
	}
	col := func(rows map[string][]string, name string) int { return slices.Index(rows[""], name) }
	received := get("received")
	// 平潭 2019: 23 received, 7 granted of 23 handled.
	if got := received["350128"]; got == nil || got[col(received, "count")] != "23" || got[col(received, "value")] != "" {
		t.Errorf("平潭 2019 received: %v (header %v), want count 23", got, received[""])
	}
	for code, r := range received {
		if code != "" && strings.Contains(r[col(received, "count")], ".") {
			t.Errorf("%s: count %q is not an integer", code, r[col(received, "count")])
		}
	}
	rate := get("grant_rate")
	if got := rate["350128"]; got == nil || got[col(rate, "numerator")] != "7" || got[col(rate, "denominator")] != "23" ||
		got[col(rate, "count")] != "" || !strings.HasPrefix(got[col(rate, "value")], "0.30") {
		t.Errorf("平潭 2019 grant_rate: %v (header %v), want 7 / 23 and 0.304…", got, rate[""])
	}
}

func sameNumberText(s string, v any) bool {
	if v == nil {
		return s == ""
	}
	f, _ := toFloat(v)
	return strings.TrimSuffix(s, ".0") == strings.TrimSuffix(sprint(f), ".0")
}

// Assets are embedded, gzipped, and ECharts keeps its licence beside it.
func TestAssetsGzipAndLicence(t *testing.T) {
	_, ts := testServer(t)
	req, _ := http.NewRequest("GET", ts.URL+"/assets/echarts/echarts.min.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || n > 500<<10 {
		t.Errorf("echarts: encoding %q, %d bytes on the wire", resp.Header.Get("Content-Encoding"), n)
	}
	for _, p := range []string{"/assets/echarts/LICENSE", "/assets/echarts/NOTICE", "/assets/echarts/VERSION"} {
		if code, _, _ := get(t, ts.URL+p); code != 200 {
			t.Errorf("%s: %d", p, code)
		}
	}
	if code, _, _ := get(t, ts.URL+"/assets/"); code != 404 {
		t.Errorf("/assets/ lists a directory: %d", code)
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8080": false, ":8080": false, "192.168.1.2:80": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%q) = %v", addr, !want)
		}
	}
	var warn bytes.Buffer
	l, err := Listen("0.0.0.0:0", &warn)
	if err != nil {
		t.Skip("cannot listen on all interfaces here:", err)
	}
	l.Close()
	if !strings.Contains(warn.String(), "warning") {
		t.Errorf("no warning for 0.0.0.0: %q", warn.String())
	}
}

func TestNumbersForChineseReaders(t *testing.T) {
	for _, c := range []struct {
		m    string
		v    any
		want string
	}{{"received", 12345.0, "12,345"}, {"received", int64(7), "7"}, {"grant_rate", 0.30434, "30.4%"}, {"fees_10k_yuan", 1234.5, "1,234.50"}, {"received", nil, ""}} {
		if got := number(c.m, c.v); got != c.want {
			t.Errorf("number(%s, %v) = %q, want %q", c.m, c.v, got, c.want)
		}
	}
}

// A filter form's URL (empty fields, any order) redirects to the stable one.
func TestStableURL(t *testing.T) {
	_, ts := testServer(t)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(ts.URL + "/compare?province=&prefecture=&codes=&year=2019&measure=received&kind=government&sort=&dir=")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/compare?kind=government&measure=received&year=2019" {
		t.Errorf("%d → %q", resp.StatusCode, loc)
	}
	resp, err = c.Get(ts.URL + "/compare?kind=government&measure=received&year=2019")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the stable URL: %d", resp.StatusCode)
	}
}
