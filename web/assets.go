package web

import (
	"embed"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed assets
var assetFS embed.FS

//go:embed templates/*.html
var templateFS embed.FS

// assetHandler serves the embedded scripts and styles; they change only
// with the binary, so browsers may keep them a day.
func assetHandler() http.Handler {
	sub, err := fs.Sub(assetFS, "assets")
	if err != nil {
		panic(err)
	}
	files := http.StripPrefix("/assets/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"num":     number,
	"count":   count,
	"value":   measured,
	"measure": measureLabel,
	"kind":    kindLabel,
	"status":  statusLabel,
	"alert":   alertLabel,
}).ParseFS(templateFS, "templates/*.html"))

// render executes a page template; html/template escapes every value.
func render(w io.Writer, name string, data any) error {
	return pages.ExecuteTemplate(w, name, data)
}

func measureLabel(k string) string {
	for _, m := range Measures {
		if m.Key == k {
			return m.Label
		}
	}
	return k
}

func kindLabel(k any) string {
	s, _ := k.(string)
	for _, m := range Kinds {
		if m.Key == s {
			return m.Label
		}
	}
	return s
}

func statusLabel(k any) string {
	switch k {
	case "reported":
		return "已发布"
	case "not_yet_due":
		return "未到期限"
	case "blocked":
		return "网站无法访问"
	case "unreadable":
		return "无法读取"
	case "not_found":
		return "未找到"
	}
	s, _ := k.(string)
	return s
}

func alertLabel(k any) string {
	switch k {
	case "missing_report":
		return "逾期未见报告"
	case "vanished_report":
		return "报告已从网站消失"
	case "same_text":
		return "与上年文字雷同"
	case "cross_year":
		return "跨年度校验未通过"
	case "failed_checks":
		return "勾稽校验未通过"
	case "silent_site":
		return "网站多次未列出报告"
	case "blocked":
		return "网站拦截了抓取"
	case "site_code_mismatch":
		return "网站标识码不符"
	}
	s, _ := k.(string)
	return s
}
