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

	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
	"disclosure/internal/testsite"
	"disclosure/parse"
	"disclosure/queries"
	"disclosure/warehouse"
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
// readable one, records the scan as unreadable with its URL (run report,
// run_documents, query unreadable) and stores nothing from it.
func TestRunRecordsUnreadableAttachments(t *testing.T) {
	site := sitesim.New("某县人民政府")
	site.Put("/files/nb.pdf", "application/pdf", readAttachment(t, "synthetic/synthetic_yining_2023.pdf"))
	site.Put("/files/scan.pdf", "application/pdf", readAttachment(t, "made/synthetic_yining_2023.scan.pdf"))
	var links []sitesim.Link
	for i, f := range []string{"nb.pdf", "scan.pdf"} {
		path := "/nb/" + string(rune('a'+i)) + ".html"
		title := "伊宁县政府信息公开工作2023年度报告"
		extra := `<p>附件：<a href="/files/` + f + `">` + title + `.pdf</a></p>`
		site.Put(path, samples.HTMLUTF8, []byte(sitesim.ReportHTML(site.Name, title, "2024-01-26", "详见附件。", sitesim.Paragraphs, extra)))
		links = append(links, sitesim.Link{Href: path, Text: title, Date: "2024-01-26"})
	}
	site.Put("/nb/", samples.HTMLUTF8, []byte(sitesim.ListingHTML(site.Name, "政府信息公开年报", links, "")))
	site.Put("/robots.txt", "text/plain", []byte(sitesim.Robots("")))
	if err := site.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { site.Close() })

	o, store := testRun(t, t.TempDir(), io.Discard, site.URL("/nb/"))
	res, err := RunPass(context.Background(), "run", o, store, io.Discard)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	var out bytes.Buffer
	if err := WriteRunReport(&out, res, store.DB); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "disclosure query unreadable") || !strings.Contains(out.String(), site.URL("/files/scan.pdf")) {
		t.Errorf("run report lacks the scan:\n%s", out.String())
	}
	got := testsite.Query(t, store.DB, `SELECT url, outcome, split_part(detail, ':', 1) FROM run_documents WHERE url LIKE '%.pdf' ORDER BY url`)
	scan := site.URL("/files/scan.pdf") + "\tunreadable\t" + parse.ReasonImageOnly
	if len(got) != 2 || !strings.HasPrefix(got[0], site.URL("/files/nb.pdf")+"\tloaded") || got[1] != scan {
		t.Errorf("run_documents: %q", got)
	}
	if got := unreadableQuery(t, store.DB); len(got) != 1 || got[0] != parse.ReasonImageOnly+"\t"+site.URL("/files/scan.pdf") {
		t.Errorf("query unreadable: %q", got)
	}
	if n := testsite.Query(t, store.DB, `SELECT count(*) FROM reports WHERE source_url LIKE '%scan.pdf'`); len(n) != 1 || n[0] != "0" {
		t.Errorf("reports from the scan: %v", n)
	}
	if n := testsite.Query(t, store.DB, `SELECT count(*) FROM report_values v JOIN reports r USING (report_id) WHERE r.source_url LIKE '%nb.pdf'`); len(n) != 1 || n[0] == "0" {
		t.Errorf("values of the readable PDF: %v", n)
	}
}

// unreadableQuery runs the named query `unreadable`: reason and URL per row.
func unreadableQuery(t *testing.T, path string) []string {
	t.Helper()
	q, ok, err := queries.Get("unreadable")
	if err != nil || !ok {
		t.Fatalf("query unreadable: %v %v", ok, err)
	}
	args, err := q.Args(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := warehouse.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.SQL().Query(q.SQL, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals[0])+"\t"+fmt.Sprint(vals[1]))
	}
	return out
}
