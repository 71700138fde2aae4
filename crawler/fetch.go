package crawler

import (
	"context"
	"disclosure/docform"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// fetch.go wraps colly: colly sends the request and walks the HTML; this file
// keeps it from doing what a provenance-keeping crawler must not do. colly
// out of the box converts bodies to UTF-8 (corrupting PDFs served as
// text/html), truncates at MaxBodySize without a word, turns 304 into an
// error and follows redirects without pacing. Here:
//   - OnResponseHeaders records the real headers, refuses an announced body
//     over the cap, and hides the charset from colly so the body stays raw;
//   - MaxBodySize is cap+1, so a body that fills it was cut and is refused;
//   - OnResponse keeps the raw bytes, then gives colly's HTML walker a UTF-8
//     copy (or, for a 304, the stored body) only when the bytes are HTML;
//   - redirects come back as 3xx responses; the crawler queues the target
//     through the host's pacer like any other request.

// ErrTooLarge marks a body over the size cap. It is reported, never stored.
var ErrTooLarge = errors.New("body larger than the size cap")

// exchange is one request's record, shared with the colly callbacks through
// the request's colly.Context.
type exchange struct {
	walk       bool                    // collect links when the body is HTML
	scan       bool                    // collect them with scanLinks instead of colly's walker (report pages)
	loadStored func() ([]byte, string) // on 304: the stored body and its content type

	status      int
	header      http.Header // as served, before colly sees it
	contentType string
	finalURL    string
	body        []byte // raw bytes
	tooLarge    bool
	announced   int64 // Content-Length, -1 when not given
	page        *page // links, when walked
	storedGone  bool  // a 304 came, but the stored body could not be read
}

type fetcher struct {
	c       *colly.Collector
	maxBody int64
}

const exchangeKey = "disclosure.exchange"

// newFetcher builds the colly collector for one crawl; ctx ends its requests.
func newFetcher(ctx context.Context, opt Options) *fetcher {
	c := colly.NewCollector()
	// Settings after construction, so COLLY_* environment variables cannot
	// change them.
	c.UserAgent = opt.UserAgent
	c.IgnoreRobotsTxt = true        // robots.go obeys robots.txt, Crawl-delay included
	c.AllowURLRevisit = true        // conditional re-requests and retries revisit; dedupe is the crawler's
	c.ParseHTTPErrorResponse = true // 304, 404, 429, 5xx reach OnResponse as responses
	c.DetectCharset = false         // charset detection rewrites bodies, binary ones included
	c.MaxDepth = 0
	c.MaxBodySize = int(opt.MaxBodySize) + 1
	c.Async = false // the crawler's workers are the concurrency
	c.WithTransport(&http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          2048,
		MaxIdleConnsPerHost:   1, // one request at a time per host needs one connection
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: opt.Timeout,
		ExpectContinueTimeout: time.Second,
	})
	c.SetRequestTimeout(opt.Timeout)
	c.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	c.Context = ctx

	f := &fetcher{c: c, maxBody: opt.MaxBodySize}
	c.OnResponseHeaders(func(r *colly.Response) {
		ex, _ := r.Ctx.GetAny(exchangeKey).(*exchange)
		if ex == nil {
			return
		}
		ex.status = r.StatusCode
		ex.header = r.Headers.Clone()
		ex.contentType = r.Headers.Get("Content-Type")
		ex.finalURL = r.Request.URL.String()
		ex.announced = -1
		if cl := r.Headers.Get("Content-Length"); cl != "" {
			if n, err := strconv.ParseInt(cl, 10, 64); err == nil {
				ex.announced = n
				if n > f.maxBody {
					ex.tooLarge = true
					r.Request.Abort() // closes the body unread
				}
			}
		}
		// colly converts any body whose Content-Type names a charset; a
		// neutral type keeps the bytes as served.
		r.Headers.Set("Content-Type", "application/octet-stream")
	})
	c.OnResponse(func(r *colly.Response) {
		ex, _ := r.Ctx.GetAny(exchangeKey).(*exchange)
		if ex == nil {
			return
		}
		ex.body = r.Body
		if int64(len(r.Body)) > f.maxBody {
			ex.tooLarge = true
			ex.body = nil
			r.Body = nil
			return
		}
		if !ex.walk {
			return
		}
		body, ctype := r.Body, ex.contentType
		if r.StatusCode == http.StatusNotModified && ex.loadStored != nil {
			body, ctype = ex.loadStored()
			if body == nil {
				ex.storedGone = true
				return
			}
		} else if r.StatusCode < 200 || r.StatusCode > 299 {
			return
		}
		if docform.Sniff(body, ctype) != docform.HTML {
			return
		}
		if ex.scan {
			text, _ := docform.Decode(body, ctype)
			ex.page = scanLinks(text, r.Request.URL)
			return
		}
		ex.page = &page{}
		r.Body, _ = docform.Decode(body, ctype)
		r.Headers.Set("Content-Type", "text/html") // lets colly's HTML walker run
	})
	c.OnHTML("a[href], area[href]", func(e *colly.HTMLElement) {
		ex, _ := e.Request.Ctx.GetAny(exchangeKey).(*exchange)
		if ex == nil || ex.page == nil {
			return
		}
		u := e.Request.AbsoluteURL(e.Attr("href"))
		if u == "" {
			return
		}
		if n, err := NormalizeURL(u); err == nil {
			ex.page.anchors = append(ex.page.anchors, anchor{URL: n, Text: e.Text, Title: e.Attr("title")})
		}
	})
	c.OnHTML("script", func(e *colly.HTMLElement) {
		ex, _ := e.Request.Ctx.GetAny(exchangeKey).(*exchange)
		if ex == nil || ex.page == nil {
			return
		}
		if s := e.Text; strings.Contains(s, "createPageHTML") || strings.Contains(s, "<a ") || strings.Contains(s, "<A ") {
			ex.page.scripts = append(ex.page.scripts, s)
		}
	})
	return f
}

// do sends one GET and returns what came back. err is a transport error
// (no response), or ErrTooLarge.
func (f *fetcher) do(rawURL string, hdr http.Header, ex *exchange) error {
	ctx := colly.NewContext()
	ctx.Put(exchangeKey, ex)
	err := f.c.Request(http.MethodGet, rawURL, nil, ctx, hdr)
	if ex.tooLarge {
		if ex.announced > 0 {
			return fmt.Errorf("%w: %d bytes announced, cap %d", ErrTooLarge, ex.announced, f.maxBody)
		}
		return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.maxBody)
	}
	if err != nil {
		return err
	}
	if ex.status == 0 {
		return errors.New("no response")
	}
	return nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// retryable says whether a failure may go away: network trouble, 429, 5xx.
func retryable(status int, err error) bool {
	if err != nil {
		if errors.Is(err, ErrTooLarge) || errors.Is(err, context.Canceled) {
			return false
		}
		var ue *url.Error
		if errors.As(err, &ue) || errors.Is(err, context.DeadlineExceeded) {
			return true
		}
		var ne net.Error
		return errors.As(err, &ne) || strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "connection")
	}
	return status == http.StatusTooManyRequests || status >= 500
}

// mediaType is the type part of a Content-Type, lower case.
func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}
