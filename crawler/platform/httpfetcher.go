package platform

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// HTTPFetcher is a plain net/http Fetcher: no pacing, no robots.txt. It is
// for tests and one-off probes; a crawl passes its own paced Fetcher.
// Redirects are followed by the client; Page.URL is where they ended.
type HTTPFetcher struct {
	Client    *http.Client // nil: http.DefaultClient
	UserAgent string
	MaxBody   int64 // bytes read at most (after the transport's decoding); 0: 32 MiB
}

// Fetch sends r and reads the answer, whatever its status.
func (h HTTPFetcher) Fetch(ctx context.Context, r Request) (*Page, error) {
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if method == http.MethodPost && r.Form != nil {
		body = strings.NewReader(r.Form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, r.URL, body)
	if err != nil {
		return nil, err
	}
	for k, vs := range r.Header {
		req.Header[k] = append([]string(nil), vs...)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
	}
	if h.UserAgent != "" {
		req.Header.Set("User-Agent", h.UserAgent)
	}
	c := h.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	limit := h.MaxBody
	if limit <= 0 {
		limit = 32 << 20
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", r.URL, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: body over %d bytes", r.URL, limit)
	}
	final := resp.Request.URL.String()
	if u, err := url.Parse(r.URL); err == nil && u.Fragment != "" && resp.Request.URL.Fragment == "" {
		f := *resp.Request.URL
		f.Fragment = u.Fragment // a column's #category stays with it
		final = f.String()
	}
	return &Page{URL: final, Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}
