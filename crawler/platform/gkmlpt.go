package platform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Gkmlpt is Guangdong's 政府信息公开目录管理平台, on every GD government site:
// /gkmlpt/index (or /<dept>/gkmlpt/index, /gkmlpt/annualreport) carries
// window._CONFIG = {SID, TREE, …} and a Vue app that lists a category from
// GET /gkmlpt/api/all/{id}?page=N&sid=S → {classify:{post_count}, articles:[…]}.
// The category is the URL's #id, else the TREE node named 年报/年度报告,
// else 0 (everything). Pages are read until post_count; a 404 or an empty
// page after page 1 is the end (one site answers everything on page 1).
// Article pages embed their body as JSON in window._CONFIG.DETAIL: see
// GkmlptArticle.
type Gkmlpt struct{}

var (
	gkmlptConfigRe = regexp.MustCompile(`window\._CONFIG\s*=`)
	gkmlptSIDRe    = regexp.MustCompile(`\bSID\s*["']?\s*:\s*["']?(\d+)`)
	gkmlptPrefixRe = regexp.MustCompile(`^(.*?/gkmlpt)(?:/|$)`)
	gkmlptNodeRe   = []*regexp.Regexp{
		regexp.MustCompile(`["']?\bid["']?\s*:\s*["']?(\d+)["']?\s*,[^{}\[\]]*?["']?\bname["']?\s*:\s*["']([^"']*)["']`),
		regexp.MustCompile(`["']?\bname["']?\s*:\s*["']([^"']*)["']\s*,[^{}\[\]]*?["']?\bid["']?\s*:\s*["']?(\d+)`),
	}
)

func (Gkmlpt) Name() string { return "gkmlpt" }

// Recognize wants window._CONFIG on a gkmlpt page that is not an article
// (articles carry _CONFIG too, with their DETAIL).
func (Gkmlpt) Recognize(p *Page) bool {
	if !has(p.Body, "window._CONFIG") || !strings.Contains(p.URL, "/gkmlpt") && !has(p.Body, "/gkmlpt/") || IsArticleURL(p.URL) {
		return false
	}
	return gkmlptConfigRe.Match(p.Body)
}

// gkmlptCategory picks the category to list: the URL fragment, else the
// TREE node whose name says annual report, else 0.
func gkmlptCategory(pageURL *url.URL, text string) string {
	if _, err := strconv.Atoi(pageURL.Fragment); err == nil && pageURL.Fragment != "" {
		return pageURL.Fragment
	}
	for i, re := range gkmlptNodeRe {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			id, name := m[1], m[2]
			if i == 1 {
				id, name = m[2], m[1]
			}
			name = unescapeJS(name)
			if strings.Contains(name, "年报") || strings.Contains(name, "年度报告") {
				return id
			}
		}
	}
	return "0"
}

// gkmlptArticle is one entry of the list API. Times come as strings or
// Unix seconds depending on the site.
type gkmlptArticle struct {
	ID                 json.Number       `json:"id"`
	Title              string            `json:"title"`
	URL                string            `json:"url"`
	PostURL            string            `json:"post_url"`
	DisplayPublishTime json.RawMessage   `json:"display_publish_time"`
	Date               json.RawMessage   `json:"date"`
	CreatedAt          json.RawMessage   `json:"created_at"`
	Attachment         gkmlptAttachments `json:"attachment"`
}

// gkmlptAttachments is the "attachment" list of an article record, in the
// list API's answer and in an article page's DETAIL alike.
type gkmlptAttachments []struct {
	URL  string `json:"url"`
	Link string `json:"link"`
}

// urls resolves each attachment's url (else link) against base, skipping
// the unresolvable.
func (as gkmlptAttachments) urls(base *url.URL) []string {
	var out []string
	for _, a := range as {
		h := a.URL
		if h == "" {
			h = a.Link
		}
		if fu := resolveURL(base, h); fu != "" {
			out = append(out, fu)
		}
	}
	return out
}

type gkmlptAnswer struct {
	Total    json.Number `json:"total"`
	Classify struct {
		PostCount json.Number `json:"post_count"`
	} `json:"classify"`
	Articles []gkmlptArticle `json:"articles"`
}

// parseGkmlptAnswer reads one list API answer.
func parseGkmlptAnswer(b []byte) (gkmlptAnswer, error) {
	var a gkmlptAnswer
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	if err := d.Decode(&a); err != nil {
		return a, err
	}
	return a, nil
}

func (a gkmlptAnswer) count() int {
	for _, n := range []json.Number{a.Classify.PostCount, a.Total} {
		if v, err := n.Int64(); err == nil && v > 0 { // a 0 beside articles says nothing
			return int(v)
		}
	}
	return -1
}

func gkmlptTime(raws ...json.RawMessage) string {
	for _, raw := range raws {
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			if d := normDate(s, ""); d != "" {
				return d
			}
			continue
		}
		var n float64
		if json.Unmarshal(raw, &n) == nil && n > 0 {
			if n > 1e11 { // milliseconds
				n /= 1000
			}
			return time.Unix(int64(n), 0).In(chinaTime).Format("2006-01-02")
		}
	}
	return ""
}

var chinaTime = time.FixedZone("CST", 8*3600)

func (a gkmlptArticle) item(base *url.URL) (Item, bool) {
	u := a.PostURL
	if u == "" {
		u = a.URL
	}
	abs := resolveURL(base, u)
	title := cleanTitle(unescapeJS(a.Title))
	if abs == "" || title == "" {
		return Item{}, false
	}
	return Item{Title: title, URL: abs, Date: gkmlptTime(a.DisplayPublishTime, a.Date, a.CreatedAt),
		Attachments: a.Attachment.urls(base)}, true
}

func (g Gkmlpt) Walk(ctx context.Context, column *Page, f Fetcher, opt Options) (Listing, error) {
	w, err := newWalker(ctx, g.Name(), column, f, opt)
	if err != nil {
		return Listing{}, err
	}
	text := Text(column)
	sid := gkmlptSIDRe.FindStringSubmatch(text)
	if sid == nil {
		w.l.Blocked = noList(column, "window._CONFIG without SID")
		return w.l, nil
	}
	prefix := "/gkmlpt"
	if m := gkmlptPrefixRe.FindStringSubmatch(w.base.Path); m != nil {
		prefix = m[1]
	}
	cat := gkmlptCategory(w.base, text)
	want := -1
	for n := 1; ; n++ {
		api := url.URL{Scheme: w.base.Scheme, Host: w.base.Host, Path: prefix + "/api/all/" + cat,
			RawQuery: "page=" + strconv.Itoa(n) + "&sid=" + sid[1]}
		p, ok, err := w.fetch(Request{URL: api.String()})
		if err != nil || !ok {
			return w.l, err
		}
		if p.Status == http.StatusNotFound && n > 1 {
			return w.l, nil // the end: some sites answer everything on page 1
		}
		if p.Status != http.StatusOK {
			if n == 1 {
				return w.l, fmt.Errorf("gkmlpt: %s answered %d", api.String(), p.Status)
			}
			return w.l, nil
		}
		ans, err := parseGkmlptAnswer(p.Body)
		if err != nil {
			if n == 1 {
				w.l.Blocked = noList(p, "list API answer is not JSON")
			}
			return w.l, nil
		}
		if c := ans.count(); c >= 0 {
			want = c
			w.l.Declared = c
		}
		var items []Item
		for _, a := range ans.Articles {
			if it, ok := a.item(w.base); ok {
				items = append(items, it)
			}
		}
		if len(items) == 0 || w.add(items) == 0 {
			return w.l, nil // empty, or a page repeated: the end
		}
		if want >= 0 && len(w.l.Items) >= want {
			return w.l, nil
		}
	}
}

// GkmlptDetail is an article page's embedded record.
type GkmlptDetail struct {
	Title       string
	Content     string // the article body, HTML
	PublishTime string // YYYY-MM-DD when given
	Attachments []string
}

var gkmlptDetailRe = regexp.MustCompile(`(?:window\._CONFIG\.DETAIL\s*=|\bDETAIL\s*["']?\s*:)\s*`)

// ErrNoDetail: the page embeds no window._CONFIG.DETAIL record.
var ErrNoDetail = errors.New("gkmlpt: no window._CONFIG.DETAIL in the page")

// GkmlptArticle extracts the article embedded in a gkmlpt article page
// (/gkmlpt/content/…/post_<id>.html): window._CONFIG.DETAIL (or a DETAIL
// key inside window._CONFIG) holds a JSON object whose "content" is the
// body's HTML; the page's visible markup is filled from it by script.
func GkmlptArticle(p *Page) (GkmlptDetail, error) {
	text := Text(p)
	for _, loc := range gkmlptDetailRe.FindAllStringIndex(text, -1) {
		rest := text[loc[1]:]
		if !strings.HasPrefix(rest, "{") {
			continue
		}
		var raw struct {
			Title              string            `json:"title"`
			Content            string            `json:"content"`
			DisplayPublishTime json.RawMessage   `json:"display_publish_time"`
			Date               json.RawMessage   `json:"date"`
			Attachment         gkmlptAttachments `json:"attachment"`
		}
		if err := json.NewDecoder(strings.NewReader(rest)).Decode(&raw); err != nil {
			continue
		}
		if raw.Content == "" && raw.Title == "" {
			continue
		}
		base, _ := url.Parse(p.URL)
		return GkmlptDetail{Title: unescapeJS(raw.Title), Content: raw.Content,
			PublishTime: gkmlptTime(raw.DisplayPublishTime, raw.Date), Attachments: raw.Attachment.urls(base)}, nil
	}
	return GkmlptDetail{}, fmt.Errorf("%s: %w", p.URL, ErrNoDetail)
}

var pctURe = regexp.MustCompile(`%u([0-9A-Fa-f]{4})`)

// unescapeJS undoes JavaScript's escape() (%uXXXX, %XX) that some gkmlpt
// sites leave in titles.
func unescapeJS(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	s = pctURe.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:], 16, 32)
		return string(rune(n))
	})
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
