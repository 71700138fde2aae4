package pipeline

import (
	"bytes"
	"html"
	"net/http"

	"disclosure/crawler/platform"
	"disclosure/parse"
)

// article.go: pages whose report is not in their markup. A Guangdong gkmlpt
// article page (/gkmlpt/content/…/post_<id>.html) is an empty <div id="app">
// filled by script from the JSON in window._CONFIG.DETAIL; parsed as it is,
// it gives a title and no statistics. Ingest reads such a page as the
// article it embeds. The page is recognised by its markup, never its host,
// so a saved copy given to load reads as the crawled page does. The JSON's
// shape is crawler/platform's knowledge (GkmlptArticle, beside the list API
// that shares its date and URL rules); the rendering for parse is here, so
// parse stays free of platforms.

// articleContentType is the rendered article's: the JSON is decoded to UTF-8.
const articleContentType = "text/html; charset=utf-8"

// embeddedArticle returns the article a script-filled page carries, as an
// HTML document for parse: its title, the CMS's publication date as the
// PubDate <meta> (which parse takes as the published date), and its body.
// ok is false for every other page, which is then parsed as it is.
func embeddedArticle(body []byte, opt parse.Options) (doc []byte, _ parse.Options, ok bool) {
	// Cheap test first: nearly every page parsed is not a gkmlpt article.
	if !bytes.Contains(body, []byte("_CONFIG")) || !bytes.Contains(body, []byte("DETAIL")) || len(body) > parse.DefaultMaxBytes {
		return nil, opt, false
	}
	page := &platform.Page{URL: opt.Name, Body: body}
	if opt.ContentType != "" {
		page.Header = http.Header{"Content-Type": {opt.ContentType}}
	}
	d, err := platform.GkmlptArticle(page)
	if err != nil || d.Content == "" {
		return nil, opt, false // the page's own markup is all there is
	}
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>`)
	b.WriteString(html.EscapeString(d.Title))
	b.WriteString(`</title>`)
	if d.PublishTime != "" {
		b.WriteString(`<meta name="PubDate" content="` + html.EscapeString(d.PublishTime) + `">`)
	}
	b.WriteString(`</head><body><h1>`)
	b.WriteString(html.EscapeString(d.Title))
	b.WriteString("</h1>\n")
	b.WriteString(d.Content)
	b.WriteString("\n</body></html>")
	opt.ContentType = articleContentType
	return b.Bytes(), opt, true
}
