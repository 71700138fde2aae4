package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"disclosure/crawler"
	"disclosure/crawler/platform"
)

// politeFetcher is the platform.Fetcher of `sites check` and `sites find`:
// one request at a time per host, Delay apart, and nothing robots.txt
// disallows (read once per host, its first 500 KiB as RFC 9309 allows; a
// robots.txt that cannot be read keeps the host out, as in a crawl). A
// crawl paces itself in the crawler; these commands make a few requests
// per site, so a simple per-host clock is enough.
type politeFetcher struct {
	http      platform.HTTPFetcher
	delay     time.Duration
	userAgent string

	mu     sync.Mutex
	next   map[string]time.Time             // earliest next request per host
	robots map[string]*robotstxt.RobotsData // nil entry: unreadable, host kept out
	why    map[string]string                // why a host's robots.txt keeps it out
}

// errDisallowed is a request robots.txt refuses.
var errDisallowed = errors.New("disallowed by robots.txt")

func newPoliteFetcher(o CrawlOptions) *politeFetcher {
	// The crawler's transport: bodies decoded as in a crawl, the cap
	// counting decoded bytes.
	client := &http.Client{Timeout: o.Timeout, Transport: crawler.DecodingTransport(nil)}
	return &politeFetcher{http: platform.HTTPFetcher{Client: client, UserAgent: o.UserAgent, MaxBody: o.MaxBody},
		delay: o.Delay, userAgent: o.UserAgent,
		next: map[string]time.Time{}, robots: map[string]*robotstxt.RobotsData{}, why: map[string]string{}}
}

// Fetch implements platform.Fetcher.
func (f *politeFetcher) Fetch(ctx context.Context, r platform.Request) (*platform.Page, error) {
	u, err := url.Parse(r.URL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%q: not an absolute URL", r.URL)
	}
	if err := f.allowed(ctx, u); err != nil {
		return nil, err
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, err
	}
	return f.http.Fetch(ctx, r)
}

// wait holds the request until the host's interval has passed.
func (f *politeFetcher) wait(ctx context.Context, host string) error {
	f.mu.Lock()
	at := f.next[host]
	now := time.Now()
	if at.Before(now) {
		at = now
	}
	f.next[host] = at.Add(f.delay)
	f.mu.Unlock()
	select {
	case <-time.After(time.Until(at)):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// robotsMax is how much of a robots.txt is read (RFC 9309: at least 500 KiB).
const robotsMax = 500 << 10

// allowed reads the host's robots.txt once and applies it.
func (f *politeFetcher) allowed(ctx context.Context, u *url.URL) error {
	f.mu.Lock()
	data, seen := f.robots[u.Host]
	why := f.why[u.Host]
	f.mu.Unlock()
	if !seen {
		data, why = f.readRobots(ctx, u)
		f.mu.Lock()
		f.robots[u.Host], f.why[u.Host] = data, why
		f.mu.Unlock()
	}
	if data == nil {
		return fmt.Errorf("%s: %w (%s)", u, errDisallowed, why)
	}
	if !data.TestAgent(u.EscapedPath(), f.userAgent) {
		return fmt.Errorf("%s: %w", u, errDisallowed)
	}
	return nil
}

func (f *politeFetcher) readRobots(ctx context.Context, u *url.URL) (*robotstxt.RobotsData, string) {
	ru := u.Scheme + "://" + u.Host + "/robots.txt"
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, err.Error()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru, nil)
	if err != nil {
		return nil, err.Error()
	}
	req.Header.Set("User-Agent", f.userAgent)
	resp, err := f.http.Client.Do(req)
	if err != nil {
		return nil, "unreachable: " + err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMax))
	if err != nil {
		return nil, "robots.txt unreadable: " + err.Error()
	}
	if resp.StatusCode >= 500 {
		return nil, fmt.Sprintf("robots.txt answered HTTP %d", resp.StatusCode)
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil, "robots.txt unreadable: " + err.Error()
	}
	return data, ""
}
