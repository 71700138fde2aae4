package pipeline

import (
	"regexp"
	"strings"

	"disclosure/crawler"
	"disclosure/crawler/platform"
	"disclosure/warehouse"
)

// addSiteResults copies into the run's site lines what the crawler learnt
// about each site beyond its counts: the platform of its column, the
// evidence when it was blocked (a result, not a site without reports),
// its 网站标识码 and the limits, robots.txt trouble or unreachable host
// that cut its crawl short. Sites are matched by their registered URL.
func addSiteResults(lines []warehouse.RunSite, results []crawler.SiteResult) {
	byURL := make(map[string]crawler.SiteResult, len(results))
	for _, r := range results {
		byURL[r.Site.ID()] = r
	}
	for i := range lines {
		r, ok := byURL[lines[i].URL]
		if !ok {
			continue
		}
		l := &lines[i]
		l.Platform, l.SiteID, l.SiteIDOwner = r.Platform, r.SiteID, r.SiteIDOwner
		if b := r.Blocked; b != nil {
			l.BlockedKind, l.BlockedStatus, l.BlockedMarker, l.BlockedURL = b.Kind, b.Status, b.Marker, b.URL
		}
		l.Notes = strings.Join(siteNotes(r), "; ")
	}
}

// siteNotes are the crawler's notes on a site, less the blocked evidence
// and the site code, which have their own columns and alerts.
func siteNotes(r crawler.SiteResult) []string {
	r.Blocked, r.SiteIDMismatch = nil, false
	return r.Notes()
}

var (
	divisionSiteIDRe = regexp.MustCompile(`^\d{10}$`)
	countyCodeRe     = regexp.MustCompile(`^\d{6}$`)
)

// siteIDMismatch says a site's 网站标识码 names a division that is neither
// its registered county nor that county's prefecture or province (the
// alert site_code_mismatch in queries/alerts.sql applies the same rule).
// A department's bm code, or a site without a county code, names none.
func siteIDMismatch(s warehouse.RunSite) bool {
	return divisionSiteIDRe.MatchString(s.SiteID) && countyCodeRe.MatchString(s.Code) &&
		platform.Owner(s.SiteID[:6], s.Code) == ""
}
