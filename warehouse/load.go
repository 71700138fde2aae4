package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"net/url"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"disclosure/parse"
	"disclosure/places"
)

// Document is one parsed report with the provenance of its raw bytes. The
// caller (load command, crawler, reparse) hashes the bytes it parsed, so the
// warehouse never needs them.
type Document struct {
	Report *parse.Report
	// SHA256 is the hex digest of the raw document: the identity of a version.
	SHA256 string
	// SourceURL is where the bytes came from: a URL, or file:///path.
	SourceURL string
	// SiteCode is the crawl context's 六位代码, when known (see Evidence).
	SiteCode string

	rows  *compactRows // its values, checks and prose as a load writes them (Prepare)
	place *placed      // its place and identity (Prepare)
}

// LoadResult says what one batch did.
type LoadResult struct {
	BatchID    int64
	Added      int     // new report versions written
	Unchanged  int     // documents already in the warehouse (same sha256)
	Reparsed   int     // stored documents whose parsed data was replaced (LoadOptions.Reparse)
	Superseded int     // older versions that stopped being current
	Settled    int     // corrections of reparsed documents the parser now reads the same way
	ReportIDs  []int64 // per document, in order: its report_id, new or existing
}

// LoadOptions changes what Load does with documents already stored.
type LoadOptions struct {
	// Reparse replaces the parsed data of documents already stored (same
	// sha256) with this batch's, so a parser fix reaches past reports
	// (`disclosure reparse`, `disclosure load --reparse`). Their report_id
	// stays; versions are re-chained if their identity changed.
	Reparse bool
}

// Program names the writer in load_batches.program and runs.program; cmd
// sets it to its version. Options.Version, when given, is recorded beside it.
var Program = "disclosure"

// testHookBeforeCommit runs inside the transaction after every row is
// written; the kill -9 test uses it to die at the worst moment.
var testHookBeforeCommit func()

// prepared is a document with everything decided before the transaction.
type prepared struct {
	doc        Document
	*placed    // doc.place
	id         int64
	version    int
	current    bool
	supersedBy int64
}

// placed is what a document says of its publisher, place and identity:
// decided without the database (Document.Prepare), on the ingest stage's
// cores rather than the writer's.
type placed struct {
	res       places.Resolution
	kind      string
	identity  string
	published any
	warnings  []warningRow
}

type warningRow struct{ stage, msg string }

// Load writes a batch of documents in one transaction: all or nothing. A
// document whose sha256 is already stored is skipped. A new document with the
// identity (jurisdiction, agency, year) of a stored one becomes the current
// version; the older stays, marked superseded. Within a batch, later
// documents are newer.
func (db *DB) Load(ctx context.Context, docs []Document) (LoadResult, error) {
	return db.LoadWith(ctx, docs, LoadOptions{})
}

// LoadWith is Load with options.
func (db *DB) LoadWith(ctx context.Context, docs []Document, opt LoadOptions) (LoadResult, error) {
	return db.LoadBatch(ctx, docs, nil, opt)
}

// LoadBatch is LoadWith that also records, in the same transaction, what
// the ingest stage found of the batch's documents' text (unreadable.go):
// a report and the record that its document was read commit together.
// A batch of the usual size is written on one DuckDB thread
// (sequentialRows).
func (db *DB) LoadBatch(ctx context.Context, docs []Document, checks []TextCheck, opt LoadOptions) (LoadResult, error) {
	if db.readOnly {
		return LoadResult{}, fmt.Errorf("%s is open read-only", db.path)
	}
	ps, err := db.prepareAll(docs)
	if err != nil {
		return LoadResult{}, err
	}
	var res LoadResult
	db.loads.Lock() // from the lookups to the commit (uniqueness.go)
	defer db.loads.Unlock()
	write := func() error {
		return db.inTx(ctx, func(conn *sql.Conn) error {
			if len(ps) > 0 {
				var err error
				if res, err = db.loadIn(ctx, conn, ps, opt); err != nil {
					return err
				}
			}
			if err := recordTextChecks(ctx, conn, checks); err != nil {
				return fmt.Errorf("recording unreadable documents: %w", err)
			}
			if testHookBeforeCommit != nil {
				testHookBeforeCommit()
			}
			return nil
		})
	}
	if sequential(ps) {
		err = onOneThread(ctx, db.sql, write)
	} else {
		err = write()
	}
	if err != nil {
		return LoadResult{}, err
	}
	return res, nil
}

// prepareAll prepares documents on every core, before the transaction
// opens (those the ingest stage prepared cost nothing here).
func (db *DB) prepareAll(docs []Document) ([]*prepared, error) {
	ps := make([]*prepared, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs)/64+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				ps[i], errs[i] = prepare(docs[i])
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", i+1, docs[i].SourceURL, err)
		}
	}
	return ps, nil
}

// prepare checks one document and prepares it (Document.Prepare) unless
// the ingest stage did.
func prepare(d Document) (*prepared, error) {
	if d.Report == nil {
		return nil, fmt.Errorf("no parsed report")
	}
	if b, err := hex.DecodeString(d.SHA256); err != nil || len(b) != 32 {
		return nil, fmt.Errorf("sha256 %q is not 64 hex digits", d.SHA256)
	}
	d.SHA256 = strings.ToLower(d.SHA256) // one spelling, so lookups by digest match
	if err := d.Prepare(); err != nil {
		return nil, err
	}
	return &prepared{doc: d, placed: d.place}, nil
}

// placeOf resolves the place and identity of d's report from its title,
// fields and prose (its values play no part).
func placeOf(d *Document, resolver *places.Resolver) *placed {
	r := d.Report
	p := &placed{}
	for _, w := range r.Warnings {
		p.warnings = append(p.warnings, warningRow{"parse", w})
	}
	body := proseStart(r, 600)
	p.res = resolver.Resolve(places.Evidence{SiteCode: d.SiteCode, Jurisdiction: r.Jurisdiction, Agency: r.Agency, Title: r.Title, Body: body})
	if p.res.Warning != "" {
		p.warnings = append(p.warnings, warningRow{"resolve", p.res.Warning})
	}
	// The title's subject costs a regexp: read only when no field names the publisher.
	publisher := firstNonEmpty(r.Agency, r.Jurisdiction)
	if publisher == "" {
		publisher = places.TitleSubject(r.Title)
	}
	p.kind = places.PublisherKind(r.Agency, r.Jurisdiction, r.Title, body)
	if r.Year != 0 {
		// Without a code, a bare name (朝阳区) may be two places: versions are
		// then only those from the same site.
		place := p.res.Code()
		if place == "" && (r.Jurisdiction != "" || publisher != "") {
			place = "?" + places.CleanText(r.Jurisdiction) + "@" + sourceScope(d.SourceURL)
		}
		if place != "" {
			p.identity = place + "|" + places.CleanText(publisher) + "|" + strconv.Itoa(int(r.Year))
		}
	}
	if r.Published != "" {
		t, err := time.Parse("2006-01-02", r.Published)
		if err != nil {
			p.warnings = append(p.warnings, warningRow{"load", fmt.Sprintf("published date %q is not YYYY-MM-DD; stored as NULL", r.Published)})
		} else {
			p.published = t
		}
	}
	return p
}

// sourceScope is the site a document came from: the URL's host, or the
// directory of a local file.
func sourceScope(source string) string {
	u, err := url.Parse(source)
	if err != nil || (u.Host == "" && u.Path == "") {
		return source
	}
	if u.Host != "" {
		return u.Host
	}
	return path.Dir(u.Path)
}

// proseStart is the first n runes of the report's text, for the resolver.
func proseStart(r *parse.Report, n int) string {
	var b strings.Builder
	for _, s := range r.Prose {
		b.WriteString(s.Heading)
		b.WriteString("\n")
		b.WriteString(s.Text)
		b.WriteString("\n")
		if b.Len() > 4*n {
			break
		}
	}
	s := b.String()
	for i := range s { // cut at the n-th rune without converting the whole text
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// loadIn does the work of Load inside the open transaction.
func (db *DB) loadIn(ctx context.Context, conn *sql.Conn, ps []*prepared, opt LoadOptions) (LoadResult, error) {
	started := time.Now().UTC()
	var res LoadResult
	res.ReportIDs = make([]int64, len(ps))
	sc, err := db.summaryColumns(ctx, conn)
	if err != nil {
		return res, err
	}
	existing, err := existingBySHA(ctx, conn, ps)
	if err != nil {
		return res, err
	}
	var nextID int64
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(report_id), 0) + 1, (SELECT coalesce(max(batch_id), 0) + 1 FROM load_batches) FROM reports`).Scan(&nextID, &res.BatchID); err != nil {
		return res, err
	}
	heads, err := currentByIdentity(ctx, conn, ps)
	if err != nil {
		return res, err
	}
	var fresh, reparsed []*prepared
	var supersede [][2]int64
	seen := map[string]int64{}
	for i, p := range ps {
		if id, ok := seen[p.doc.SHA256]; ok { // the same bytes twice in one batch
			res.ReportIDs[i], res.Unchanged = id, res.Unchanged+1
			continue
		}
		if id, ok := existing[p.doc.SHA256]; ok {
			res.ReportIDs[i] = id
			seen[p.doc.SHA256] = id
			if opt.Reparse {
				p.id = id
				reparsed = append(reparsed, p)
			} else {
				res.Unchanged++
			}
			continue
		}
		p.id, p.version, p.current = nextID, 1, true
		nextID++
		seen[p.doc.SHA256] = p.id
		res.ReportIDs[i] = p.id
		if p.identity != "" {
			if h, ok := heads[p.identity]; ok {
				p.version = h.version + 1
				if h.p != nil { // an earlier document of this batch
					h.p.current, h.p.supersedBy = false, p.id
				} else if h.id != 0 {
					supersede = append(supersede, [2]int64{h.id, p.id})
				}
			}
			heads[p.identity] = head{id: p.id, version: p.version, p: p}
		}
		fresh = append(fresh, p)
	}
	res.Added, res.Superseded = len(fresh), len(supersede)
	for _, p := range fresh {
		if !p.current {
			res.Superseded++
		}
	}
	if err := appendAll(ctx, conn, fresh, sc, res.BatchID, started); err != nil {
		return res, err
	}
	if err := applySupersede(ctx, conn, supersede); err != nil {
		return res, err
	}
	if len(reparsed) > 0 {
		res.Reparsed = len(reparsed)
		if err := replaceParsed(ctx, conn, reparsed, sc); err != nil {
			return res, fmt.Errorf("reparse: %w", err)
		}
		// Corrections stay with their documents: the summary of a corrected
		// report shows them again, and those the parser now reads the same
		// way are counted as settled.
		const corrected = "report_id IN (SELECT report_id FROM reparse_rows) AND report_id IN (SELECT report_id FROM corrections)"
		if err := refreshSummary(ctx, conn, corrected); err != nil {
			return res, fmt.Errorf("reparse: corrected summaries: %w", err)
		}
		if res.Settled, err = settledCorrections(ctx, conn, "report_id IN (SELECT report_id FROM reparse_rows)"); err != nil {
			return res, err
		}
	}
	_, err = conn.ExecContext(ctx, `INSERT INTO load_batches (batch_id, started_at, committed_at, documents, added, unchanged, superseded, program, reparsed, version)
		VALUES (?, ?, current_timestamp::TIMESTAMP, ?, ?, ?, ?, ?, ?, ?)`,
		res.BatchID, started, len(ps), res.Added, res.Unchanged, res.Superseded, Program, res.Reparsed, db.build)
	return res, err
}

// batchKeys puts the batch's sha256s and identities in a temporary table,
// so that lookups are joins however large the batch.
func batchKeys(ctx context.Context, conn *sql.Conn, ps []*prepared) error {
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE batch_keys (sha256 VARCHAR, identity VARCHAR)`); err != nil {
		return err
	}
	return withAppender(conn, "batch_keys", func(a *duckdb.Appender) error {
		for _, p := range ps {
			if err := a.AppendRow(p.doc.SHA256, nullable(p.identity)); err != nil {
				return err
			}
		}
		return nil
	})
}

// existingBySHA returns the report_id of every batch document already stored.
func existingBySHA(ctx context.Context, conn *sql.Conn, ps []*prepared) (map[string]int64, error) {
	if err := batchKeys(ctx, conn, ps); err != nil {
		return nil, err
	}
	rows, err := conn.QueryContext(ctx, `SELECT r.sha256, r.report_id FROM reports r SEMI JOIN batch_keys b ON b.sha256 = r.sha256`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var s string
		var id int64
		if err := rows.Scan(&s, &id); err != nil {
			return nil, err
		}
		m[s] = id
	}
	return m, rows.Err()
}

// head is the current version of an identity, stored or earlier in the batch.
type head struct {
	id      int64
	version int
	p       *prepared
}

// currentByIdentity returns the current stored version of each batch identity.
func currentByIdentity(ctx context.Context, conn *sql.Conn, ps []*prepared) (map[string]head, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT r.identity, arg_max(r.report_id, r.version) FILTER (WHERE r.is_current), max(r.version)
		FROM reports r SEMI JOIN batch_keys b ON b.identity = r.identity
		GROUP BY r.identity`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]head{}
	for rows.Next() {
		var ident string
		var id sql.NullInt64
		var v int
		if err := rows.Scan(&ident, &id, &v); err != nil {
			return nil, err
		}
		m[ident] = head{id: id.Int64, version: v} // id 0: no current version left
	}
	return m, rows.Err()
}

// applySupersede marks stored versions as replaced by new ones.
func applySupersede(ctx context.Context, conn *sql.Conn, pairs [][2]int64) error {
	if len(pairs) == 0 {
		return nil
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE supersede (old_id BIGINT, new_id BIGINT)`); err != nil {
		return err
	}
	err := withAppender(conn, "supersede", func(a *duckdb.Appender) error {
		for _, pr := range pairs {
			if err := a.AppendRow(pr[0], pr[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `UPDATE reports SET is_current = false, superseded_by = s.new_id FROM supersede s WHERE reports.report_id = s.old_id`)
	return err
}

// withAppender runs fill with an appender on table and closes (flushes) it.
func withAppender(conn *sql.Conn, table string, fill func(*duckdb.Appender) error) error {
	return withAppenderColumns(conn, table, nil, fill)
}

// withAppenderColumns is withAppender on the named columns only (all columns when cols is empty).
func withAppenderColumns(conn *sql.Conn, table string, cols []string, fill func(*duckdb.Appender) error) error {
	return conn.Raw(func(dc any) error {
		var a *duckdb.Appender
		var err error
		if len(cols) == 0 {
			a, err = duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		} else {
			a, err = duckdb.NewAppenderWithColumns(dc.(driver.Conn), "", "", table, cols)
		}
		if err != nil {
			return err
		}
		if err := fill(a); err != nil {
			a.Close()
			return fmt.Errorf("appending to %s: %w", table, err)
		}
		if err := a.Close(); err != nil {
			return fmt.Errorf("flushing %s: %w", table, err)
		}
		return nil
	})
}

// nullable turns "" into SQL NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Known returns which of the given sha256 digests are stored, so a caller
// can skip parsing documents it already loaded. It works read-only (where
// DuckDB allows no appender), so the digests, checked to be hex, are
// written into the query.
func (db *DB) Known(ctx context.Context, shas []string) (map[string]bool, error) {
	known := map[string]bool{}
	for start := 0; start < len(shas); start += 1000 {
		var list []string
		for _, s := range shas[start:min(start+1000, len(shas))] {
			if b, err := hex.DecodeString(s); err == nil && len(b) == 32 {
				list = append(list, "'"+strings.ToLower(s)+"'")
			}
		}
		if len(list) == 0 {
			continue
		}
		rows, err := db.sql.QueryContext(ctx, `SELECT sha256 FROM reports WHERE sha256 IN (`+strings.Join(list, ",")+`)`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return nil, err
			}
			known[s] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}
