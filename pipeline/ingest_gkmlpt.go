package pipeline

import (
	"bytes"
	"html"
	"net/http"

	"disclosure/crawler/platform"
)

// gkmlptPage returns the readable page of a Guangdong gkmlpt article: its
// served HTML holds no text, the body is JSON in window._CONFIG.DETAIL
// (crawler/platform.GkmlptArticle reads it). Any other body comes back as
// it is. The rebuilt page keeps title and date where the parser looks for
// them; the stored raw bytes stay the served ones.
func gkmlptPage(body []byte, pageURL, contentType string) []byte {
	if !bytes.Contains(body, []byte("_CONFIG")) || !bytes.Contains(body, []byte("DETAIL")) {
		return body
	}
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	d, err := platform.GkmlptArticle(&platform.Page{URL: pageURL, Status: 200, Header: h, Body: body})
	if err != nil || d.Content == "" {
		return body
	}
	var b bytes.Buffer
	t := html.EscapeString(d.Title)
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + t + `</title></head><body><h1>` + t + `</h1>`)
	if d.PublishTime != "" {
		b.WriteString(`<div class="date">发布日期：` + html.EscapeString(d.PublishTime) + `</div>`)
	}
	b.WriteString(`<div class="content">` + d.Content + `</div></body></html>`)
	return b.Bytes()
}
