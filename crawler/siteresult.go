package crawler

import (
	"fmt"
	"time"
)

// SiteResult is what a crawl did with one registered site, for the run
// report: how far discovery went and, when it stopped short, why. Stats.PerSite
// holds one per enabled site, in registry order.
type SiteResult struct {
	Site Site

	Pages     int // listing pages queued (the registered page, columns, pagination)
	Documents int // reports and attachments queued
	Elapsed   time.Duration

	// Unreachable is the network error when the site's host did not answer
	// at all (robots.txt and the registered page): nothing was crawled.
	Unreachable string
	// Robots says why robots.txt was not read as usual ("" when it was, or
	// when there is none): over 500 KiB (the first 500 KiB obeyed),
	// unavailable (5xx: site skipped), a Crawl-delay too long, unreadable.
	Robots string
	// Disallowed counts URLs of the site that robots.txt kept the crawler from.
	Disallowed int

	// The limits that cut the site's crawl short: each is the limit's value
	// when it was reached, zero otherwise.
	PageLimit     int           // Options.MaxPages: listing pages not followed
	DocumentLimit int           // Options.MaxDocuments: documents not fetched
	TimedOut      time.Duration // Options.SiteTimeout: queued URLs dropped
	Dropped       int           // URLs not fetched because of these limits
	Incomplete    bool          // discovery may have missed links (nothing was marked gone)
}

// Notes are the result's exceptions as phrases for a report (none: nil).
func (r SiteResult) Notes() []string {
	var out []string
	if r.Unreachable != "" {
		out = append(out, "unreachable: "+r.Unreachable)
	}
	if r.Robots != "" {
		out = append(out, "robots.txt: "+r.Robots)
	}
	if r.PageLimit > 0 {
		out = append(out, fmt.Sprintf("page limit (%d listing pages) reached", r.PageLimit))
	}
	if r.DocumentLimit > 0 {
		out = append(out, fmt.Sprintf("document limit (%d per run) reached", r.DocumentLimit))
	}
	if r.TimedOut > 0 {
		out = append(out, fmt.Sprintf("site deadline (%s) reached", r.TimedOut))
	}
	if r.Dropped > 0 {
		out = append(out, fmt.Sprintf("%d URLs not fetched because of limits", r.Dropped))
	}
	return out
}
