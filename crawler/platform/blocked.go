package platform

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Blocked is the evidence that a site keeps its list from a plain client.
// It is a result to record (run report, crawl state, alerts), never a
// reason to report "no reports", and never something to get around.
type Blocked struct {
	URL    string
	Status int
	Kind   string // one of the Blocked* kinds
	Marker string // what was seen: "$_ts", "__jsl_clearance", "wzws_cid", "412", "text 212 bytes" …
}

// Kinds of blocking.
const (
	BlockedChallenge = "js-challenge" // 瑞数, 加速乐, WZWS: the page is a script that sets a cookie and reloads
	BlockedShell     = "js-shell"     // an empty list container filled by scripts only
	BlockedNoList    = "no-list"      // a success answer without the list the platform serves
)

func (b *Blocked) Error() string {
	return fmt.Sprintf("blocked (%s, %s) at %s, status %d", b.Kind, b.Marker, b.URL, b.Status)
}

// challengeMarkers are the strings a JS challenge page carries. The WAF
// cookies alone (__jsluid_s, acw_tc) also ride on ordinary pages and prove
// nothing; the clearance script does.
var challengeMarkers = []struct{ marker, vendor string }{
	{"$_ts", "瑞数"},
	{"__jsl_clearance", "加速乐"},
	{"wzws_cid", "WZWS"},
	{"wzwschallenge", "WZWS"},
}

// Challenge reports a JS challenge page: 瑞数's 412/202 with `$_ts`, a
// 加速乐 `__jsl_clearance` script, a WZWS `wzws_cid` page or cookie on a
// page without content, or a bare 412. Nil for anything else.
func Challenge(p *Page) *Blocked {
	if p == nil {
		return nil
	}
	text := -1 // computed once, when needed
	small := func() bool {
		if text < 0 {
			text = visibleTextLen(p.Body)
		}
		return text < shellText
	}
	for _, m := range challengeMarkers {
		if bytes.Contains(p.Body, []byte(m.marker)) && (p.Status == 412 || p.Status == 202 || p.Status == 521 || small()) {
			return &Blocked{URL: p.URL, Status: p.Status, Kind: BlockedChallenge, Marker: m.marker + " (" + m.vendor + ")"}
		}
	}
	for _, c := range p.Header.Values("Set-Cookie") {
		if strings.HasPrefix(strings.TrimSpace(c), "wzws_cid=") && small() {
			return &Blocked{URL: p.URL, Status: p.Status, Kind: BlockedChallenge, Marker: "Set-Cookie wzws_cid (WZWS)"}
		}
	}
	if p.Status == 412 {
		return &Blocked{URL: p.URL, Status: p.Status, Kind: BlockedChallenge, Marker: "status 412"}
	}
	return nil
}

// shellText is the visible-text size under which a page with scripts is a
// shell that a browser fills (PLATFORMS.md §8: under 500 bytes).
const shellText = 500

// Shell reports a success page that holds no list a plain client can read:
// an empty body (what a failed challenge often leaves), or under 500 bytes
// of visible text with scripts, at most two links and none to an article
// or a document (a tiny column with one report is a list, not a shell). Call it on a page no
// adapter recognised; an adapter's own pages are judged by the adapter.
func Shell(p *Page) *Blocked {
	if p == nil || p.Status < 200 || p.Status > 299 {
		return nil
	}
	if len(bytes.TrimSpace(p.Body)) == 0 {
		return &Blocked{URL: p.URL, Status: p.Status, Kind: BlockedShell, Marker: "empty body"}
	}
	n := visibleTextLen(p.Body)
	if n >= shellText || !bytes.Contains(bytes.ToLower(p.Body), []byte("<script")) {
		return nil
	}
	if links, entries := countLinks(p.Body); links > 2 || entries > 0 {
		return nil
	}
	return &Blocked{URL: p.URL, Status: p.Status, Kind: BlockedShell, Marker: fmt.Sprintf("text %d bytes, scripts only", n)}
}

// noList is an adapter's verdict on a success page that lacks its list.
func noList(p *Page, marker string) *Blocked {
	return &Blocked{URL: p.URL, Status: p.Status, Kind: BlockedNoList, Marker: marker}
}

// visibleTextLen counts the bytes of text outside <script>, <style> and
// tags, whitespace runs counted once.
func visibleTextLen(b []byte) int {
	z := html.NewTokenizer(bytes.NewReader(b))
	n, skip := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken:
			if t, _ := z.TagName(); isRawTag(t) {
				skip++
			}
		case html.EndTagToken:
			if t, _ := z.TagName(); isRawTag(t) && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				n += len(strings.Join(strings.Fields(string(z.Text())), " "))
			}
		}
	}
}

func isRawTag(t []byte) bool {
	s := string(t)
	return s == "script" || s == "style" || s == "noscript" || s == "template"
}

// countLinks counts <a href> that lead somewhere (not # or javascript:),
// and among them those to an article-shaped URL or a document.
func countLinks(b []byte) (n, entries int) {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return n, entries
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		if string(name) != "a" {
			continue
		}
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			if string(k) == "href" {
				h := strings.ToLower(strings.TrimSpace(string(v)))
				if h != "" && !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "javascript:") {
					n++
					if IsArticleURL(h) || attachmentExtRe.MatchString(pathOf(h)) {
						entries++
					}
				}
			}
		}
	}
}

// ok2xx says the page is a success answer.
func ok2xx(p *Page) bool { return p != nil && p.Status >= 200 && p.Status <= 299 }
