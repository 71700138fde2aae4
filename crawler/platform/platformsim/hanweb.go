package platformsim

import (
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
)

// Hanweb is a 大汉 jcms site with one report column.
type Hanweb struct {
	Name      string // the site owner, e.g. 定西市安定区人民政府
	SiteCode  string // 网站标识码
	ColumnID  int    // default 1234
	UnitID    int    // the jpage unit, default 5678
	PerPage   int    // default 15
	GroupSize int    // pages per datastore group, default 3
	Reports   []Report
}

func (s *Hanweb) defaults() (col, unit, per, group int) {
	col, unit, per, group = s.ColumnID, s.UnitID, s.PerPage, s.GroupSize
	if col == 0 {
		col = 1234
	}
	if unit == 0 {
		unit = 5678
	}
	if per <= 0 {
		per = 15
	}
	if group <= 0 {
		group = 3
	}
	return
}

// ColumnPath is the report column's path.
func (s *Hanweb) ColumnPath() string {
	col, _, _, _ := s.defaults()
	return fmt.Sprintf("/col/col%d/index.html", col)
}

// ArticlePath is report i's path.
func (s *Hanweb) ArticlePath(i int) string {
	col, _, _, _ := s.defaults()
	d := dateOf(s.Reports[i], i)
	return fmt.Sprintf("/art/%d/%d/%d/art_%d_%d.html", d.Year(), int(d.Month()), d.Day(), col, 1486000+i)
}

func (s *Hanweb) record(i int) string {
	t := s.Reports[i].Title
	return fmt.Sprintf("<record><![CDATA[<li><a href='%s' title='%s' target='_blank'>%s</a><span>%s</span></li>]]></record>\n",
		s.ArticlePath(i), esc(t), esc(t), dateOf(s.Reports[i], i).Format("2006-01-02"))
}

func (s *Hanweb) datastore(from, to int, next string, tail bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<datastore>\n<nextgroup><![CDATA[%s]]></nextgroup>\n<recordset>\n", next)
	for i := max(from, 0); i < to && i < len(s.Reports); i++ {
		b.WriteString(s.record(i))
	}
	b.WriteString("</recordset>")
	if tail {
		_, _, per, _ := s.defaults()
		fmt.Fprintf(&b, "<totalrecord>%d</totalrecord><totalpage>%d</totalpage>", len(s.Reports), (len(s.Reports)+per-1)/per)
	}
	b.WriteString("\n</datastore>")
	return b.String()
}

func (s *Hanweb) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	col, unit, per, group := s.defaults()
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		robots(w)
	case p == s.ColumnPath() || p == fmt.Sprintf("/col/col%d/", col):
		// ?uid=&pageNum= is ignored, as on most installs: page 1 again.
		next := fmt.Sprintf(`<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=%d&unitid=%d&webname=%%25E5%%25A4%%25A7%%25E6%%25B1%%2589&permissiontype=0"></a>`, col, unit)
		writeHTML(w, fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title>%s<script src="/module/web/jpage/jquery.jpage.js"></script></head><body>`+
			`<ul class="list"></ul><div id="%d"><script type="text/xml">%s</script></div>`+
			`<script>var param_%d={columnid:%d,unitid:'%d',webname:'%s',permissiontype:0};`+
			`$('#%d').jpage({themeName:'default',showMode:'full',totalRecord:%d,perPage:%d,groupSize:%d,barPosition:'bottom',dataStore:param_%d});</script>%s</body></html>`,
			metaTags(s.Name, s.SiteCode, "政府信息公开年报"), unit, s.datastore(0, per*group, next, false),
			unit, col, unit, esc(s.Name), unit, len(s.Reports), per, group, unit, footer(s.SiteCode)))
	case p == "/module/web/jpage/dataproxy.jsp":
		s.proxy(w, r, col, unit, per)
	case strings.HasPrefix(p, "/art/"):
		for i := range s.Reports {
			if s.ArticlePath(i) == p {
				s.article(w, i)
				return
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r) // static index_1.html pages included: jcms has none
	}
}

func (s *Hanweb) proxy(w http.ResponseWriter, r *http.Request, col, unit, per int) {
	if err := r.ParseForm(); err != nil || r.Form.Get("columnid") != strconv.Itoa(col) || r.Form.Get("unitid") != strconv.Itoa(unit) {
		http.Error(w, "columnid and unitid required", http.StatusBadRequest)
		return
	}
	q := r.URL.Query()
	from, to := 0, 0
	if st := q.Get("startrecord"); st != "" && r.Method == http.MethodPost {
		a, err1 := strconv.Atoi(st)
		b, err2 := strconv.Atoi(q.Get("endrecord"))
		if err1 != nil || err2 != nil || a < 1 || b < a {
			http.Error(w, "bad record window", http.StatusBadRequest)
			return
		}
		from, to = a-1, b
	} else {
		n, err := strconv.Atoi(r.Form.Get("page"))
		if err != nil || n < 1 {
			http.Error(w, "bad page", http.StatusBadRequest)
			return
		}
		from, to = (n-1)*per, n*per
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+s.datastore(from, to, "", true))
}

func (s *Hanweb) article(w http.ResponseWriter, i int) {
	rep := s.Reports[i]
	d := dateOf(rep, i).Format("2006-01-02")
	writeHTML(w, fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>%s<meta name="ArticleTitle" content="%s"><meta name="PubDate" content="%s"></head><body>`+
		`<h1>%s</h1><div class="info">发布日期：%s</div><meta name="ContentStart"/><div id="zoom">%s</div><meta name="ContentEnd"/>%s</body></html>`,
		esc(rep.Title), metaTags(s.Name, s.SiteCode, "政府信息公开年报"), esc(rep.Title), d, esc(rep.Title), d, inner(rep.Body), footer(s.SiteCode)))
}

func esc(s string) string { return html.EscapeString(s) }
