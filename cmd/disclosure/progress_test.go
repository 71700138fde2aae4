package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The progress line: count and rate redrawn in place, log lines printed
// above it (never inside), nothing left when the work ends.
func TestProgressLine(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "tty"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := &barProgress{out: f}
	logs := logsAbove{p}
	p.Begin("load", 100)
	for range 40 {
		p.Add(1)
	}
	logs.Write([]byte("level=INFO msg=\"batch loaded\"\n"))
	p.Add(60)
	p.End()
	b, _ := os.ReadFile(f.Name())
	out := string(b)
	if !regexp.MustCompile(`load .*\(\d+/100, [\d.]+ it/s\)`).MatchString(out) {
		t.Errorf("no count and rate drawn: %q", out)
	}
	// Work of unknown size (export): a spinner with the time taken.
	stop := spin(p, "export")
	time.Sleep(300 * time.Millisecond)
	stop()
	i := strings.Index(out, "level=INFO")
	if i < 0 || !strings.HasSuffix(strings.TrimRight(out[:i], " "), "\r") {
		t.Errorf("the log line does not start on a cleared line: %q", out)
	}
}

// Not a terminal: no progress at all, logs straight to stderr.
func TestNoProgressInAPipe(t *testing.T) {
	dir := t.TempDir()
	seed, _ := os.ReadFile("../../internal/samples/files/seed_yining_2023.txt")
	os.WriteFile(filepath.Join(dir, "a.txt"), seed, 0o644)
	_, errs, code := runCmd(t, "load", "--db", filepath.Join(dir, "w.duckdb"), dir)
	if code != 0 || strings.Contains(errs, "\r") || strings.Contains(errs, "it/s") {
		t.Errorf("exit %d; progress drawn into a pipe: %q", code, errs)
	}
	if p, w := newProgress(os.Stderr); p != nil && w == nil {
		t.Error("newProgress returned no log writer")
	}
}
