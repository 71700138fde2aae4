package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// fetch.go sends requests through colly: it builds the request, applies the
// timeout and the crawl's context, and hands us the response headers before
// the body (so an announced oversized body is never read). Everything else
// colly would do is switched off, each for a reason:
//   - IgnoreRobotsTxt: robots.go reads robots.txt itself, because colly's
//     check neither reports a refusal per URL nor gives the Crawl-delay, the
//     5xx-means-stay-away rule or the 500 KiB prefix the crawler obeys.
//   - AllowURLRevisit: conditional re-requests and retries revisit a URL;
//     the dispatcher dedupes per crawl.
//   - DetectCharset, and the Content-Type hidden from colly: colly transcodes
//     any body whose type names a charset (corrupting a PDF served as
//     text/html; charset=gbk); the crawler stores bytes as served and
//     decodes a copy for its link scan (docform.Decode).
//   - colly's gzip decoding: it decompresses after its size cap, without
//     limit; decodingTransport decodes first, so the cap counts decoded
//     bytes (decode.go).
//   - MaxBodySize as a silent cut: it is set to cap+1, and a body that fills
//     it is refused, never stored truncated.
//   - redirects: they come back as 3xx responses and the crawler queues the
//     target through the host's pacer like any other request.
//   - Async, Limit rules, MaxDepth: the dispatcher's request slots and per-host
//     pacer are the concurrency and the politeness; discovery bounds depth.
//   - OnHTML: links are read by one token scan (links.go), a seventh of the
//     cost of colly's goquery walk, for listings and report pages alike.

// ErrTooLarge marks a body over the size cap. It is reported, never stored.
var ErrTooLarge = errors.New("body larger than the size cap")

// robotsLimit is how much of a robots.txt is read: RFC 9309 asks crawlers to
// parse at least the first 500 KiB; the rest of a bigger file is ignored.
const robotsLimit = 500 << 10

// response is what one request brought back.
type response struct {
	status      int
	header      http.Header // as served
	contentType string
	finalURL    string
	body        []byte // raw bytes (Content-Encoding decoded)
	announced   int64  // Content-Length, -1 when not given
	decoded     string // the encoding decodingTransport removed ("" for none)
	truncated   bool   // the body was longer than the limit (robots.txt: read up to it)
}

// fetcher sends GETs: documents capped at Options.MaxBodySize, robots.txt
// files read up to robotsLimit. The two collectors share one transport.
type fetcher struct {
	docs, robots *colly.Collector
	maxBody      int64
}

const responseKey = "disclosure.response"

// newFetcher builds the collectors for one crawl; ctx ends their requests.
func newFetcher(ctx context.Context, opt Options) *fetcher {
	transport := &decodingTransport{base: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          2048,
		MaxIdleConnsPerHost:   1, // one request at a time per host needs one connection
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: opt.Timeout,
		ExpectContinueTimeout: time.Second,
	}}
	return &fetcher{
		docs:    newCollector(ctx, opt, transport, opt.MaxBodySize, true),
		robots:  newCollector(ctx, opt, transport, robotsLimit, false),
		maxBody: opt.MaxBodySize,
	}
}

// newCollector returns a collector whose bodies stop at limit+1 bytes. With
// refuseAnnounced, a Content-Length over limit ends the request unread.
func newCollector(ctx context.Context, opt Options, rt http.RoundTripper, limit int64, refuseAnnounced bool) *colly.Collector {
	c := colly.NewCollector()
	// Settings after construction, so COLLY_* environment variables cannot
	// change them.
	c.UserAgent = opt.UserAgent
	c.IgnoreRobotsTxt = true
	c.AllowURLRevisit = true
	c.ParseHTTPErrorResponse = true // 304, 404, 429, 5xx reach OnResponse as responses
	c.DetectCharset = false
	c.MaxDepth = 0
	c.MaxBodySize = int(limit) + 1
	c.Async = false
	c.WithTransport(rt)
	c.SetRequestTimeout(opt.Timeout)
	c.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	c.Context = ctx

	c.OnResponseHeaders(func(r *colly.Response) {
		resp, _ := r.Ctx.GetAny(responseKey).(*response)
		if resp == nil {
			return
		}
		resp.status = r.StatusCode
		resp.decoded = r.Headers.Get(decodedHeader)
		r.Headers.Del(decodedHeader)
		resp.header = r.Headers.Clone()
		resp.contentType = r.Headers.Get("Content-Type")
		resp.finalURL = r.Request.URL.String()
		resp.announced = -1
		if cl := r.Headers.Get("Content-Length"); cl != "" && resp.decoded == "" {
			if n, err := strconv.ParseInt(cl, 10, 64); err == nil {
				resp.announced = n
				if n > limit && refuseAnnounced {
					resp.truncated = true
					r.Request.Abort() // closes the body unread
				}
			}
		}
		// colly transcodes any body whose Content-Type names a charset; a
		// neutral type keeps the bytes as served.
		r.Headers.Set("Content-Type", "application/octet-stream")
	})
	c.OnResponse(func(r *colly.Response) {
		resp, _ := r.Ctx.GetAny(responseKey).(*response)
		if resp == nil {
			return
		}
		resp.body = r.Body
		if int64(len(r.Body)) > limit {
			resp.truncated = true
			if refuseAnnounced {
				resp.body = nil
			} else {
				resp.body = r.Body[:limit]
			}
		}
	})
	return c
}

// do sends one GET. err is a transport error (no response) or, for a
// document, ErrTooLarge; resp holds what arrived either way.
func (f *fetcher) do(kind Kind, rawURL string, hdr http.Header) (*response, error) {
	return f.send(kind, http.MethodGet, rawURL, hdr, nil)
}

// send is do for any method (a platform's list API may want a POST).
func (f *fetcher) send(kind Kind, method, rawURL string, hdr http.Header, body io.Reader) (*response, error) {
	c := f.docs
	if kind == KindRobots {
		c = f.robots
	}
	resp := &response{}
	ctx := colly.NewContext()
	ctx.Put(responseKey, resp)
	err := c.Request(method, rawURL, body, ctx, hdr)
	if resp.truncated && kind != KindRobots {
		switch {
		case resp.announced > 0:
			return resp, fmt.Errorf("%w: %d bytes announced, cap %d", ErrTooLarge, resp.announced, f.maxBody)
		case resp.decoded != "":
			return resp, fmt.Errorf("%w: more than %d bytes after decoding %s (a compression bomb?)", ErrTooLarge, f.maxBody, resp.decoded)
		}
		return resp, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.maxBody)
	}
	if err != nil {
		if resp.decoded != "" {
			err = fmt.Errorf("decoding %s: %w", resp.decoded, err)
		}
		return resp, err
	}
	if resp.status == 0 {
		return resp, errors.New("no response")
	}
	return resp, nil
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
