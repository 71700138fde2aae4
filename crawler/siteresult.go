package crawler

import (
	"fmt"
	"time"

	"disclosure/crawler/platform"
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
	// Platform is the CMS platform recognised on a column page ("" none);
	// PlatformTruncated says its walk stopped at the page cap.
	Platform          string
	PlatformTruncated bool
	// Blocked is the evidence when a column page was a JS challenge, a
	// JS-only shell or a platform page without its list: the site's reports
	// could not be listed, which is not the same as having none.
	Blocked *platform.Blocked

	// SiteID is the 网站标识码 the registered page carries ("" none): its
	// owner's division code and 4 digits. SiteIDOwner says how that
	// division relates to the registered code: "county", or "prefecture" /
	// "province" for a shared platform; SiteIDMismatch marks an unrelated
	// one (another county's site registered here?), which deserves an alert.
	SiteID         string
	SiteIDOwner    string
	SiteIDMismatch bool

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
	if r.Blocked != nil {
		out = append(out, "blocked: "+r.Blocked.Error())
	}
	if r.SiteIDMismatch {
		out = append(out, fmt.Sprintf("site code %s names another division than %s", r.SiteID, r.Site.Code))
	}
	if r.PlatformTruncated {
		out = append(out, r.Platform+" column: page cap reached")
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
