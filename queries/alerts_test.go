package queries_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"disclosure/parse"
	"disclosure/queries"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// alertFixture builds a warehouse in which each alert has exactly one cause:
//   - silent_site: http://silent/ listed nothing in the last 3 completed runs
//     (http://busy/ listed reports in one of them; an interrupted run in
//     which http://silent/ listed reports does not count);
//   - missing_report: 伊宁县 (654021) reported for 2022, not for 2023;
//   - vanished_report: 谷城县's 2022 report is gone from its site;
//   - same_text: 谷城县's 2023 prose is its 2022 prose with new numbers
//     (保康县's two years differ).
func alertFixture(t *testing.T) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "alerts.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	copied := "本机关坚持以公开为常态、不公开为例外,推进决策、执行、管理、服务、结果公开。全年召开专题会议研究政务公开工作," +
		"修订完善信息发布审核制度,依托政府门户网站、政务新媒体和政务服务中心公开栏及时发布权威信息," +
		"加强政策解读和回应关切,规范依申请公开办理流程,严格落实保密审查,切实保障人民群众的知情权、参与权和监督权。"
	doc := func(place, agency string, year int, prose, source string) warehouse.Document {
		r := fixture.Report(agency+"年度报告", place, agency, year, fixture.Cells{"requests/new/total": float64(year % 100)})
		r.Prose = []parse.ProseSection{{Heading: "一、总体情况", Text: prose}}
		return fixture.Doc(r, source)
	}
	docs := []warehouse.Document{
		doc("谷城县", "谷城县人民政府", 2022, "2022年"+copied+"主动公开信息1234条。", "http://gucheng/nb/2022.html"),
		doc("谷城县", "谷城县人民政府", 2023, "2023年"+copied+"主动公开信息5678条。", "http://gucheng/nb/2023.html"),
		doc("保康县", "保康县人民政府", 2022, "2022年"+copied, "http://baokang/nb/2022.html"),
		doc("保康县", "保康县人民政府", 2023, "今年重点做好财政预决算、重大建设项目和公共资源配置领域的信息公开,"+
			"开设乡村振兴专栏,按季度更新涉农补贴发放情况,组织政府开放日活动邀请群众代表走进机关,"+
			"对照考核指标逐项整改第三方评估发现的问题。", "http://baokang/nb/2023.html"),
		doc("伊宁县", "伊宁县人民政府", 2022, copied, "http://yining/nb/2022.html"),
	}
	if _, err := db.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	gone := warehouse.URLState{URL: "http://gucheng/nb/2022.html", Site: "http://gucheng/", SiteCode: "420625", Kind: "report",
		SHA256: docs[0].SHA256, FirstSeen: now, Gone: true, GoneSince: now, GoneReason: "unlisted"}
	there := warehouse.URLState{URL: "http://gucheng/nb/2023.html", Site: "http://gucheng/", SiteCode: "420625", Kind: "report",
		SHA256: docs[1].SHA256, FirstSeen: now}
	if err := db.PutURLStates(ctx, []warehouse.URLState{gone, there}); err != nil {
		t.Fatal(err)
	}
	run := func(status string, silentFound, busyFound int) {
		id, err := db.StartRun(ctx, warehouse.RunStart{Trigger: "schedule", Started: now})
		if err != nil {
			t.Fatal(err)
		}
		sites := []warehouse.RunSite{
			{URL: "http://silent/", Code: "654021", Name: "伊宁县", Discovered: silentFound},
			{URL: "http://busy/", Code: "420625", Name: "谷城县", Discovered: busyFound},
		}
		if _, err := db.FinishRun(ctx, id, warehouse.RunReport{Status: status, Finished: now, Sites: sites}); err != nil {
			t.Fatal(err)
		}
	}
	run(warehouse.RunCompleted, 2, 2)
	run(warehouse.RunCompleted, 0, 3)
	run(warehouse.RunInterrupted, 5, 0)
	run(warehouse.RunCompleted, 0, 0)
	run(warehouse.RunCompleted, 0, 0)
	return db
}

func alertRows(t *testing.T, db *warehouse.DB, params map[string]string) []string {
	t.Helper()
	if params["as_of"] == "" {
		params["as_of"] = "2024-04-01"
	}
	return run(t, db, "alerts", params, "alert", "jurisdiction_code", "year")
}

func TestAlertsFire(t *testing.T) {
	db := alertFixture(t)
	got := alertRows(t, db, map[string]string{})
	want := []string{
		"silent_site|654021|NULL",
		"missing_report|654021|2023",
		"vanished_report|420625|2022",
		"same_text|420625|2023",
	}
	if !slices.Equal(got, want) {
		t.Errorf("alerts:\n got %v\nwant %v", got, want)
	}
}

func TestAlertsQuietWhenNoCause(t *testing.T) {
	db := alertFixture(t)
	for _, c := range []struct {
		kind   string
		params map[string]string
	}{
		{"silent_site", map[string]string{"runs": "4"}},              // only 3 completed runs in a row
		{"missing_report", map[string]string{"as_of": "2024-03-31"}}, // the 2023 deadline has not passed
		{"missing_report", map[string]string{"year": "2022"}},        // every tracked place has 2022
		{"same_text", map[string]string{"similarity": "1.01"}},       // nothing is more than the same
	} {
		c.params["kind"] = c.kind
		if got := alertRows(t, db, c.params); len(got) != 0 {
			t.Errorf("%s with %v: %v", c.kind, c.params, got)
		}
	}
}

// A run's report carries the alerts as they stood at its end.
func TestRunStoresAlerts(t *testing.T) {
	db := alertFixture(t)
	q, _, err := queries.Get("alerts")
	if err != nil {
		t.Fatal(err)
	}
	args, err := q.Args(map[string]string{"as_of": "2024-04-01"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id, err := db.StartRun(ctx, warehouse.RunStart{Trigger: "run", Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	alerts, err := db.FinishRun(ctx, id, warehouse.RunReport{Status: warehouse.RunCompleted, Finished: time.Now(),
		Sites:  []warehouse.RunSite{{URL: "http://silent/", Code: "654021"}},
		Alerts: &warehouse.AlertQuery{SQL: q.SQL, Args: args}})
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 4 {
		t.Errorf("run %d: %d alerts: %+v", id, len(alerts), alerts)
	}
	var stored, counted int
	db.SQL().QueryRow(`SELECT count(*) FROM run_alerts WHERE run_id = ?`, id).Scan(&stored)
	db.SQL().QueryRow(`SELECT alerts FROM runs WHERE run_id = ?`, id).Scan(&counted)
	if stored != len(alerts) || counted != len(alerts) {
		t.Errorf("stored %d, runs.alerts %d, want %d", stored, counted, len(alerts))
	}
}

func TestRunsQuery(t *testing.T) {
	db := alertFixture(t)
	if got := run(t, db, "runs", map[string]string{}, "run_id", "site_name", "discovered"); !slices.Equal(got, []string{"5|谷城县|0", "5|伊宁县|0"}) {
		t.Errorf("latest run: %v", got)
	}
	if got := run(t, db, "runs", map[string]string{"run": "1"}, "run_id", "site_code", "discovered"); !slices.Equal(got, []string{"1|420625|2", "1|654021|2"}) {
		t.Errorf("run 1: %v", got)
	}
	if got := run(t, db, "runs", map[string]string{"failed": "true"}, "run_id"); len(got) != 0 {
		t.Errorf("failed sites of a run without failures: %v", got)
	}
}

// A version replaced by a later one (a corrected report at a new address)
// whose old page went away is no vanished report: the site replaced it.
// The current version's page going away is.
func TestVanishedReportIsTheCurrentVersion(t *testing.T) {
	db := alertFixture(t)
	ctx := context.Background()
	r := fixture.Report("保康县人民政府年度报告", "保康县", "保康县人民政府", 2023, fixture.Cells{"requests/new/total": 24})
	r.Prose = []parse.ProseSection{{Heading: "一、总体情况", Text: "更正后的报告：今年重点做好财政预决算、重大建设项目和公共资源配置领域的信息公开。"}}
	corrected := fixture.Doc(r, "http://baokang/nb/2023-v2.html")
	res, err := db.Load(ctx, []warehouse.Document{corrected})
	if err != nil || res.Superseded != 1 {
		t.Fatalf("loading the corrected version: %+v %v", res, err)
	}
	now := time.Now()
	var old string
	if err := db.SQL().QueryRow(`SELECT sha256 FROM reports WHERE source_url = 'http://baokang/nb/2023.html'`).Scan(&old); err != nil {
		t.Fatal(err)
	}
	if err := db.PutURLStates(ctx, []warehouse.URLState{{URL: "http://baokang/nb/2023.html", Site: "http://baokang/", SiteCode: "420626",
		Kind: "report", SHA256: old, FirstSeen: now, Gone: true, GoneSince: now, GoneReason: "404"}}); err != nil {
		t.Fatal(err)
	}
	got := alertRows(t, db, map[string]string{"kind": "vanished_report"})
	if want := []string{"vanished_report|420625|2022"}; !slices.Equal(got, want) {
		t.Errorf("vanished reports %v, want only %v", got, want)
	}
}
