package pipeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"disclosure/internal/testsite"
)

// testRun is a run over the given site URLs in dir: `run --sites … --db
// dir/w.duckdb --data dir/data --delay 20ms`, logging to log.
func testRun(t *testing.T, dir string, log io.Writer, urls ...string) (CrawlOptions, Store) {
	t.Helper()
	o := DefaultCrawlOptions()
	o.Sites = testsite.SitesCSV(t, dir, urls...)
	o.Delay = 20 * time.Millisecond
	o.UserAgent = "disclosure-crawler/test (+http://127.0.0.1/)"
	o.Log = slog.New(slog.NewJSONHandler(log, nil))
	return o, Store{DB: filepath.Join(dir, "w.duckdb"), Data: filepath.Join(dir, "data"), Wait: time.Minute, Log: log}
}

// queryCol returns the first column of every row, as text.
func queryCol(t *testing.T, db, q string) []string {
	t.Helper()
	var out []string
	for _, r := range testsite.Query(t, db, q) {
		first, _, _ := strings.Cut(r, "\t")
		out = append(out, first)
	}
	return out
}

// helperSpec is what TestHelperRun does in a child process.
type helperSpec struct {
	Command         string // "run" or "schedule"
	Sites, DB, Data string
	Delay           time.Duration
	Batch           int
	Cron            string
}

// TestHelperRun is not a test: run as a child process, it runs the pass or
// schedule in $DISCLOSURE_TEST_SPEC (JSON) after saying READY, or holds the
// run lock of $DISCLOSURE_TEST_LOCK, or reads $DISCLOSURE_TEST_READ
// (helperRead).
func TestHelperRun(t *testing.T) {
	if db := os.Getenv("DISCLOSURE_TEST_LOCK"); db != "" {
		if _, err := AcquireLock(db, "test holder"); err != nil {
			fmt.Println("ERROR", err)
			os.Exit(1)
		}
		fmt.Println("READY")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	if db := os.Getenv("DISCLOSURE_TEST_READ"); db != "" {
		helperRead(db, os.Getenv("DISCLOSURE_TEST_WAIT"))
	}
	raw := os.Getenv("DISCLOSURE_TEST_SPEC")
	if raw == "" {
		t.Skip("helper process only")
	}
	var spec helperSpec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	o := DefaultCrawlOptions()
	o.Sites, o.Delay, o.Batch = spec.Sites, spec.Delay, spec.Batch
	o.UserAgent = "disclosure-crawler/test (+http://127.0.0.1/)"
	o.Log = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	store := Store{DB: spec.DB, Data: spec.Data, Wait: time.Minute, Log: os.Stderr}
	fmt.Println("READY")
	ctx, stop := signalContextForTest()
	defer stop()
	var err error
	if spec.Command == "schedule" {
		err = Schedule(ctx, spec.Cron, time.UTC, o, store, os.Stderr)
	} else {
		_, err = RunPass(ctx, "run", o, store, os.Stderr)
	}
	if err != nil {
		os.Exit(1)
	}
	os.Exit(0)
}

// startHelper runs TestHelperRun in a child with the given environment and
// waits for READY. The child's stderr goes to stderr (nil: the test's).
func startHelper(t *testing.T, stderr io.Writer, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRun$")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = stderr
	if stderr == nil {
		cmd.Stderr = os.Stderr
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "READY" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper: %q", line)
	}
	return cmd
}

func specEnv(s helperSpec) string {
	b, _ := json.Marshal(s)
	return "DISCLOSURE_TEST_SPEC=" + string(b)
}

// syncBuffer is a bytes.Buffer that several goroutines may write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
