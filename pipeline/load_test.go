package pipeline

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclosure/internal/samples"
)

// cancelAfter is a Progress that stops the work after n files, as Ctrl-C would.
type cancelAfter struct {
	noProgress
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Add(k int) {
	if c.n -= k; c.n <= 0 {
		c.cancel()
	}
}

// A load stopped half-way keeps what it wrote and says so; the same load
// again finishes the work without parsing the stored files twice.
func TestLoadStoppedAndResumed(t *testing.T) {
	dir := t.TempDir()
	seed, err := samples.Text("seed_yining_2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	const n = 60
	for i := range n {
		body := strings.ReplaceAll(seed, "2023", fmt.Sprint(1960+i)) + fmt.Sprintf("\n(文件 %d)\n", i)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(body), 0o644)
	}
	store := Store{DB: filepath.Join(t.TempDir(), "w.duckdb"), Wait: time.Minute}
	ctx, cancel := context.WithCancel(context.Background())
	sum, err := Load(ctx, []string{dir}, LoadOptions{Batch: 10, Progress: &cancelAfter{n: 25, cancel: cancel}}, store)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Stopped || sum.Added == 0 || sum.Added >= n {
		t.Fatalf("stopped load: %+v", sum)
	}
	again, err := Load(context.Background(), []string{dir}, LoadOptions{Batch: 10}, store)
	if err != nil {
		t.Fatal(err)
	}
	if again.Stopped || again.Added != n-sum.Added || again.Unchanged != sum.Added {
		t.Errorf("the second load: %d added, %d unchanged; the first added %d of %d", again.Added, again.Unchanged, sum.Added, n)
	}
}

// fileURL with the working directory read once gives what filepath.Abs
// gives, which reads it on every call.
func TestFileURLIsAbsolute(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"reports/a.txt", "./b.html", "../c/d.pdf", "/srv/data/e.docx", "f 县.txt"} {
		abs, err := filepath.Abs(name)
		if err != nil {
			t.Fatal(err)
		}
		want := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		if got := fileURL(name, wd); got != want {
			t.Errorf("fileURL(%q) = %q, want %q", name, got, want)
		}
	}
}
