package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Loading a PDF stores where each of its values was printed, keyed as its
// values are; an HTML report stores none; a reparse replaces them with the
// values, not beside them.
func TestLoadStoresPDFValuePositions(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "files")
	if err := os.MkdirAll(files, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"seed_yining_2023.pdf", "synthetic/synthetic_yining_2023.html"} {
		if err := os.WriteFile(filepath.Join(files, filepath.Base(name)), readAttachment(t, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	store := Store{DB: filepath.Join(dir, "w.duckdb"), Wait: time.Minute}
	check := func(when string, reports int) {
		t.Helper()
		// Per report: its form, its positions, its values printed non-blank.
		got := queryCol(t, store.DB, `SELECT r.form || ' ' || (count(p.report_id) = count(*) FILTER (WHERE v.raw <> ''))
				|| ' ' || (count(p.report_id) = 0)
			FROM reports r JOIN report_values v USING (report_id)
			LEFT JOIN value_positions p USING (report_id, section, row, col)
			GROUP BY r.report_id, r.form ORDER BY r.report_id`)
		if len(got) != reports {
			t.Fatalf("%s: %d reports, want %d", when, len(got), reports)
		}
		for i, g := range got {
			if g != "pdf true false" && g != "html false true" {
				t.Errorf("%s: report %d (form, a position per non-blank value, none): %q", when, i+1, g)
			}
		}
		if bad := queryCol(t, store.DB, `SELECT count(*) FROM value_positions
			WHERE NOT (page >= 1 AND x0 >= 0 AND y0 >= 0 AND x1 > x0 AND y1 > y0 AND x1 <= page_width AND y1 <= page_height)`); bad[0] != "0" {
			t.Errorf("%s: %s positions outside their page", when, bad[0])
		}
		if orphans := queryCol(t, store.DB, `SELECT count(*) FROM value_positions p ANTI JOIN report_values v USING (report_id, section, row, col)`); orphans[0] != "0" {
			t.Errorf("%s: %s positions without their value", when, orphans[0])
		}
	}
	if _, err := Load(context.Background(), []string{files}, LoadOptions{Batch: DefaultBatch}, store); err != nil {
		t.Fatal(err)
	}
	check("load", 2)
	// The seed's tables run over more than one page.
	if got := queryCol(t, store.DB, `SELECT count(DISTINCT page) >= 2 FROM value_positions`); got[0] != "true" {
		t.Errorf("values on fewer than 2 pages: %v", got)
	}
	if _, err := Load(context.Background(), []string{files}, LoadOptions{Batch: DefaultBatch, Reparse: true}, store); err != nil {
		t.Fatal(err)
	}
	check("reparse", 2)
	// A changed document (the synthetic report: the seed's identity, other
	// values) is a new version with positions of its own; the old keeps its.
	if err := os.WriteFile(filepath.Join(files, "changed.pdf"), readAttachment(t, "synthetic/synthetic_yining_2023.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(context.Background(), []string{files}, LoadOptions{Batch: DefaultBatch}, store); err != nil {
		t.Fatal(err)
	}
	check("a new version", 3)
}
