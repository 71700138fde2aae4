package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Help is on stdout with exit 0, for the binary and every command, asked
// any of the usual ways; flags are shown as --name.
func TestHelpOnStdout(t *testing.T) {
	commands := []string{"parse", "load", "query", "export", "tables", "crawl", "reparse", "run", "schedule", "demo"}
	for _, args := range [][]string{{}, {"help"}, {"--help"}, {"-h"}} {
		out, errs, code := runCmd(t, args...)
		if code != 0 || errs != "" || !strings.Contains(out, "Usage:") {
			t.Errorf("disclosure %v: exit %d, stderr %q, stdout lacks Usage", args, code, errs)
		}
		for _, c := range commands {
			if !regexp.MustCompile(`(?m)^  ` + c + ` `).MatchString(out) {
				t.Errorf("disclosure %v does not list %s", args, c)
			}
		}
	}
	for _, c := range commands {
		for _, args := range [][]string{{"help", c}, {c, "--help"}} {
			out, errs, code := runCmd(t, args...)
			if code != 0 || errs != "" || !strings.Contains(out, "disclosure "+c) || !strings.Contains(out, "--help") {
				t.Errorf("disclosure %v: exit %d, stderr %q\n%s", args, code, errs, out)
			}
		}
	}
	out, _, _ := runCmd(t, "load", "--help")
	for _, f := range []string{"--db", "--batch", "--site-code", "--strict", "--reparse", "--wait"} {
		if !strings.Contains(out, f) {
			t.Errorf("load --help lacks %s", f)
		}
	}
	// One flag set for the crawl options: crawl, run and schedule show the same.
	for _, c := range []string{"crawl", "run", "schedule"} {
		out, _, _ := runCmd(t, c, "--help")
		for _, f := range []string{"--sites", "--delay", "--parallel", "--user-agent", "--timeout", "--max-body", "--only", "--batch", "--log", "--no-load", "--db", "--data"} {
			if !strings.Contains(out, f) {
				t.Errorf("%s --help lacks %s", c, f)
			}
		}
	}
}

func TestBadCommandLine(t *testing.T) {
	for _, args := range [][]string{{"lode"}, {"load", "--bogus"}, {"run", "extra"}} {
		_, errs, code := runCmd(t, args...)
		if code != 2 && code != 1 || errs == "" {
			t.Errorf("disclosure %v: exit %d, stderr %q", args, code, errs)
		}
	}
	if _, errs, code := runCmd(t, "load", "--bogus"); code != 2 || !strings.Contains(errs, "--bogus") {
		t.Errorf("unknown flag: exit %d: %s", code, errs)
	}
}

func TestVersion(t *testing.T) {
	out, errs, code := runCmd(t, "--version")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, re := range []string{`(?m)^disclosure \S+`, `(?m)^commit \S+`, `(?m)^built \S+`, `(?m)^DuckDB v\d+\.\d+`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("--version lacks %s:\n%s", re, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	for shell, marker := range map[string]string{"bash": "complete", "zsh": "#compdef", "fish": "complete -c disclosure"} {
		out, errs, code := runCmd(t, "completion", shell)
		if code != 0 || !strings.Contains(out, marker) {
			t.Errorf("completion %s: exit %d, %s", shell, code, errs)
		}
	}
}

// Every command takes --db (CONTRACT.md), even one that never opens the
// warehouse, so that a script may pass it to all of them.
func TestEveryCommandTakesDB(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			if sub.Runnable() && sub.Flags().Lookup("db") == nil {
				t.Errorf("disclosure %s has no --db", strings.TrimPrefix(sub.CommandPath(), "disclosure "))
			}
			walk(sub)
		}
	}
	walk(newRoot())
}

// Values that would make a crawl impolite or a schedule a loop, or a
// load's site code that names no division, are refused before anything is
// opened, naming the flag.
func TestBadCrawlValues(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never.duckdb")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"crawl", "--delay", "-1s"}, "--delay"},
		{[]string{"run", "--timeout", "-1s"}, "--timeout"},
		{[]string{"crawl", "--parallel", "0"}, "--parallel"},
		{[]string{"run", "--max-body", "0"}, "--max-body"},
		{[]string{"sites", "check", "--user-agent="}, "--user-agent"},
		{[]string{"sites", "find", "--parallel", "-3", "http://127.0.0.1:1/"}, "--parallel"},
		{[]string{"schedule", "--cron", "@every 0s"}, "--cron"},
		{[]string{"schedule", "--cron", "@every 1ms"}, "--cron"},
		{[]string{"schedule", "--cron", "0 0 30 2 *"}, "never fires"},
		{[]string{"load", "--site-code", "abc", "../../internal/samples/files/seed_yining_2023.txt"}, "--site-code"},
		{[]string{"load", "--site-code", "999999", "../../internal/samples/files/seed_yining_2023.txt"}, "--site-code"},
	} {
		_, errs, code := runCmd(t, append(c.args, "--db", db)...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want a refusal naming %s", c.args, code, errs, c.want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused command created the database")
	}
	// A sites file with no enabled site is said, not an empty table and exit 0.
	sites := filepath.Join(t.TempDir(), "sites.csv")
	os.WriteFile(sites, []byte("code,name,url\n"), 0o644)
	if _, errs, code := runCmd(t, "sites", "check", "--sites", sites); code == 0 || !strings.Contains(errs, "disclosure sites check: "+sites+": no enabled site") {
		t.Errorf("sites check of an empty registry: exit %d, %q", code, errs)
	}
}
