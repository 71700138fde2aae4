package warehouse_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/parse"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

func openRunsDB(t *testing.T) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(filepath.Join(t.TempDir(), "runs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestRunRecorded(t *testing.T) {
	db := openRunsDB(t)
	ctx := context.Background()
	start := warehouse.RunStart{Trigger: "run", Started: time.Now(), Host: "h", PID: 42, Program: "test"}
	id, err := db.StartRun(ctx, start)
	if err != nil || id != 1 {
		t.Fatalf("StartRun: %d %v", id, err)
	}
	sites := []warehouse.RunSite{
		{URL: "http://a/", Code: "131126", Name: "故城县", Discovered: 3, Fetched: 2, Unchanged: 1, New: 1, Changed: 1, Loaded: 2, ChecksFailed: 1, Duration: 1500 * time.Millisecond},
		{URL: "http://b/", Name: "b", Failed: 1, Error: "http://b/: HTTP 503"},
	}
	docs := []warehouse.RunDocument{{SiteURL: "http://a/", URL: "http://a/1.html", Kind: "report", SHA256: strings.Repeat("cd", 32), Outcome: "no_statistics"}}
	if _, err := db.FinishRun(ctx, id, warehouse.RunReport{Status: warehouse.RunCompleted, Finished: time.Now(), Sites: sites, Documents: docs}); err != nil {
		t.Fatal(err)
	}
	var status string
	var nsites, failed, discovered, loaded, alerts int
	err = db.SQL().QueryRow(`SELECT status, sites, sites_failed, discovered, loaded, coalesce(alerts, -1) FROM runs WHERE run_id = 1`).
		Scan(&status, &nsites, &failed, &discovered, &loaded, &alerts)
	if err != nil || status != "completed" || nsites != 2 || failed != 1 || discovered != 3 || loaded != 2 || alerts != -1 {
		t.Errorf("runs row: %s %d sites %d failed %d discovered %d loaded %d alerts (%v)", status, nsites, failed, discovered, loaded, alerts, err)
	}
	var dur float64
	if err := db.SQL().QueryRow(`SELECT duration_s FROM run_sites WHERE site_code = '131126'`).Scan(&dur); err != nil || dur != 1.5 {
		t.Errorf("duration %v %v", dur, err)
	}
	handled, err := db.HandledDocuments(ctx)
	if err != nil || !handled[strings.Repeat("cd", 32)] {
		t.Errorf("a document parsed without statistics is handled: %v %v", handled, err)
	}
}

// A run left 'running' (its process killed) is marked interrupted by the
// next one; a skipped pass is recorded too.
func TestStaleRunInterrupted(t *testing.T) {
	db := openRunsDB(t)
	ctx := context.Background()
	s := warehouse.RunStart{Trigger: "schedule", Started: time.Now()}
	if _, err := db.StartRun(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartRun(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordSkipped(ctx, s, "another run holds x: pid 1"); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT status FROM runs ORDER BY run_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var st string
		rows.Scan(&st)
		got = append(got, st)
	}
	if strings.Join(got, ",") != "interrupted,running,skipped" {
		t.Errorf("statuses %v", got)
	}
}

func TestShinglesIgnoreNumbers(t *testing.T) {
	a := warehouse.Shingles("2022年,本机关主动公开政府信息123条,办理依申请公开45件。")
	b := warehouse.Shingles("2023年,本机关主动公开政府信息456条,办理依申请公开7件。")
	if j, n := warehouse.Jaccard(a, b); j != 1 || n == 0 {
		t.Errorf("same words, other numbers: jaccard %v over %d", j, n)
	}
	c := warehouse.Shingles("本年度重点推进了财政预决算公开和重大建设项目信息公开。")
	if j, _ := warehouse.Jaccard(a, c); j > 0.2 {
		t.Errorf("different text: jaccard %v", j)
	}
	if _, n := warehouse.Jaccard(a, nil); n != 0 {
		t.Error("empty set compared")
	}
}

// FinishRun compares each current report with the same publisher's report
// of the year before, once per pair: by itself, or from what
// ReadSimilarity read ahead and computed beside a checkpoint (RunPass).
func TestSimilarityPairs(t *testing.T) {
	for _, ahead := range []bool{false, true} {
		t.Run(fmt.Sprintf("read ahead %v", ahead), func(t *testing.T) { testSimilarityPairs(t, ahead) })
	}
}

func testSimilarityPairs(t *testing.T, ahead bool) {
	db := openRunsDB(t)
	ctx := context.Background()
	text := strings.Repeat("谷城县人民政府认真贯彻落实《政府信息公开条例》,坚持以公开为常态、不公开为例外,", 5)
	mk := func(year int, prose string) warehouse.Document {
		r := fixture.Report("谷城县人民政府年度报告", "谷城县", "谷城县人民政府", year, fixture.Cells{"requests/new/total": float64(year - 2000)})
		r.Prose = []parse.ProseSection{{Heading: "一、总体情况", Text: prose}}
		return fixture.Doc(r, "file:///x")
	}
	if _, err := db.Load(ctx, []warehouse.Document{mk(2022, "2022年"+text), mk(2023, "2023年"+text), mk(2024, "完全不同的内容:财政预决算、重大建设项目、公共资源配置。")}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		id, _ := db.StartRun(ctx, warehouse.RunStart{Trigger: "run", Started: time.Now()})
		rep := warehouse.RunReport{Status: warehouse.RunCompleted, Finished: time.Now()}
		if ahead {
			var err error
			if rep.Similarity, err = db.ReadSimilarity(ctx); err != nil {
				t.Fatal(err)
			}
			rep.Similarity.Compute()
			if err := db.Checkpoint(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.FinishRun(ctx, id, rep); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.SQL().Query(`SELECT r.year, s.jaccard FROM report_similarity s JOIN reports r USING (report_id) ORDER BY r.year`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var y int
		var j float64
		rows.Scan(&y, &j)
		verdict := "differs"
		if j > 0.9 {
			verdict = "same"
		}
		got = append(got, fmt.Sprintf("%d:%s", y, verdict))
	}
	if strings.Join(got, " ") != "2023:same 2024:differs" {
		t.Errorf("pairs: %v (want 2023 same as 2022, 2024 different; each pair once)", got)
	}
}

// Every load batch and run records the version of the build that wrote it:
// the caller's, given when the database is opened or with the run.
func TestVersionRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := warehouse.OpenWith(path, warehouse.Options{Version: "v1.2.3 abc1234"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.Load(ctx, fixture.Docs()[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartRun(ctx, warehouse.RunStart{Trigger: "run", Started: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordSkipped(ctx, warehouse.RunStart{Trigger: "schedule", Started: time.Now(), Version: "v9"}, "locked"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM load_batches WHERE version = 'v1.2.3 abc1234'`); n != 1 {
		t.Errorf("%d load batches carry the version, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM runs WHERE version = 'v1.2.3 abc1234' AND trigger = 'run'`); n != 1 {
		t.Errorf("the run does not carry the database's version")
	}
	if n := count(t, db, `SELECT count(*) FROM runs WHERE version = 'v9'`); n != 1 {
		t.Errorf("the skipped run does not carry its own version")
	}
}
