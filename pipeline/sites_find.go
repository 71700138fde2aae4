package pipeline

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"disclosure/crawler/platform"
	"disclosure/internal/texttable"
)

// `disclosure sites find URL`: from a county portal's root, the walk a
// person makes — 首页 → 政府信息公开 → 年报 — to the annual-report column, so
// that a registry row can be added without reading HTML. Each candidate
// column is probed (platform, entries listed) and the best one proposed.
//
// The crawler walks the same way inside a crawl but exports no helper for
// it (crawler/*.go is its own package's business); these rules are the
// short form: a link whose text names the 年报 column is a candidate, one
// naming 信息公开 or 政务公开 is a way there.

// ColumnCandidate is one annual-report column found from a portal root.
type ColumnCandidate struct {
	URL   string
	Text  string   // the link text that named it
	Path  []string // link texts from the root to it
	Probe platform.Probe
}

var (
	reportColumnRe = regexp.MustCompile(`年报|年度报告|工作报告`)
	disclosureRe   = regexp.MustCompile(`信息公开|政务公开|政府公开`)
	yearInTextRe   = regexp.MustCompile(`(19|20)\d\d`)
)

// findLimits bound the walk: pages read from the portal (besides the
// candidates' probes), levels below the root.
const (
	findMaxPages = 12
	findDepth    = 3
)

// FindReportColumn walks from root to its annual-report columns and
// returns them, the best first (most entries listed, not blocked).
func FindReportColumn(ctx context.Context, o CrawlOptions, root string) ([]ColumnCandidate, error) {
	ru, err := url.Parse(root)
	if err != nil || ru.Host == "" || (ru.Scheme != "http" && ru.Scheme != "https") {
		return nil, fmt.Errorf("%q: want an http(s) URL of a portal", root)
	}
	f := newPoliteFetcher(o)
	type step struct {
		url  string
		path []string
	}
	queue := []step{{url: root}}
	seen := map[string]bool{root: true}
	cands := map[string]*ColumnCandidate{}
	var order []string
	read := 0
	for len(queue) > 0 && read < findMaxPages {
		s := queue[0]
		queue = queue[1:]
		p, err := f.Fetch(ctx, platform.Request{URL: s.url})
		read++
		if err != nil {
			if read == 1 {
				return nil, err
			}
			continue
		}
		if read == 1 && (p.Status < 200 || p.Status > 299) {
			return nil, fmt.Errorf("%s: HTTP %d", root, p.Status)
		}
		for _, l := range pageLinks(p) {
			if hostOf(l.url) != ru.Host || seen[l.url] {
				continue
			}
			switch {
			case isReportColumnText(l.text):
				seen[l.url] = true
				cands[l.url] = &ColumnCandidate{URL: l.url, Text: l.text, Path: append(append([]string{}, s.path...), l.text)}
				order = append(order, l.url)
			case disclosureRe.MatchString(l.text) && utf8.RuneCountInString(l.text) <= 16 && len(s.path) < findDepth-1:
				seen[l.url] = true
				queue = append(queue, step{url: l.url, path: append(append([]string{}, s.path...), l.text)})
			}
		}
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%s: no link to an annual-report (年报) column within %d pages of the root", root, read)
	}
	out := make([]ColumnCandidate, 0, len(order))
	for _, u := range order {
		c := cands[u]
		c.Probe = platform.ProbeColumn(ctx, f, u, "", platform.Options{})
		out = append(out, *c)
	}
	sort.SliceStable(out, func(i, j int) bool { return candidateScore(out[i]) > candidateScore(out[j]) })
	return out, ctx.Err()
}

// isReportColumnText says a link names the annual-report column (政府信息公开年报,
// 信息公开年度报告), not one report (those carry a year) nor a long title.
func isReportColumnText(t string) bool {
	t = strings.TrimSpace(t)
	return reportColumnRe.MatchString(t) && !yearInTextRe.MatchString(t) && utf8.RuneCountInString(t) <= 16
}

// candidateScore ranks candidates: listed entries, nothing for a blocked
// or failing column.
func candidateScore(c ColumnCandidate) int {
	if c.Probe.Blocked != nil || c.Probe.Err != nil {
		return -1
	}
	return c.Probe.Listed
}

type link struct{ url, text string }

// pageLinks are a page's <a href> with their text (title when empty), as
// absolute URLs without fragments.
func pageLinks(p *platform.Page) []link {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(platform.Text(p)))
	if err != nil {
		return nil
	}
	base, err := url.Parse(p.URL)
	if err != nil {
		return nil
	}
	var out []link
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		h, _ := a.Attr("href")
		h = strings.TrimSpace(h)
		if h == "" || strings.HasPrefix(h, "#") || strings.HasPrefix(strings.ToLower(h), "javascript:") {
			return
		}
		u, err := base.Parse(h)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		u.Fragment = ""
		text := strings.Join(strings.Fields(a.Text()), "")
		if text == "" {
			text, _ = a.Attr("title")
		}
		out = append(out, link{url: u.String(), text: text})
	})
	return out
}

func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return u.Host
}

// WriteColumnCandidates prints the proposed column first, as a registry
// row to paste, then every candidate.
func WriteColumnCandidates(w io.Writer, cands []ColumnCandidate) error {
	var rows [][]string
	for _, c := range cands {
		st := "ok"
		switch {
		case c.Probe.Blocked != nil:
			st = "blocked (" + c.Probe.Blocked.Kind + ")"
		case c.Probe.Err != nil:
			st = "error: " + clip(c.Probe.Err.Error(), 80)
		case movedTo(c.Probe) != "":
			st = "moved to " + movedTo(c.Probe)
		}
		rows = append(rows, []string{c.URL, strings.Join(c.Path, " → "), orDash(c.Probe.Platform), fmt.Sprint(c.Probe.Listed), orDash(c.Probe.SiteID.Code), st})
	}
	if err := texttable.Write(w, []string{"column", "reached by", "platform", "listed", "网站标识码", "status"}, rows); err != nil {
		return err
	}
	best := cands[0]
	if candidateScore(best) <= 0 {
		_, err := fmt.Fprintln(w, "\nNo candidate lists any entry: look at them by hand.")
		return err
	}
	code := ""
	if d := best.Probe.SiteID.Division; d != "" && !strings.HasSuffix(d, "00") {
		code = d // a county's own site code names it
	}
	_, err := fmt.Fprintf(w, "\nProposed registry row (code,name,url):\n%s,,%s\n", code, best.URL)
	return err
}
