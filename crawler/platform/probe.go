package platform

import (
	"context"
	"errors"
	"net/url"
)

// Probe is what one look at a registered column tells a maintainer
// (`disclosure sites check`): where it answers, on which platform, how
// many entries it lists, whose site it is, or what blocks it.
type Probe struct {
	URL       string // as registered
	FinalURL  string // after redirects
	MovedTo   string // the new host's URL when a redirect left the registered host
	Status    int
	Platform  string // an adapter's name; "static" for a plain list page
	Listed    int    // entries found (static pages: the reports countStatic finds)
	Onward    int    // static pages: the other columns a crawl goes on to from it
	Declared  int    // the total the platform announced, -1 when none
	Truncated bool
	Blocked   *Blocked
	SiteID    SiteID // the page's 网站标识码, zero when none
	Owner     string // Owner(SiteID.Division, county): county, prefecture, province or "" (alert)
	Err       error  // the column could not be fetched or walked
}

// ProbeColumn fetches a column once and lists it (politeness is the
// Fetcher's). county is the registered 6-digit code, "" when unknown.
// countStatic counts the reports a plain list column offers and the other
// columns it leads to, as a crawl would take them (the caller's: this
// package cannot import the crawler's discovery); nil counts the page's
// article-shaped links.
func ProbeColumn(ctx context.Context, f Fetcher, columnURL, county string, opt Options, countStatic func(*Page) (reports, onward int)) Probe {
	pr := Probe{URL: columnURL, Declared: -1}
	p, err := f.Fetch(ctx, Request{URL: columnURL})
	if err != nil {
		pr.Err = err
		return pr
	}
	pr.FinalURL, pr.Status = p.URL, p.Status
	if a, b := hostOf(columnURL), hostOf(p.URL); a != "" && b != "" && a != b {
		pr.MovedTo = p.URL
	}
	if id, ok := SiteIDOf([]byte(Text(p))); ok {
		pr.SiteID = id
		pr.Owner = Owner(id.Division, county)
	}
	l, err := List(ctx, p, f, opt)
	switch {
	case errors.Is(err, ErrNoPlatform) && ok2xx(p):
		pr.Platform = "static"
		if countStatic != nil {
			pr.Listed, pr.Onward = countStatic(p)
			return pr
		}
		base, _ := url.Parse(p.URL)
		pr.Listed = len(extractItems(parseFragment(Text(p)), base, IsArticleURL))
		return pr
	case err != nil:
		pr.Err = err
	}
	pr.Platform, pr.Listed, pr.Declared, pr.Truncated, pr.Blocked = l.Platform, len(l.Items), l.Declared, l.Truncated, l.Blocked
	return pr
}

func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
