package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"disclosure/crawler"
	"disclosure/crawler/platform"
	"disclosure/internal/texttable"
)

// `disclosure sites find URL`: from a county portal's root, the walk a
// crawl registered at the root makes — 首页 → 政府信息公开 → 年报 → year
// folders — to the annual-report column, so that a registry row can be
// added without reading HTML. The rules are the crawler's own
// (crawler.ListingLeads: platform adapters first, then the page's links;
// crawler.DefaultMaxDepth column hops); this file only keeps the tree of
// pages the walk read and ranks its columns by the reports each leads to.

// ColumnCandidate is one annual-report column found from a portal root.
type ColumnCandidate struct {
	URL     string
	Text    string   // the link text that named it
	Path    []string // link texts from the root to it
	Reports int      // distinct reports a crawl registered here reaches (within the walk's page budget)
	Example string   // one report's title, as evidence
	Probe   platform.Probe
}

// findMaxPages bounds the pages read from the portal (a platform column's
// walk counts as one): a crawl would read more, a maintainer wants an
// answer in a minute.
const findMaxPages = 24

// findNode is one page the walk read (or meant to read).
type findNode struct {
	url    string
	text   string
	path   []string
	depth  int    // column hops from the root
	how    string // "root", "column" or "page" (pagination of its parent)
	rank   int    // the column link's rank (crawler.Lead.Rank)
	parent int    // index in the walk's nodes, -1 for the root

	probe   platform.Probe
	direct  int    // reports first seen on this page
	example string // the first of them
}

// FindReportColumn walks from root by the crawler's rules and returns the
// columns met, the best first (most reports reached, not blocked).
func FindReportColumn(ctx context.Context, o CrawlOptions, root string) ([]ColumnCandidate, error) {
	ru, err := url.Parse(root)
	if err != nil || ru.Host == "" || (ru.Scheme != "http" && ru.Scheme != "https") {
		return nil, fmt.Errorf("%q: want an http(s) URL of a portal", root)
	}
	if n, err := crawler.NormalizeURL(root); err == nil {
		root = n
	}
	f := newPoliteFetcher(o)
	nodes := []*findNode{{url: root, how: "root", parent: -1}}
	seen := map[string]bool{root: true}
	reports := map[string]bool{}
	var columns, pages []int // queues: columns first, a listing's further pages when no column waits
	columns = append(columns, 0)
	read := 0
	for read < findMaxPages && (len(columns) > 0 || len(pages) > 0) && ctx.Err() == nil {
		var i int
		if len(columns) > 0 {
			i, columns = columns[0], columns[1:]
		} else {
			i, pages = pages[0], pages[1:]
		}
		n := nodes[i]
		read++
		leads, err := readListing(ctx, f, root, n)
		if err != nil {
			if i == 0 {
				return nil, err
			}
			continue
		}
		for _, l := range leads {
			if seen[l.URL] && l.How != "report" {
				continue
			}
			switch l.How {
			case "report":
				if !reports[l.URL] {
					reports[l.URL] = true
					if n.direct++; n.example == "" {
						n.example = l.Text
					}
				}
			case "page":
				seen[l.URL] = true
				owner := i
				if n.how == "page" {
					owner = n.parent
				}
				nodes = append(nodes, &findNode{url: l.URL, text: l.Text, path: n.path, depth: n.depth, how: "page", parent: owner})
				pages = append(pages, len(nodes)-1)
			case "column":
				if n.depth+1 > crawler.DefaultMaxDepth {
					continue // as in a crawl: no deeper than MaxDepth column hops
				}
				seen[l.URL] = true
				text := l.Text
				if text == "" {
					text = l.URL
				}
				nodes = append(nodes, &findNode{url: l.URL, text: text, path: append(append([]string{}, n.path...), text),
					depth: n.depth + 1, how: "column", rank: l.Rank, parent: i})
				columns = append(columns, len(nodes)-1)
			}
		}
	}
	for _, i := range append(columns, pages...) {
		nodes[i].probe = platform.Probe{URL: nodes[i].url, Declared: -1,
			Err: fmt.Errorf("not read: the walk stopped after %d pages", findMaxPages)}
	}
	out := rankColumns(nodes)
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no annual-report (年报) column and no report reached within %d pages of the root by the crawler's rules", root, read)
	}
	return out, ctx.Err()
}

// readListing fetches a page of the walk and returns what a crawl takes
// from it; the page's probe (platform, entries listed, 网站标识码, blocked)
// is kept on the node. A column page goes to the platform adapters first,
// a listing's further page only to the link discovery, as in a crawl.
func readListing(ctx context.Context, f platform.Fetcher, root string, n *findNode) ([]crawler.Lead, error) {
	pr := platform.Probe{URL: n.url, Declared: -1}
	defer func() { n.probe = pr }()
	p, err := f.Fetch(ctx, platform.Request{URL: n.url})
	if err != nil {
		pr.Err = err
		return nil, err
	}
	pr.FinalURL, pr.Status = p.URL, p.Status
	if hostOf(p.URL) != hostOf(n.url) {
		pr.MovedTo = p.URL
	}
	if p.Status < 200 || p.Status > 299 {
		pr.Err = fmt.Errorf("%s: HTTP %d", n.url, p.Status)
		return nil, pr.Err
	}
	if id, ok := platform.SiteIDOf([]byte(platform.Text(p))); ok {
		pr.SiteID = id
		pr.Owner = platform.Owner(id.Division, "")
	}
	var items []platform.Item
	pr.Platform = "static"
	if n.how != "page" {
		l, err := platform.List(ctx, p, f, platform.Options{})
		if !errors.Is(err, platform.ErrNoPlatform) {
			pr.Platform, pr.Declared, pr.Truncated, pr.Blocked, pr.Err = l.Platform, l.Declared, l.Truncated, l.Blocked, err
			items = l.Items
			pr.Listed = len(l.Items)
			if l.Blocked != nil && len(l.Items) == 0 {
				return nil, nil // a crawl reads nothing more from a blocked page
			}
		}
	}
	leads, err := crawler.ListingLeads(root, p, items)
	if pr.Platform == "static" {
		for _, l := range leads {
			if l.How == "report" {
				pr.Listed++
			}
		}
	}
	return leads, err
}

// rankColumns turns the walk's tree into candidates: the pages that list
// reports, the 年报 columns (with their year folders, or listing none) and
// the blocked columns. Each counts the reports first seen on it, its further pages
// and the columns below it. Best first: most reports; on a tie the 年报
// column over the 政府信息公开 section over the root, then the shallower
// (a 年报 column over its one year folder).
func rankColumns(nodes []*findNode) []ColumnCandidate {
	total := make([]int, len(nodes))
	own := make([]int, len(nodes)) // listed by the page itself or its further pages
	example := make([]string, len(nodes))
	for i, n := range nodes {
		if n.how == "page" {
			own[n.parent] += n.direct
		} else {
			own[i] += n.direct
		}
		for j := i; j >= 0; j = nodes[j].parent {
			total[j] += n.direct
			if example[j] == "" {
				example[j] = n.example
			}
		}
	}
	var idx []int
	for i, n := range nodes {
		if n.how == "page" {
			continue
		}
		// The sections a crawl only passes through are no candidates.
		if own[i] > 0 || n.probe.Blocked != nil || (n.how == "column" && n.rank == 2) {
			idx = append(idx, i)
		}
	}
	out := make([]ColumnCandidate, 0, len(idx))
	for _, i := range idx {
		n := nodes[i]
		out = append(out, ColumnCandidate{URL: n.url, Text: n.text, Path: n.path, Reports: total[i], Example: example[i], Probe: n.probe})
	}
	rank := func(i int) int { return nodes[idx[i]].rank }
	sort.SliceStable(out, func(a, b int) bool {
		sa, sb := candidateScore(out[a]), candidateScore(out[b])
		if sa != sb {
			return sa > sb
		}
		if rank(a) != rank(b) {
			return rank(a) > rank(b)
		}
		return len(out[a].Path) < len(out[b].Path)
	})
	return out
}

// candidateScore ranks candidates: reports reached, nothing for a blocked
// or failing column.
func candidateScore(c ColumnCandidate) int {
	if c.Probe.Blocked != nil || c.Probe.Err != nil {
		return -1
	}
	return c.Reports
}

func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return u.Host
}

// WriteColumnCandidates prints every candidate, then the proposed column
// as a registry row to paste, with a report it leads to as evidence.
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
		path := strings.Join(c.Path, " → ")
		if path == "" {
			path = "(the root)"
		}
		rows = append(rows, []string{c.URL, path, orDash(c.Probe.Platform), fmt.Sprint(c.Probe.Listed), fmt.Sprint(c.Reports), orDash(c.Probe.SiteID.Code), st})
	}
	if err := texttable.Write(w, []string{"column", "reached by", "platform", "listed", "reports", "网站标识码", "status"}, rows); err != nil {
		return err
	}
	best := cands[0]
	if candidateScore(best) <= 0 {
		_, err := fmt.Fprintln(w, "\nNo candidate leads to any report: look at them by hand.")
		return err
	}
	code := ""
	if d := best.Probe.SiteID.Division; d != "" && !strings.HasSuffix(d, "00") {
		code = d // a county's own site code names it
	}
	_, err := fmt.Fprintf(w, "\nProposed registry row (code,name,url):\n%s,,%s\n(a crawl registered there reaches %d reports, e.g. %s)\n", code, best.URL, best.Reports, best.Example)
	return err
}
