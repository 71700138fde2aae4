package platformsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Gkmlpt is a Guangdong gkmlpt directory with one annual-report category.
type Gkmlpt struct {
	Name       string
	SiteCode   string
	SID        string // default "200165"
	CategoryID int    // the 年报 category, default 2629
	PageSize   int    // articles per API page, default 10
	Reports    []Report
}

func (s *Gkmlpt) defaults() (sid string, cat, size int) {
	sid, cat, size = s.SID, s.CategoryID, s.PageSize
	if sid == "" {
		sid = "200165"
	}
	if cat == 0 {
		cat = 2629
	}
	if size <= 0 {
		size = 10
	}
	return
}

// ColumnPath is the directory's entry page; its TREE names the 年报 node.
func (s *Gkmlpt) ColumnPath() string { return "/gkmlpt/index" }

// ArticlePath is report i's path.
func (s *Gkmlpt) ArticlePath(i int) string {
	return fmt.Sprintf("/gkmlpt/content/0/963/post_%d.html", 963140+i)
}

type gkArticle struct {
	ID                 int      `json:"id"`
	Title              string   `json:"title"`
	URL                string   `json:"url"`
	PostURL            string   `json:"post_url"`
	DisplayPublishTime int64    `json:"display_publish_time"`
	Date               string   `json:"date"`
	Attachment         []string `json:"attachment"`
	Content            string   `json:"content,omitempty"`
}

func (s *Gkmlpt) art(host string, i int) gkArticle {
	u := "http://" + host + s.ArticlePath(i)
	d := dateOf(s.Reports[i], i)
	return gkArticle{ID: 963140 + i, Title: s.Reports[i].Title, URL: u, PostURL: u, DisplayPublishTime: d.Unix(),
		Date: d.Format("2006-01-02"), Attachment: []string{}}
}

func (s *Gkmlpt) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sid, cat, size := s.defaults()
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		robots(w)
	case p == "/gkmlpt/index" || p == "/gkmlpt/annualreport":
		tree := fmt.Sprintf(`[{"id":721,"name":"机构职能","children":[]},{"id":%d,"name":"政府信息公开年报","children":[]}]`, cat)
		writeHTML(w, fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title>%s</head><body><div id="app"></div>`+
			`<script>window._CONFIG = {SID: '%s', TREE: %s, SERVICE_AREA_ID: 4401};</script><script src="/gkmlpt/gkml/pc/js/chunk-common.js"></script>%s</body></html>`,
			metaTags(s.Name, s.SiteCode, "政府信息公开"), sid, tree, footer(s.SiteCode)))
	case p == fmt.Sprintf("/gkmlpt/api/all/%d", cat):
		n, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || n < 1 || r.URL.Query().Get("sid") != sid {
			http.Error(w, "bad page or sid", http.StatusBadRequest)
			return
		}
		from := (n - 1) * size
		if from >= len(s.Reports) && n > 1 {
			http.NotFound(w, r) // past the last page, as on the real API
			return
		}
		arts := []gkArticle{}
		for i := from; i < from+size && i < len(s.Reports); i++ {
			arts = append(arts, s.art(r.Host, i))
		}
		ans := map[string]any{"total": len(s.Reports), "classify": map[string]any{"id": cat, "post_count": len(s.Reports)}, "articles": arts}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		json.NewEncoder(w).Encode(ans)
	case strings.HasPrefix(p, "/gkmlpt/content/"):
		for i := range s.Reports {
			if s.ArticlePath(i) == p {
				a := s.art(r.Host, i)
				a.Content = string(inner(s.Reports[i].Body))
				detail, _ := json.Marshal(a) // escapes <, > and & as \u003c…: safe inside <script>
				writeHTML(w, fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>%s<meta name="ArticleTitle" content="%s"><meta name="PubDate" content="%s"></head>`+
					`<body><div id="app"></div><script>window._CONFIG = {SID: '%s', TREE: [], SERVICE_AREA_ID: 4401};`+"\n"+`window._CONFIG.DETAIL = %s;</script>%s</body></html>`,
					esc(a.Title), metaTags(s.Name, s.SiteCode, "政府信息公开年报"), esc(a.Title), a.Date, sid, detail, footer(s.SiteCode)))
				return
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}
