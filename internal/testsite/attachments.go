package testsite

import (
	"os"
	"path/filepath"
	"testing"

	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
)

// Attachments serves, on loopback, a report column under /nb/ whose
// reports are the given files (PDFs): one report page each, saying 详见附件
// and linking its file under /files/ (by base name).
func Attachments(t testing.TB, files ...string) *sitesim.Site {
	t.Helper()
	site := sitesim.New("伊宁县人民政府")
	var links []sitesim.Link
	for i, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		site.Put("/files/"+name, "application/pdf", body)
		page := "/nb/" + string(rune('a'+i)) + ".html"
		title := "伊宁县政府信息公开工作2023年度报告"
		extra := `<p>附件：<a href="/files/` + name + `">` + title + `.pdf</a></p>`
		site.Put(page, samples.HTMLUTF8, []byte(sitesim.ReportHTML(site.Name, title, "2024-01-26", "详见附件。", sitesim.Paragraphs, extra)))
		links = append(links, sitesim.Link{Href: page, Text: title, Date: "2024-01-26"})
	}
	site.Put("/nb/", samples.HTMLUTF8, []byte(sitesim.ListingHTML(site.Name, "政府信息公开年报", links, "")))
	site.Put("/robots.txt", "text/plain", []byte(sitesim.Robots("")))
	if err := site.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { site.Close() })
	return site
}
