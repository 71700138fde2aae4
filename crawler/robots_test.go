package crawler

import (
	"disclosure/docform"
	"net/url"
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	body := []byte("User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n\nUser-agent: disclosure-crawler\nDisallow: /search\nCrawl-delay: 0.5\n")
	agent := agentToken(DefaultUserAgent)
	if agent != "disclosure-crawler" {
		t.Fatalf("agentToken = %q", agent)
	}
	r := parseRobots(200, body, agent)
	if r.crawlDelay != 500*time.Millisecond {
		t.Errorf("crawl delay %s", r.crawlDelay)
	}
	for path, want := range map[string]bool{"/search?q=1": false, "/private/x": true, "/zwgk/": true} {
		u, _ := url.Parse("http://x.gov.cn" + path)
		if got := r.Allowed(u); got != want {
			t.Errorf("Allowed(%s) = %v", path, got)
		}
	}
	other := parseRobots(200, body, "otherbot")
	u, _ := url.Parse("http://x.gov.cn/private/x")
	if other.Allowed(u) || other.crawlDelay != 3*time.Second {
		t.Errorf("otherbot: allowed=%v delay=%s", other.Allowed(u), other.crawlDelay)
	}
	if !parseRobots(404, nil, agent).Allowed(u) {
		t.Error("404 robots.txt disallows")
	}
	if parseRobots(503, nil, agent).Allowed(u) || parseRobots(0, nil, agent).Allowed(u) {
		t.Error("unavailable robots.txt allows")
	}
	if !parseRobots(200, []byte("<!DOCTYPE html><html><body>首页</body></html>"), agent).Allowed(u) {
		t.Error("HTML robots.txt disallows")
	}
	junk := parseRobots(200, []byte("User-agent: *\nDisallow: /a\nthis is junk ::: \nCrawl-delay: 2\n"), agent)
	ua, _ := url.Parse("http://x.gov.cn/a")
	if junk.Allowed(ua) || junk.crawlDelay != 2*time.Second {
		t.Errorf("junk lines: allowed=%v delay=%s", junk.Allowed(ua), junk.crawlDelay)
	}
}

func TestRetryAfterAndBackoff(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	h := map[string][]string{"Retry-After": {"7"}}
	if d, ok := retryAfter(h, now); !ok || d != 7*time.Second {
		t.Errorf("seconds: %s %v", d, ok)
	}
	h = map[string][]string{"Retry-After": {now.Add(90 * time.Second).Format("Mon, 02 Jan 2006 15:04:05 GMT")}}
	if d, ok := retryAfter(h, now); !ok || d != 90*time.Second {
		t.Errorf("date: %s %v", d, ok)
	}
	if _, ok := retryAfter(map[string][]string{"Retry-After": {"soon"}}, now); ok {
		t.Error("garbage Retry-After accepted")
	}
	got := []time.Duration{backoff(time.Second, 5*time.Second, 1, nil), backoff(time.Second, 5*time.Second, 2, nil), backoff(time.Second, 5*time.Second, 3, nil), backoff(time.Second, 5*time.Second, 9, nil)}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("backoff(%d) = %s, want %s", i+1, got[i], want[i])
		}
	}
}

// The crawler records what docform.Sniff says a body is.
func TestSniffNames(t *testing.T) {
	for in, want := range map[string]string{"%PDF-1.7\n": "pdf", "PK\x03\x04": "zip", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1": "ole", "<html><body>": "html", "2022年报告": "text"} {
		if got := string(docform.Sniff([]byte(in), "")); got != want {
			t.Errorf("Sniff(%q) = %s", in, got)
		}
	}
}
