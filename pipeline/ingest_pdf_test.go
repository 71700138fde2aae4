package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/internal/testsite"
	"disclosure/parse"
	"disclosure/queries"
)

const attachments = "../testdata/attachments"

func readAttachment(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(attachments, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A PDF is read by positions (pdftext + ParseLayout); a scan and a PDF
// without a text layer come out unreadable with their reason, and nothing
// to load.
func TestIngestPDFs(t *testing.T) {
	p := Ingest(Source{Body: readAttachment(t, "synthetic/synthetic_yining_2023.cid.pdf"), URL: "http://x.gov.cn/a.pdf"})
	if p.Outcome != OutcomeLoadable || p.Doc == nil || len(p.Report.Values) < 200 || p.Report.Form != "pdf" {
		t.Fatalf("cid.pdf: outcome %s, err %v", p.Outcome, p.Err)
	}
	for name, reason := range map[string]string{
		"made/synthetic_yining_2023.scan.pdf": parse.ReasonImageOnly,
		"made/seed_yining_2023.nounicode.pdf": parse.ReasonNoTextLayer,
	} {
		p := Ingest(Source{Body: readAttachment(t, name), URL: "http://x.gov.cn/" + filepath.Base(name)})
		if p.Outcome != OutcomeUnreadable || p.Doc != nil || !strings.HasPrefix(p.Detail(), reason+": ") {
			t.Errorf("%s: outcome %s, detail %q, doc %v", name, p.Outcome, p.Detail(), p.Doc != nil)
		}
	}
}

// `disclosure parse` of a scan fails with the reason.
func TestParseFileRefusesAScan(t *testing.T) {
	_, err := ParseFile(filepath.Join(attachments, "made/synthetic_yining_2023.scan.pdf"), nil)
	if parse.UnreadableReason(err) != parse.ReasonImageOnly || !strings.Contains(err.Error(), "scan.pdf") {
		t.Fatalf("err = %v", err)
	}
}

// A nightly run over a site whose reports are PDF attachments loads the
// readable one, records the scan and the PDF without a text layer as
// unreadable with their URL (run report, run_documents, query unreadable)
// and stores nothing from them; the next run meets them again and adds no
// row.
func TestRunRecordsUnreadableAttachments(t *testing.T) {
	site := attachmentSite(t, "synthetic/synthetic_yining_2023.pdf", unreadableFixtures[0].file, unreadableFixtures[1].file)
	o, store := testRun(t, t.TempDir(), io.Discard, site.URL("/nb/"))
	urlOf := func(f string) string { return site.URL("/files/" + filepath.Base(f)) }
	for run := 1; run <= 2; run++ {
		res, err := RunPass(context.Background(), "run", o, store, io.Discard)
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		var out bytes.Buffer
		if err := WriteRunReport(&out, res, store.DB); err != nil {
			t.Fatal(err)
		}
		for _, f := range unreadableFixtures {
			if !strings.Contains(out.String(), "disclosure query unreadable") || !strings.Contains(out.String(), urlOf(f.file)) {
				t.Errorf("run report lacks %s:\n%s", f.file, out.String())
			}
		}
		wantUnreadable(t, store.DB, urlOf)
		if got := testsite.Query(t, store.DB, `SELECT DISTINCT via || ' ' || run_id || ' ' || site_url FROM unreadable_documents`); len(got) != 1 ||
			got[0] != fmt.Sprintf("run %d %s", run, site.URL("/nb/")) {
			t.Errorf("run %d: via, run, site: %q", run, got)
		}
	}
	got := testsite.Query(t, store.DB, `SELECT url, outcome, split_part(detail, ':', 1) FROM run_documents WHERE url LIKE '%.pdf' AND run_id = 1 ORDER BY url`)
	want := []string{urlOf(unreadableFixtures[1].file) + "\tunreadable\t" + parse.ReasonNoTextLayer, site.URL("/files/synthetic_yining_2023.pdf") + "\tloaded",
		urlOf(unreadableFixtures[0].file) + "\tunreadable\t" + parse.ReasonImageOnly}
	if len(got) != 3 || got[0] != want[0] || !strings.HasPrefix(got[1], want[1]) || got[2] != want[2] {
		t.Errorf("run_documents: %q", got)
	}
	if n := testsite.Query(t, store.DB, `SELECT count(*) FROM unreadable_documents`); n[0] != "2" {
		t.Errorf("%s rows after two runs, want 2", n[0])
	}
	if n := testsite.Query(t, store.DB, `SELECT count(*) FROM report_values v JOIN reports r USING (report_id) WHERE r.source_url LIKE '%synthetic_yining_2023.pdf'`); len(n) != 1 || n[0] == "0" {
		t.Errorf("values of the readable PDF: %v", n)
	}
}

// unreadableQuery runs the named query `unreadable` with its parameters
// (name, value, …): reason and URL per row.
func unreadableQuery(t *testing.T, path string, params ...string) []string {
	t.Helper()
	q, ok, err := queries.Get("unreadable")
	if err != nil || !ok {
		t.Fatalf("query unreadable: %v %v", ok, err)
	}
	given := map[string]string{}
	for i := 0; i+1 < len(params); i += 2 {
		given[params[i]] = params[i+1]
	}
	args, err := q.Args(given)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, row := range testsite.Query(t, path, q.SQL, args...) {
		cells := strings.SplitN(row, "\t", 3)
		out = append(out, cells[0]+"\t"+cells[1])
	}
	return out
}
