package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// NormalizeURL makes the one spelling of a URL that the crawler dedupes on:
// absolute http(s), lower-case scheme and host, default port dropped, dot
// segments resolved, fragment removed. The query is kept as is (CMSs put
// the document id there).
func NormalizeURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("empty URL")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	return normalize(u)
}

func normalize(u *url.URL) (string, error) {
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%q is not an http(s) URL", u.String())
	}
	if u.Host == "" {
		return "", fmt.Errorf("%q has no host", u.String())
	}
	u.User = nil
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	} else if strings.Contains(u.Path, "/.") {
		trailing := strings.HasSuffix(u.Path, "/")
		u.Path = path.Clean(u.Path)
		if trailing && u.Path != "/" {
			u.Path += "/"
		}
	}
	u.RawPath = ""
	return u.String(), nil
}

// resolve makes href absolute against base and normalises it; "" for links
// that lead nowhere fetchable (javascript:, mailto:, fragments, garbage).
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	lower := strings.ToLower(href)
	for _, p := range []string{"javascript:", "mailto:", "tel:", "data:", "about:"} {
		if strings.HasPrefix(lower, p) {
			return ""
		}
	}
	// Windows-made pages sometimes use backslashes in paths.
	href = strings.ReplaceAll(href, `\`, "/")
	ref, err := url.Parse(href)
	if err != nil {
		return ""
	}
	s, err := normalize(base.ResolveReference(ref))
	if err != nil {
		return ""
	}
	return s
}

// hostKey is what pacing and robots.txt are per: host and port. Two sites on
// one host share its politeness budget.
func hostKey(u *url.URL) string {
	return strings.ToLower(u.Host)
}

// siteOf is what "the same site" means for discovery: the registrable
// domain (eTLD+1: www.xx.gov.cn and xxgk.xx.gov.cn are one site), or for an
// IP address or a single-label host, the host and port exactly.
func siteOf(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return strings.ToLower(u.Host)
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return d
}

// robotsURL is the robots.txt of u's origin.
func robotsURL(u *url.URL) string {
	return u.Scheme + "://" + u.Host + "/robots.txt"
}
