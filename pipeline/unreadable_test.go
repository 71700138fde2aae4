package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/internal/sitesim"
	"disclosure/internal/testsite"
	"disclosure/parse"
	"disclosure/warehouse"
)

// The unreadable fixtures: a scan, and a PDF whose CJK fonts have no
// ToUnicode (its characters decode to control characters), with the
// reason each is recorded under.
var unreadableFixtures = []struct{ file, reason string }{
	{"made/synthetic_yining_2023.scan.pdf", parse.ReasonImageOnly},
	{"made/seed_yining_2023.nounicode.pdf", parse.ReasonNoTextLayer},
}

// attachmentSite serves the attachment fixtures as a report column.
func attachmentSite(t *testing.T, files ...string) *sitesim.Site {
	t.Helper()
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(attachments, f)
	}
	return testsite.Attachments(t, paths...)
}

// wantUnreadable checks that the query unreadable lists exactly the
// fixtures at their URLs (url(file)) with their reasons, and that nothing
// of them is stored.
func wantUnreadable(t *testing.T, db string, url func(file string) string) {
	t.Helper()
	var want []string
	for _, f := range unreadableFixtures {
		want = append(want, f.reason+"\t"+url(f.file))
	}
	got := unreadableQuery(t, db)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("query unreadable:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range unreadableFixtures {
		sum := sha256.Sum256(readAttachment(t, f.file))
		n := testsite.Query(t, db, `SELECT (SELECT count(*) FROM reports WHERE sha256 = $1 OR source_url = $2)
			+ (SELECT count(*) FROM report_values v JOIN reports r USING (report_id) WHERE r.sha256 = $1)`, hex.EncodeToString(sum[:]), url(f.file))
		if len(n) != 1 || n[0] != "0" {
			t.Errorf("%s: %v reports and values stored", f.file, n)
		}
	}
}

// `disclosure load` records the scan and the PDF without a text layer with
// their file and reason; loading them again adds no row; a file an older
// reader could not read and this one does drops out of the list.
func TestLoadRecordsUnreadable(t *testing.T) {
	dir := t.TempDir()
	for _, f := range unreadableFixtures {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.file)), readAttachment(t, f.file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	readable := filepath.Join(dir, "nb.pdf")
	body := readAttachment(t, "synthetic/synthetic_yining_2023.pdf")
	os.WriteFile(readable, body, 0o644)
	store := Store{DB: filepath.Join(t.TempDir(), "w.duckdb")}
	// An older reader found nb.pdf unreadable.
	sum := sha256.Sum256(body)
	err := store.Write(func(db *warehouse.DB) error {
		return db.RecordTextChecks(context.Background(), []warehouse.TextCheck{{SHA256: hex.EncodeToString(sum[:]), URL: fileURL(readable, ""),
			Reason: parse.ReasonNoTextLayer, Via: "load"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	fileOf := func(f string) string { return fileURL(filepath.Join(dir, filepath.Base(f)), "") }
	for range 2 {
		res, err := Load(context.Background(), []string{dir}, LoadOptions{Batch: 2}, store)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Unreadable) != len(unreadableFixtures) {
			t.Errorf("load summary: %d unreadable", len(res.Unreadable))
		}
		wantUnreadable(t, store.DB, fileOf)
	}
	if n := testsite.Query(t, store.DB, `SELECT count(*), count(read_at) FROM unreadable_documents`); n[0] != "3\t1" {
		t.Errorf("rows, read: %s after two loads; want the two unreadable files and the one read since", n[0])
	}
	if n := testsite.Query(t, store.DB, `SELECT count(*) FROM reports WHERE source_url = ?`, fileURL(readable, "")); n[0] != "1" {
		t.Errorf("the readable PDF was not loaded: %v", n)
	}
}

// `disclosure crawl` records the unreadable attachments with their URL and
// reason; after a reader improvement, `disclosure reparse` reads a
// document recorded as unreadable and it drops out.
func TestCrawlRecordsUnreadable(t *testing.T) {
	var files []string
	for _, f := range unreadableFixtures {
		files = append(files, f.file)
	}
	site := attachmentSite(t, append(files, "synthetic/synthetic_yining_2023.pdf")...)
	o, store := testRun(t, t.TempDir(), io.Discard, site.URL("/nb/"))
	var out strings.Builder
	if _, err := Crawl(context.Background(), o, store, &out, io.Discard); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	urlOf := func(f string) string { return site.URL("/files/" + filepath.Base(f)) }
	wantUnreadable(t, store.DB, urlOf)
	if got := testsite.Query(t, store.DB, `SELECT DISTINCT via || ' ' || site_url FROM unreadable_documents`); len(got) != 1 || got[0] != "crawl "+site.URL("/nb/") {
		t.Errorf("via, site: %q", got)
	}
	// Its parameters: one reason; the start of the site's URL or of the document's.
	if got := unreadableQuery(t, store.DB, "reason", parse.ReasonImageOnly); len(got) != 1 || got[0] != parse.ReasonImageOnly+"\t"+urlOf(unreadableFixtures[0].file) {
		t.Errorf("reason=%s: %q", parse.ReasonImageOnly, got)
	}
	for prefix, want := range map[string]int{site.URL("/nb/"): 2, site.URL("/files/seed"): 1, "http://elsewhere.gov.cn/": 0} {
		if got := unreadableQuery(t, store.DB, "site", prefix); len(got) != want {
			t.Errorf("site=%s: %q, want %d rows", prefix, got, want)
		}
	}
	for _, f := range unreadableFixtures {
		if !strings.Contains(out.String(), f.reason+" (not loaded)") {
			t.Errorf("crawl output does not name %s:\n%s", f.reason, out.String())
		}
	}

	// An older reader had found nb.pdf unreadable: reparse reads it.
	nb := site.URL("/files/synthetic_yining_2023.pdf")
	err := store.Write(func(db *warehouse.DB) error {
		_, err := db.SQL().Exec(`INSERT INTO unreadable_documents (sha256, url, reason, via, first_seen, seen_at)
			SELECT sha256, source_url, 'no text layer', 'crawl', now(), now() FROM reports WHERE source_url = ?`, nb)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := unreadableQuery(t, store.DB); len(got) != 2 {
		// The query leaves out a document stored as a report whatever the table says.
		t.Errorf("query unreadable lists a stored report: %q", got)
	}
	if _, err := Reparse(context.Background(), store, false, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	wantUnreadable(t, store.DB, urlOf)
	if got := testsite.Query(t, store.DB, `SELECT url FROM unreadable_documents WHERE read_at IS NOT NULL`); len(got) != 1 || got[0] != nb {
		t.Errorf("read since: %q", got)
	}
	if got := testsite.Query(t, store.DB, `SELECT DISTINCT via FROM unreadable_documents WHERE read_at IS NULL`); len(got) != 1 || got[0] != "reparse" {
		t.Errorf("via after reparse: %q", got)
	}
}
