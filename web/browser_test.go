package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The pages in a real browser: Debian's chromium driven by chromedp. The
// tests skip when chromium is absent, except in CI (CI=true), where its
// absence fails them. Screenshots go to testout/ (WEB_TEST_OUT overrides).

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed: CI must run the browser tests (.ci/run installs it with apt-get install chromium fonts-noto-cjk)")
	}
	t.Skip("chromium is not installed; skipping the browser tests (apt-get install -y chromium fonts-noto-cjk)")
	return ""
}

// browser is one headless chromium with a fresh profile, and the console
// messages of its tab.
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

func newBrowser(t *testing.T) *browser {
	path := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox, // root in CI containers
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	b := &browser{ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// errors are the console errors and uncaught exceptions so far.
func (b *browser) errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, m.String())
		}
	}
	return out
}

func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a JS condition.
func waitFor(t *testing.T, b *browser, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", js)
}

func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("WEB_TEST_OUT")
	if dir == "" {
		dir = "testout"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// painted counts the pixels a chart drew on its canvas.
func painted(t *testing.T, b *browser, chart string) int {
	return eval[int](t, b, fmt.Sprintf(`(() => {
		const c = document.querySelector('%s canvas'); if (!c) return 0;
		const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()`, chart))
}

// shownRows reads a table's cells by the data-code of each row.
func shownRows(t *testing.T, b *browser, sel string) map[string][]string {
	rows := eval[[][]string](t, b, fmt.Sprintf(`Array.from(document.querySelectorAll('%s tbody tr')).map(
		tr => [tr.dataset.code || tr.dataset.year || ''].concat(Array.from(tr.cells).map(td => td.innerText.trim())))`, sel))
	out := map[string][]string{}
	for _, r := range rows {
		out[r[0]] = r[1:]
	}
	return out
}

func TestBrowserCompare(t *testing.T) {
	s, ts := testServer(t)
	b := newBrowser(t)
	params := map[string]string{"year": "2019", "measure": "received", "kind": "government"}
	b.do(t, chromedp.Navigate(ts.URL+"/compare?"+encode(params)))
	waitFor(t, b, `document.getElementById('chart').dataset.drawn === 'true'`)
	if n := painted(t, b, "#chart"); n < 500 {
		t.Errorf("the compare chart painted %d pixels", n)
	}
	// Names and numbers shown are the query's, formatted for Chinese readers.
	shown := shownRows(t, b, "#compare-table")
	want := queryRows(t, s, "compare", params)
	if len(shown) != len(want) {
		t.Errorf("table shows %d rows, query gives %d", len(shown), len(want))
	}
	for _, w := range want {
		row := shown[sprint(w["code"])]
		if row == nil {
			t.Errorf("division %v missing from the table", w["code"])
			continue
		}
		value := number("received", measured(w))
		if w["status"] != "reported" {
			value = "缺"
		}
		if row[2] != sprint(w["division"]) || row[4] != value {
			t.Errorf("row %v: shown %q, query %v %q", w["code"], row, w["division"], value)
		}
	}
	if r := shown["350128"]; r == nil || r[4] != "23" {
		t.Errorf("平潭 2019 received: %q, want 23", r)
	}
	b.screenshot(t, "compare")

	// A filter change updates the URL and the table.
	// As a reader picks from the list: the value changes, then the change event.
	eval[bool](t, b, `(() => { const s = document.getElementById('measure'); s.value = 'grant_rate';
		s.dispatchEvent(new Event('change')); return true; })()`)
	waitFor(t, b, `location.search.includes('measure=grant_rate') && document.readyState === 'complete'`)
	waitFor(t, b, `document.getElementById('chart').dataset.drawn === 'true'`)
	shown = shownRows(t, b, "#compare-table")
	if r := shown["350128"]; r == nil || r[4] != "30.4%" || r[5] != "7 / 23" {
		t.Errorf("平潭 2019 grant rate after the filter change: %q, want 30.4%% and 7 / 23", r)
	}
	loc := eval[string](t, b, `location.href`)
	if !strings.Contains(loc, "year=2019") {
		t.Errorf("the URL lost the year: %s", loc)
	}

	// The CSV download is the query's result.
	href := eval[string](t, b, `document.getElementById('download-csv').href`)
	// The bytes as the browser downloads them (text() would drop the BOM).
	ints := eval[[]int](t, b, fmt.Sprintf(`fetch(%q).then(r => r.arrayBuffer()).then(a => Array.from(new Uint8Array(a)))`, href))
	raw := make([]byte, len(ints))
	for i, x := range ints {
		raw[i] = byte(x)
	}
	params["measure"] = "grant_rate"
	csvRowsEqualQuery(t, raw, queryRows(t, s, "compare", params))

	// Every publisher kind of 2020 (the README's picture).
	b.do(t, chromedp.Navigate(ts.URL+"/compare?year=2020&kind=all&measure=received"))
	waitFor(t, b, `document.getElementById('chart').dataset.drawn === 'true'`)
	b.screenshot(t, "compare-all-2020")
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

func TestBrowserCountyReportSource(t *testing.T) {
	s, ts := testServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/county?code=350128&measure=received"))
	waitFor(t, b, `document.getElementById('county-chart').dataset.drawn === 'true'`)
	if n := painted(t, b, "#county-chart"); n < 500 {
		t.Errorf("the county chart painted %d pixels", n)
	}
	shown := shownRows(t, b, "#county-table")
	for _, w := range queryRows(t, s, "county_years", map[string]string{"code": "350128", "measure": "received"}) {
		row := shown[sprint(w["year"])]
		want := number("received", measured(w))
		switch {
		case w["report_id"] == nil:
			want = "缺"
		case want == "":
			want = "空白" // printed blank: the link to the report still has text
		}
		if row == nil || row[1] != want {
			t.Errorf("平潭 %v: shown %q, query %q", w["year"], row, want)
		}
	}
	// 平潭's 2020 report prints sums that do not add up: an alert of the county.
	if a := eval[string](t, b, `document.getElementById('alerts').innerText`); !strings.Contains(a, "勾稽校验未通过") || !strings.Contains(a, "2020") {
		t.Errorf("平潭's alerts lack the 2020 failed checks: %q", a)
	}
	b.screenshot(t, "county")
	b.do(t, chromedp.Navigate(ts.URL+"/county?code=320902"))
	if a := eval[string](t, b, `document.getElementById('alerts').innerText`); !strings.Contains(a, "报告已从网站消失") {
		t.Errorf("亭湖区's alerts lack its vanished report: %q", a)
	}

	// The report of 平潭 2019: its table as printed, values linked to the source.
	id := sprint(queryRows(t, s, "compare", map[string]string{"year": "2019", "codes": "350128"})[0]["report_id"])
	b.do(t, chromedp.Navigate(ts.URL+"/report?id="+id))
	cell := eval[string](t, b, `document.querySelector('#table-requests td[data-key="requests/new/total"]').innerText.trim()`)
	if cell != "23" {
		t.Errorf("report %s requests/new/total shows %q, want 23", id, cell)
	}
	b.screenshot(t, "report")
	b.do(t, chromedp.Navigate(ts.URL+"/source?id="+id+"&cell=requests/new/total"))
	hl := eval[string](t, b, `(document.querySelector('.hl') || {innerText: ''}).innerText.trim()`)
	if hl == "" {
		t.Errorf("the source of report %s highlights nothing for requests/new/total", id)
	}
	b.screenshot(t, "source")

	b.do(t, chromedp.Navigate(ts.URL+"/coverage?province=福建"))
	if n := eval[int](t, b, `document.querySelectorAll('#coverage-table tbody tr').length`); n == 0 {
		t.Error("coverage of 福建 shows no division")
	}
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// A PDF report's value opens on an image of its page with the value's box
// marked over the text it was read from.
func TestBrowserPDFPage(t *testing.T) {
	s, ts := testServer(t)
	b := newBrowser(t)
	id, _ := pdfReport(t, s)
	b.do(t, chromedp.Navigate(ts.URL+"/report?id="+id))
	// Click the value as a reader does: the link leads to its page view.
	eval[bool](t, b, `(document.querySelector('#table-requests td[data-key="requests/new/total"] a').click(), true)`)
	waitFor(t, b, `location.pathname === '/source' && document.readyState === 'complete'`)
	waitFor(t, b, `(() => { const i = document.getElementById('page-img'); return !!i && i.complete && i.naturalWidth > 0; })()`)
	type rect struct{ Left, Top, Right, Bottom, NaturalWidth float64 }
	box := eval[rect](t, b, `(() => { const r = document.getElementById('cell-box').getBoundingClientRect();
		return {Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom}; })()`)
	img := eval[rect](t, b, `(() => { const i = document.getElementById('page-img'); const r = i.getBoundingClientRect();
		return {Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom, NaturalWidth: i.naturalWidth}; })()`)
	if img.NaturalWidth < 500 || img.Right-img.Left < 300 {
		t.Errorf("page image %+v: not drawn at a readable size", img)
	}
	if !(box.Right > box.Left && box.Bottom > box.Top && box.Left >= img.Left && box.Right <= img.Right && box.Top >= img.Top && box.Bottom <= img.Bottom) {
		t.Errorf("the value's box %+v is not within the page image %+v", box, img)
	}
	// The box marks ink: the page image has dark pixels inside it.
	dark := eval[int](t, b, `(() => { const i = document.getElementById('page-img'), r = i.getBoundingClientRect(),
		b = document.getElementById('cell-box').getBoundingClientRect(), k = i.naturalWidth / r.width;
		const c = document.createElement('canvas'); c.width = i.naturalWidth; c.height = i.naturalHeight;
		const g = c.getContext('2d'); g.drawImage(i, 0, 0);
		const d = g.getImageData((b.left - r.left) * k, (b.top - r.top) * k, Math.max(1, b.width * k), Math.max(1, b.height * k)).data;
		let n = 0; for (let j = 0; j < d.length; j += 4) if (d[j] < 96) n++; return n; })()`)
	if dark == 0 {
		t.Errorf("no ink inside the value's box")
	}
	if note := eval[string](t, b, `document.getElementById('cell-note').innerText`); !strings.Contains(note, "框出") {
		t.Errorf("the note does not say the value is marked: %q", note)
	}
	b.screenshot(t, "source-pdf")
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
