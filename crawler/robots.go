package crawler

import (
	"bytes"
	"disclosure/docform"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/temoto/robotstxt"
)

// robots is the part of a host's robots.txt that concerns this crawler:
// which paths it may fetch and how long to wait between requests.
type robots struct {
	group      *robotstxt.Group // nil: everything allowed
	disallow   bool             // everything disallowed (robots.txt answered 5xx, or its host did not answer)
	crawlDelay time.Duration
	note       string // why the rules are what they are, for logs
	// problem says why robots.txt was not read as usual, for the site's
	// result ("" when it was, or there is none).
	problem string
	// unreachable is the network error when robots.txt got no answer at
	// all: the host is down, and its URLs are reported so, not as refused.
	unreachable string
}

var allowAllRobots = &robots{note: "no robots.txt"}

// unreachableRobots keeps the crawler off a host that did not answer its
// robots.txt request (RFC 9309 §2.3.1.4: assume complete disallow).
func unreachableRobots(err error) *robots {
	return &robots{disallow: true, note: "robots.txt unreachable: staying away this crawl", unreachable: err.Error()}
}

// Allowed reports whether the URL's path (with query) may be fetched.
func (r *robots) Allowed(u *url.URL) bool {
	if r == nil {
		return true
	}
	if r.disallow {
		return false
	}
	if r.group == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return r.group.Test(p)
}

// agentToken is the product token of a User-Agent ("disclosure-crawler" in
// "disclosure-crawler/1.0 (+https://…)"): the name robots.txt groups match.
func agentToken(ua string) string {
	ua = strings.TrimSpace(ua)
	if i := strings.IndexAny(ua, "/ ("); i > 0 {
		ua = ua[:i]
	}
	return strings.ToLower(ua)
}

// robotsLine recognises the directives robots.txt parsers agree on; the
// others (and stray HTML) are dropped before a second parse attempt.
var robotsLine = regexp.MustCompile(`(?i)^\s*(user-agent|allow|disallow|crawl-delay|sitemap|host)\s*:`)

// parseRobots reads a robots.txt response, following RFC 9309: 2xx rules
// apply, 4xx means no restrictions, 5xx (and no answer at all, status 0)
// means stay away for this crawl. A body that is an HTML page (sites that
// answer every path with their home page) is treated as no robots.txt.
func parseRobots(status int, body []byte, agent string) *robots {
	switch {
	case status == 0 || status >= 500:
		return &robots{disallow: true, note: "robots.txt unavailable: staying away this crawl",
			problem: fmt.Sprintf("unavailable (HTTP %d): site skipped this crawl", status)}
	case status >= 400:
		return allowAllRobots
	case status < 200 || status >= 300:
		return &robots{disallow: true, note: "robots.txt answered an unexpected status",
			problem: fmt.Sprintf("answered HTTP %d: site skipped this crawl", status)}
	}
	if docform.Sniff(body, "") == docform.HTML {
		return &robots{note: "robots.txt is an HTML page: no rules", problem: "an HTML page, not rules: none applied"}
	}
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		var keep [][]byte
		for _, line := range bytes.Split(body, []byte("\n")) {
			if robotsLine.Match(line) {
				keep = append(keep, line)
			}
		}
		data, err = robotstxt.FromBytes(bytes.Join(keep, []byte("\n")))
		if err != nil {
			return &robots{note: "robots.txt unreadable: no rules (" + err.Error() + ")",
				problem: "unreadable, no rules applied: " + err.Error()}
		}
	}
	g := data.FindGroup(agent)
	return &robots{group: g, crawlDelay: g.CrawlDelay, note: "robots.txt"}
}
