package testsite

import (
	"fmt"
	"testing"

	"disclosure/internal/samples"
	"disclosure/internal/sitesim"
	"disclosure/parse"
)

// County serves, on loopback, a robots.txt, a report column and n report
// pages rendered from bundled samples that hold statistics. It returns the
// site, the report paths and a function that re-publishes the column
// listing only the given reports.
func County(t testing.TB, n int) (*sitesim.Site, []string, func(paths ...string)) {
	t.Helper()
	s := sitesim.New("某县人民政府")
	var links []sitesim.Link
	var paths []string
	for _, name := range samples.Names("*.txt") {
		if len(paths) == n {
			break
		}
		text, _ := samples.Text(name)
		title := fmt.Sprintf("某县%d年政府信息公开工作年度报告", 2019+len(paths))
		page := []byte(sitesim.ReportHTML(s.Name, title, "2024-01-20", text, sitesim.Tables, ""))
		if rep, err := parse.Parse(page, parse.Options{Name: name, ContentType: "text/html"}); err != nil || len(rep.Values) == 0 {
			continue
		}
		p := fmt.Sprintf("/nb/%d.html", len(paths))
		s.Put(p, samples.HTMLUTF8, page)
		paths = append(paths, p)
		links = append(links, sitesim.Link{Href: p, Text: title, Date: "2024-01-20"})
	}
	if len(paths) < n {
		t.Fatalf("only %d samples with statistics", len(paths))
	}
	list := func(keep ...string) {
		var ls []sitesim.Link
		for _, l := range links {
			for _, k := range keep {
				if l.Href == k {
					ls = append(ls, l)
				}
			}
		}
		s.Put("/nb/", samples.HTMLUTF8, []byte(sitesim.ListingHTML(s.Name, "政府信息公开年报", ls, sitesim.PagerLinks(""))))
	}
	list(paths...)
	s.Put("/robots.txt", "text/plain", []byte(sitesim.Robots("")))
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, paths, list
}
