package pipeline

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"disclosure/crawler"
	"disclosure/crawler/platform"
	"disclosure/internal/texttable"
)

// SiteCheck is `disclosure sites check`'s line for one registered site.
type SiteCheck struct {
	Site  crawler.Site
	Probe platform.Probe
}

// CheckSites probes each enabled site's registered column once (politely:
// robots.txt obeyed, Delay between requests to a host, Parallel hosts at
// once) and returns one line per site, in registry order: what a
// maintainer runs after adding counties.
func CheckSites(ctx context.Context, o CrawlOptions) ([]SiteCheck, error) {
	sites, err := o.Registry()
	if err != nil {
		return nil, err
	}
	f := newPoliteFetcher(o)
	var out []SiteCheck
	for _, s := range sites {
		if s.Enabled {
			out = append(out, SiteCheck{Site: s})
		}
	}
	if len(out) == 0 {
		from := o.Sites
		if from == "" {
			from = "the built-in registry"
		}
		return nil, fmt.Errorf("%s: no enabled site to check", from)
	}
	sem := make(chan struct{}, max(o.Parallel, 1))
	var wg sync.WaitGroup
	for i := range out {
		wg.Add(1)
		sem <- struct{}{}
		go func(c *SiteCheck) {
			defer func() { <-sem; wg.Done() }()
			c.Probe = platform.ProbeColumn(ctx, f, c.Site.URL, c.Site.Code, platform.Options{}, func(p *platform.Page) (int, int) {
				return staticLeads(ctx, f, c.Site.URL, p)
			})
		}(&out[i])
	}
	wg.Wait()
	return out, ctx.Err()
}

// checkPages is how many pages of a plain list column a check reads: a
// report listed further back is found by the crawl, not the check.
const checkPages = 5

// staticLeads counts what a crawl takes from a plain list column, by the
// crawl's own rules (crawler.ListingLeads, as sites find counts it): the
// reports on p and on the column's further pages (its own pagination, up
// to checkPages in all, fetched through f), and the other columns it leads
// on to.
func staticLeads(ctx context.Context, f platform.Fetcher, siteURL string, p *platform.Page) (reports, onward int) {
	seen := map[string]bool{p.URL: true}
	found := map[string]bool{}
	for pages, queue := 0, []*platform.Page{p}; len(queue) > 0 && pages < checkPages; pages++ {
		page := queue[0]
		queue = queue[1:]
		leads, _ := crawler.ListingLeads(siteURL, page, nil)
		for _, l := range leads {
			switch {
			case l.How == "report":
				found[l.URL] = true
			case l.How == "page" && !seen[l.URL]:
				seen[l.URL] = true
				if next, err := f.Fetch(ctx, platform.Request{URL: l.URL}); err == nil && next.Status/100 == 2 {
					queue = append(queue, next)
				}
			case l.How != "page" && page == p:
				onward++
			}
		}
	}
	return len(found), onward
}

// SitesNeedingALook counts the checks whose status is not ok.
func SitesNeedingALook(checks []SiteCheck) int {
	n := 0
	for _, c := range checks {
		if !strings.HasPrefix(c.status(), "ok") {
			n++
		}
	}
	return n
}

// WriteSiteChecks prints the checks as an aligned table and a count of
// the sites that need a look.
func WriteSiteChecks(w io.Writer, checks []SiteCheck) error {
	var rows [][]string
	trouble := 0
	for _, c := range checks {
		st := c.status()
		if !strings.HasPrefix(st, "ok") {
			trouble++
		}
		p := c.Probe
		listed := strconv.Itoa(p.Listed)
		if p.Declared >= 0 && p.Declared != p.Listed {
			listed += " of " + strconv.Itoa(p.Declared)
		}
		if p.Err != nil && p.Platform == "" {
			listed = "—"
		}
		code := p.SiteID.Code
		if code != "" {
			owner := p.Owner
			if owner == "" && p.SiteID.Division != "" {
				owner = "another division!"
			}
			if owner != "" {
				code += " (" + owner + ")"
			}
		}
		rows = append(rows, []string{strings.TrimSpace(c.Site.Code + " " + c.Site.Name), orDash(p.Platform), listed, orDash(code), st})
	}
	if err := texttable.Write(w, []string{"site", "platform", "listed", "网站标识码", "status"}, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d sites checked, %d need a look.\n", len(checks), trouble)
	return err
}

// status is the check's verdict in words: ok, blocked (with the
// evidence), moved to a new host, a 网站标识码 of another division,
// nothing listed, or the error.
func (c SiteCheck) status() string {
	p := c.Probe
	switch {
	case p.Blocked != nil:
		return fmt.Sprintf("blocked (%s): status %d, %s", p.Blocked.Kind, p.Blocked.Status, p.Blocked.Marker)
	case movedTo(p) != "":
		return "moved to " + movedTo(p)
	case p.Err != nil:
		return "error: " + clip(p.Err.Error(), 120)
	case p.Status < 200 || p.Status > 299:
		return fmt.Sprintf("HTTP %d", p.Status)
	case p.SiteID.Division != "" && p.Owner == "" && len(c.Site.Code) == 6:
		return "网站标识码 of another division than " + c.Site.Code
	case p.Listed == 0 && p.Onward > 0:
		columns := "columns"
		if p.Onward == 1 {
			columns = "column"
		}
		return fmt.Sprintf("no report listed; leads to %d other %s (sites find shows where)", p.Onward, columns)
	case p.Listed == 0:
		return "nothing listed"
	case p.Truncated:
		return "ok (page cap reached)"
	}
	return "ok"
}

// movedTo is where a redirect took the column when it left the registered
// host (a port counts: the new address is what the registry needs).
func movedTo(p platform.Probe) string {
	if p.MovedTo != "" {
		return p.MovedTo
	}
	if p.FinalURL != "" && hostOf(p.FinalURL) != hostOf(p.URL) {
		return p.FinalURL
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
