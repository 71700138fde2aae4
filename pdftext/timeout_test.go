package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A document that takes longer than the timeout is stopped (its worker
// killed) with an error naming it, and the pool goes on reading.
func TestTimeoutStopsAndThePoolRecovers(t *testing.T) {
	ex, err := New(Options{Timeout: time.Millisecond, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	data, err := os.ReadFile(filepath.Join(attachments, "synthetic/synthetic_yining_2023.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ex.Extract(context.Background(), data, "slow.pdf")
	if err == nil || !strings.Contains(err.Error(), "slow.pdf") || !strings.Contains(err.Error(), "longer than") {
		t.Fatalf("err = %v, want a timeout naming slow.pdf", err)
	}
	ex.opt.Timeout = time.Minute
	pages, err := ex.Extract(context.Background(), data, "next.pdf")
	if err != nil || len(pages) < 4 {
		t.Fatalf("after a timeout: %d pages, %v", len(pages), err)
	}
}

// The process's pool takes the same options again and refuses others.
func TestConfigureAfterStart(t *testing.T) {
	shared.Lock()
	opt := Options{}
	if shared.opt != nil {
		opt = *shared.opt
	}
	shared.Unlock()
	if err := Configure(opt); err != nil {
		t.Errorf("same options: %v", err)
	}
	if err := Configure(Options{CacheDir: t.TempDir()}); err == nil {
		t.Error("other options accepted after the pool started")
	}
}
