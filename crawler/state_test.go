package crawler

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFileStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.json")
	s, err := OpenFileState(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	s.Put(ctx, URLState{URL: "http://a/1", Site: "http://a/", Kind: KindReport, SHA256: "ab", FirstSeen: now, Gone: true, GoneReason: "404"})
	s.Put(ctx, URLState{URL: "http://a/2", Site: "http://a/", Kind: KindListing, FirstSeen: now})
	s.Put(ctx, URLState{URL: "http://b/1", Site: "http://b/", Kind: KindReport, FirstSeen: now})
	if err := s.Put(ctx, URLState{}); err == nil {
		t.Error("record without URL accepted")
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenFileState(path)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, _ := r.Get(ctx, "http://a/1")
	if !ok || !got.Gone || got.GoneReason != "404" || !got.FirstSeen.Equal(now) || got.Kind != KindReport {
		t.Errorf("reloaded: %+v", got)
	}
	if list, _ := r.Site(ctx, "http://a/"); len(list) != 2 || list[0].URL != "http://a/1" {
		t.Errorf("Site: %+v", list)
	}
	// A URL moving to another site leaves the first one's list.
	r.Put(ctx, URLState{URL: "http://a/2", Site: "http://b/"})
	if list, _ := r.Site(ctx, "http://a/"); len(list) != 1 {
		t.Errorf("after move: %+v", list)
	}
	os.WriteFile(path, []byte("{broken"), 0o644)
	if _, err := OpenFileState(path); err == nil {
		t.Error("broken state file accepted")
	}
}

func TestDamagedStoredPage(t *testing.T) {
	s := newTestSite(t)
	s.html("/nb/", listingHTML("年报", [][2]string{{"/nb/1.html", "河包镇2020年政府信息公开工作年度报告"}}, ""))
	s.html("/nb/1.html", reportHTML(t, "049_hebao_zhen_rongchang_2020.txt", "河包镇2020年政府信息公开工作年度报告", ""))
	e := newEnv(t, Options{Delay: 10 * time.Millisecond})
	reg := site("", "x", s.URL("/nb/"))
	e.run(t, reg)
	st, _, _ := e.state.Get(context.Background(), s.URL("/nb/"))
	p := e.raw.Path(st.SHA256)
	os.Chmod(p, 0o644)
	os.WriteFile(p, []byte("damaged"), 0o644)

	// The listing answers 304 but its stored copy is unreadable: its links
	// are unknown, so nothing is marked gone, and next time it is asked for
	// in full.
	st2 := e.run(t, reg)
	if st2.Gone != 0 {
		t.Errorf("%d marked gone after a damaged stored listing", st2.Gone)
	}
	before := len(s.Hits())
	e.run(t, reg)
	for _, h := range s.Hits()[before:] {
		if h.Path == "/nb/" && (h.Cond || h.Status != http.StatusOK) {
			t.Errorf("listing after damage: conditional=%v status=%d", h.Cond, h.Status)
		}
	}
}
