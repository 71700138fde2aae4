package pipeline

import (
	"strings"
	"testing"

	"disclosure/warehouse"
)

// A run whose load failed says so, never "0 of N sites failed".
func TestRunOutcomeOfAFailedRun(t *testing.T) {
	res := &PassResult{RunID: 3, Status: warehouse.RunFailed, Err: "loading batch 2: disk I/O error",
		Sites: []warehouse.RunSite{{URL: "http://a/"}, {URL: "http://b/"}}}
	got := runOutcome(res, 0, 0)
	if strings.Contains(got, "sites failed") || !strings.Contains(got, "run 3 failed") || !strings.Contains(got, "disk I/O error") {
		t.Errorf("failed run summarised as %q", got)
	}
	res.Status, res.Err = warehouse.RunCompleted, ""
	if got := runOutcome(res, 1, 1); !strings.Contains(got, "1 of 2 sites failed, 1 blocked") {
		t.Errorf("completed run summarised as %q", got)
	}
}
