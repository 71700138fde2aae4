package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
	"disclosure/internal/testsite"
	"disclosure/warehouse"
)

// TestFourCommandsShareTheIngestPath: the same report pages, loaded from
// files (load), crawled (crawl), crawled in a nightly pass (run), and
// parsed again from the raw store (reparse), give the same rows in the
// warehouse, and the page without statistics is left out by all four.
func TestFourCommandsShareTheIngestPath(t *testing.T) {
	pages := []struct{ file, title string }{
		{"seed_yining_2023.txt", "伊宁县政府信息公开工作2023年度报告"},
		{"039_pingtan_2019_archive-txt.txt", "平潭综合实验区2019年度政府信息公开工作年度报告"},
		{"015_jianping_ybj_2023.txt", "建平县医疗保障局2023年政府信息公开工作年度报告"}, // no statistics
	}
	site := sitesim.New("某县人民政府")
	files := t.TempDir()
	var links []sitesim.Link
	for i, p := range pages {
		text, err := samples.Text(p.file)
		if err != nil {
			t.Fatal(err)
		}
		page := []byte(sitesim.ReportHTML(site.Name, p.title, "2024-01-20", text, sitesim.Paragraphs, ""))
		path := fmt.Sprintf("/nb/%d.html", i)
		site.Put(path, samples.HTMLUTF8, page)
		links = append(links, sitesim.Link{Href: path, Text: p.title, Date: "2024-01-20"})
		if err := os.WriteFile(filepath.Join(files, fmt.Sprintf("%d.html", i)), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site.Put("/nb/", samples.HTMLUTF8, []byte(sitesim.ListingHTML(site.Name, "政府信息公开年报", links, "")))
	site.Put("/robots.txt", "text/plain", []byte(sitesim.Robots("")))
	if err := site.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { site.Close() })
	ctx := context.Background()

	rows := map[string][]string{}
	// load
	_, store := testRun(t, t.TempDir(), io.Discard)
	sum, err := Load(ctx, []string{files}, LoadOptions{Batch: DefaultBatch}, store)
	if err != nil || len(sum.NoStatistics) != 1 || len(sum.Skipped) != 0 {
		t.Fatalf("load: %+v %v", sum, err)
	}
	rows["load"] = ingestedRows(t, store.DB)
	// Beside the database, the snapshot notebooks open holds the same.
	if snap := ingestedRows(t, warehouse.SnapshotPath(store.DB)); !slices.Equal(snap, rows["load"]) {
		t.Errorf("the snapshot after load differs from the database")
	}
	// crawl
	o, store := testRun(t, t.TempDir(), io.Discard, site.URL("/nb/"))
	if _, err := Crawl(ctx, o, store, io.Discard, io.Discard); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	rows["crawl"] = ingestedRows(t, store.DB)
	// run
	o, store = testRun(t, t.TempDir(), io.Discard, site.URL("/nb/"))
	if _, err := RunPass(ctx, "run", o, store, io.Discard); err != nil {
		t.Fatalf("run: %v", err)
	}
	rows["run"] = ingestedRows(t, store.DB)
	if got := queryCol(t, warehouse.SnapshotPath(store.DB), `SELECT status FROM runs`); !slices.Equal(got, []string{"completed"}) {
		t.Errorf("the snapshot after run lacks the run report: %v", got)
	}
	if got := queryCol(t, store.DB, `SELECT outcome FROM run_documents ORDER BY url`); !slices.Equal(got, []string{"loaded", "loaded", OutcomeNoStatistics}) {
		t.Errorf("run_documents outcomes: %v", got)
	}
	// reparse, after a crawl that did not load
	o, store = testRun(t, t.TempDir(), io.Discard, site.URL("/nb/"))
	o.NoLoad = true
	if _, err := Crawl(ctx, o, store, io.Discard, io.Discard); err != nil {
		t.Fatalf("crawl --no-load: %v", err)
	}
	if _, err := Reparse(context.Background(), store, false, nil, io.Discard, io.Discard); err != nil {
		t.Fatalf("reparse: %v", err)
	}
	rows["reparse"] = ingestedRows(t, store.DB)

	if len(rows["load"]) < 2*len(pages) { // reports and values of the two with statistics
		t.Fatalf("load gave too few rows:\n%s", strings.Join(rows["load"], "\n"))
	}
	for _, cmd := range []string{"crawl", "run", "reparse"} {
		if !slices.Equal(rows[cmd], rows["load"]) {
			t.Errorf("%s and load disagree:\n%s\n--- load:\n%s", cmd, strings.Join(rows[cmd], "\n"), strings.Join(rows["load"], "\n"))
		}
	}
}

// ingestedRows is what the ingest stage decides, as the warehouse holds
// it: each report's identity and counts, and every value, by sha256 (the
// source URL differs by command: file:// or http://).
func ingestedRows(t *testing.T, db string) []string {
	t.Helper()
	out := testsite.Query(t, db, `SELECT sha256, jurisdiction, agency, year, template, form, values_found, checks_failed, checks_run, version, is_current
		FROM reports ORDER BY sha256`)
	return append(out, testsite.Query(t, db, `SELECT r.sha256, v.section, v.row, v.col, v.value, v.raw
		FROM report_values v JOIN reports r USING (report_id) ORDER BY ALL`)...)
}
