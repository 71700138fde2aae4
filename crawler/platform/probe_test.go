package platform

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestProbeColumn(t *testing.T) {
	site := loadFixtureSite(t, "testdata/sites/hanweb")
	srv := httptest.NewServer(site)
	defer srv.Close()
	f := HTTPFetcher{Client: srv.Client()}
	ctx := context.Background()

	pr := ProbeColumn(ctx, f, srv.URL+"/col/col1234/index.html", "621102", Options{}, nil)
	if pr.Err != nil || pr.Platform != "hanweb" || pr.Listed != 52 || pr.Declared != 52 || pr.Blocked != nil || pr.MovedTo != "" {
		t.Errorf("hanweb probe = %+v", pr)
	}
	if pr.SiteID.Code != "6211020001" || pr.Owner != "county" {
		t.Errorf("site id %+v owner %q", pr.SiteID, pr.Owner)
	}
	if pr := ProbeColumn(ctx, f, srv.URL+"/col/col1234/index.html", "440103", Options{}, nil); pr.Owner != "" {
		t.Errorf("another county's code owns it: %q", pr.Owner)
	}

	// a column moved to a new host: 301 from the registered one
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost:"+srv.URL[len("http://127.0.0.1:"):]+r.URL.Path, http.StatusMovedPermanently)
	}))
	defer old.Close()
	pr = ProbeColumn(ctx, HTTPFetcher{}, old.URL+"/col/col1234/index.html", "621102", Options{}, nil)
	if pr.MovedTo == "" || pr.Platform != "hanweb" || pr.Listed != 52 {
		t.Errorf("moved probe = %+v", pr)
	}

	blocked := loadFixtureSite(t, "testdata/sites/blocked-ruishu")
	bsrv := httptest.NewServer(blocked)
	defer bsrv.Close()
	pr = ProbeColumn(ctx, HTTPFetcher{Client: bsrv.Client()}, bsrv.URL+"/zfxxgk/nb/index.html", "", Options{}, nil)
	if pr.Blocked == nil || pr.Blocked.Kind != BlockedChallenge || pr.Status != 412 || pr.Listed != 0 {
		t.Errorf("blocked probe = %+v", pr)
	}
}
