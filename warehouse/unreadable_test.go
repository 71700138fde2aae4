package warehouse_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/parse"
	"disclosure/warehouse"
	"disclosure/warehouse/fixture"
)

// unread lists the unreadable documents not read since: "reason url via".
func unread(t *testing.T, db *warehouse.DB) []string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT reason || ' ' || url || ' ' || via FROM unreadable_documents WHERE read_at IS NULL ORDER BY url`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

func sha(c string) string { return strings.Repeat(c, 64) }

func testDocument(t *testing.T) warehouse.Document {
	t.Helper()
	r := fixture.Report("桐梓县2022年政府信息公开工作年度报告", "桐梓县", "桐梓县人民政府", 2022, fixture.Cells{"requests/new/total": 1})
	return fixture.Doc(r, "http://x.gov.cn/1.html")
}

// The same unreadable document met twice is one row, last seen the second
// time; a document read later (same bytes, or new bytes at the same URL)
// drops out of the unread ones and keeps its row.
func TestUnreadableDocumentsRecordedOnce(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	t0 := time.Date(2024, 3, 1, 2, 0, 0, 0, time.UTC)
	scan := warehouse.TextCheck{SHA256: sha("a"), URL: "file:///r/scan.pdf", Reason: parse.ReasonImageOnly, Detail: "3 pages, 3 images", Via: "load", At: t0}
	garbled := warehouse.TextCheck{SHA256: sha("b"), URL: "http://x.gov.cn/b.pdf", Reason: parse.ReasonNoTextLayer, Via: "crawl", SiteCode: "654021", At: t0}
	if err := db.RecordTextChecks(ctx, []warehouse.TextCheck{scan, garbled}); err != nil {
		t.Fatal(err)
	}
	scan.At, scan.Via = t0.Add(time.Hour), "run"
	scan.RunID = 7
	if err := db.RecordTextChecks(ctx, []warehouse.TextCheck{scan}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM unreadable_documents`); n != 2 {
		t.Errorf("%d rows after meeting the scan twice, want 2", n)
	}
	var first, seen time.Time
	var run int64
	db.SQL().QueryRow(`SELECT first_seen, seen_at, run_id FROM unreadable_documents WHERE url = 'file:///r/scan.pdf'`).Scan(&first, &seen, &run)
	if !first.Equal(t0) || !seen.Equal(t0.Add(time.Hour)) || run != 7 {
		t.Errorf("first_seen %v seen_at %v run %d", first, seen, run)
	}
	if got := unread(t, db); len(got) != 2 || got[0] != "image-only file:///r/scan.pdf run" || got[1] != "no text layer http://x.gov.cn/b.pdf crawl" {
		t.Errorf("unread: %q", got)
	}

	// The scan's bytes read (a better reader): read. New bytes at b.pdf's
	// URL loaded with a report: read too, in the report's transaction.
	readScan := warehouse.TextCheck{SHA256: sha("a"), URL: "file:///r/scan.pdf", Via: "reparse"}
	if err := db.RecordTextChecks(ctx, []warehouse.TextCheck{readScan}); err != nil {
		t.Fatal(err)
	}
	doc := testDocument(t)
	doc.SourceURL = garbled.URL
	if _, err := db.LoadBatch(ctx, []warehouse.Document{doc}, []warehouse.TextCheck{{SHA256: doc.SHA256, URL: doc.SourceURL}}, warehouse.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := unread(t, db); len(got) != 0 {
		t.Errorf("read documents still unread: %q", got)
	}
	if n := count(t, db, `SELECT count(*) FROM unreadable_documents WHERE read_at IS NOT NULL`); n != 2 {
		t.Errorf("%d rows kept as read, want 2", n)
	}

	// Unreadable again (the file was replaced by the scan once more): listed again.
	if err := db.RecordTextChecks(ctx, []warehouse.TextCheck{scan}); err != nil {
		t.Fatal(err)
	}
	if got := unread(t, db); len(got) != 1 || !strings.HasPrefix(got[0], "image-only file:///r/scan.pdf") {
		t.Errorf("unread: %q", got)
	}
}

// Within one batch the checks apply in order: unreadable then read is read.
func TestUnreadableThenReadInOneBatch(t *testing.T) {
	db := openTemp(t)
	u := warehouse.TextCheck{SHA256: sha("c"), URL: "http://x/c.pdf", Reason: parse.ReasonEncrypted, Via: "crawl"}
	r := warehouse.TextCheck{SHA256: sha("d"), URL: "http://x/c.pdf", Via: "crawl"}
	if err := db.RecordTextChecks(context.Background(), []warehouse.TextCheck{u, r}); err != nil {
		t.Fatal(err)
	}
	if got := unread(t, db); len(got) != 0 {
		t.Errorf("unread: %q", got)
	}
	if err := db.RecordTextChecks(context.Background(), []warehouse.TextCheck{r, u}); err != nil {
		t.Fatal(err)
	}
	if got := unread(t, db); len(got) != 1 {
		t.Errorf("unread: %q", got)
	}
}

// A database whose runs recorded unreadable documents in run_documents
// (before unreadable_documents) keeps them: migration 11 copies those the
// latest run to see them could not read and no load has read since.
func TestUnreadableMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v9.duckdb")
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id, err := db.StartRun(ctx, warehouse.RunStart{Trigger: "run", Started: time.Now(), Program: "test"})
	if err != nil {
		t.Fatal(err)
	}
	loaded := testDocument(t)
	docs := []warehouse.RunDocument{
		{SiteURL: "http://a/", URL: "http://a/scan.pdf", SHA256: sha("e"), Outcome: "unreadable", Detail: "image-only: http://a/scan.pdf: unreadable: image-only (2 pages)"},
		{SiteURL: "http://a/", URL: "http://a/was.pdf", SHA256: loaded.SHA256, Outcome: "unreadable", Detail: "no text layer: x"},
		{SiteURL: "http://a/", URL: "http://a/1.html", SHA256: sha("f"), Outcome: "no_statistics"},
	}
	sites := []warehouse.RunSite{{URL: "http://a/", Code: "654021", Name: "伊宁县"}}
	if _, err := db.FinishRun(ctx, id, warehouse.RunReport{Status: warehouse.RunCompleted, Finished: time.Now(), Sites: sites, Documents: docs}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Load(ctx, []warehouse.Document{loaded}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`DROP TABLE unreadable_documents; DELETE FROM schema_version WHERE version >= 11`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var reason, detail, code string
	var run int64
	err = db.SQL().QueryRow(`SELECT reason, detail, site_code, run_id FROM unreadable_documents WHERE url = 'http://a/scan.pdf' AND via = 'run'`).Scan(&reason, &detail, &code, &run)
	if err != nil || reason != parse.ReasonImageOnly || detail != "http://a/scan.pdf: unreadable: image-only (2 pages)" || code != "654021" || run != id {
		t.Errorf("migrated: %q %q %q %d (%v)", reason, detail, code, run, err)
	}
	if n := count(t, db, `SELECT count(*) FROM unreadable_documents`); n != 1 {
		t.Errorf("%d rows migrated, want the scan only", n)
	}
}
