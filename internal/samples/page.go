package samples

import "disclosure/internal/sitesim"

// HTMLUTF8 is the Content-Type of the simulated sites' pages.
const HTMLUTF8 = "text/html; charset=utf-8"

// ReportPage publishes a sample on a simulated site as a report page in
// the given layout (the demo's sites and the tests' are built with it).
func ReportPage(s *sitesim.Site, site, pagePath, file, title, date string, layout sitesim.Layout, extra string) error {
	text, err := Text(file)
	if err != nil {
		return err
	}
	s.Put(pagePath, HTMLUTF8, []byte(sitesim.ReportHTML(site, title, date, text, layout, extra)))
	return nil
}
