package warehouse

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Unreadable documents: a scan, a PDF whose characters do not decode, a
// file that needs a password. Nothing of them is stored in the report
// tables; unreadable_documents keeps each with its URL (or file), reason
// and when, whichever command met it (load, crawl, run, reparse), so the
// named query `unreadable` is the work list of a later OCR step. A
// document read later (a better reader and a reparse, or new readable
// bytes at the same URL) is marked read_at and drops out of the list; its
// row stays, as the history of what was once unreadable.

// unreadableDDL is migration 11: the table, and the unreadable documents
// the runs before it recorded in run_documents (the latest run to see
// each URL; those loaded since are left out), so no record is lost.
const unreadableDDL = `
CREATE TABLE IF NOT EXISTS unreadable_documents (
	sha256     VARCHAR NOT NULL, -- SHA-256 of its bytes (the raw store's key, for a crawled document)
	url        VARCHAR NOT NULL, -- where it was found: the page or attachment URL, or file:///path of a file given to load
	reason     VARCHAR NOT NULL, -- image-only (a scan), no text layer (characters that do not decode), encrypted (needs a password)
	detail     VARCHAR,          -- what the reader saw: pages, images, characters that do not decode
	site_url   VARCHAR,          -- the registered URL of the site that found it (crawl, run)
	site_code  VARCHAR,          -- 六位代码 of that site, or given to load with --site-code
	site_name  VARCHAR,          -- name of that site in the sites file
	via        VARCHAR NOT NULL, -- the command that last found it unreadable: load, crawl, run or reparse
	run_id     BIGINT,           -- the run that last found it, when via is run
	first_seen TIMESTAMP NOT NULL, -- when it was first found unreadable (UTC)
	seen_at    TIMESTAMP NOT NULL, -- when it was last found unreadable (UTC)
	read_at    TIMESTAMP,          -- when a later parse read it (empty: still unreadable, listed by the query unreadable)
	PRIMARY KEY (sha256, url)
);
INSERT INTO unreadable_documents
SELECT l.sha256, l.url, split_part(l.detail, ':', 1),
	trim(substr(l.detail, length(split_part(l.detail, ':', 1)) + 2)),
	l.site_url, s.site_code, s.site_name, 'run', l.run_id, r.started_at, r.started_at, NULL
FROM (SELECT d.*, row_number() OVER (PARTITION BY d.url ORDER BY d.run_id DESC) AS n FROM run_documents d) l
JOIN runs r USING (run_id)
LEFT JOIN run_sites s ON s.run_id = l.run_id AND s.site_url = l.site_url
WHERE l.n = 1 AND l.outcome = 'unreadable' AND l.sha256 IS NOT NULL
	AND l.sha256 NOT IN (SELECT sha256 FROM reports)`

// TextCheck is what the ingest stage found of one document's text: that
// it cannot be read (Reason set), or that it was read (Reason empty: its
// report loaded, or read and found without statistics).
type TextCheck struct {
	SHA256, URL string
	Reason      string // parse.ReasonImageOnly, ReasonNoTextLayer, ReasonEncrypted; "": read
	Detail      string
	SiteURL     string
	SiteCode    string
	SiteName    string
	Via         string // load, crawl, run, reparse
	RunID       int64  // 0: not a run
	At          time.Time
}

// RecordTextChecks records checks in one transaction (LoadBatch records
// them with a batch's reports).
func (db *DB) RecordTextChecks(ctx context.Context, checks []TextCheck) error {
	if len(checks) == 0 {
		return nil
	}
	return db.inTx(ctx, func(conn *sql.Conn) error { return recordTextChecks(ctx, conn, checks) })
}

type docKey struct{ sha256, url string }

// unreadableRow is a row of unreadable_documents as a batch leaves it.
type unreadableRow struct {
	check  *TextCheck // nil: a row stored before, only marked read
	readAt time.Time
}

// recordTextChecks applies checks in order: an unreadable document is
// upserted (one row per sha256 and URL, however often it is met), a read
// one marks read every unread row of the same bytes or the same URL.
func recordTextChecks(ctx context.Context, conn *sql.Conn, checks []TextCheck) error {
	if len(checks) == 0 {
		return nil
	}
	// Unread rows are few (the scans among the reports): read them whole
	// rather than probe the table once per document loaded.
	bySHA, byURL, err := unreadKeys(ctx, conn)
	if err != nil {
		return err
	}
	rows := map[docKey]*unreadableRow{}
	var order []docKey
	touch := func(k docKey) *unreadableRow {
		r := rows[k]
		if r == nil {
			r = &unreadableRow{}
			rows[k] = r
			order = append(order, k)
		}
		return r
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	for i := range checks {
		c := &checks[i]
		if c.At.IsZero() {
			c.At = now
		}
		if c.Reason != "" {
			k := docKey{c.SHA256, c.URL}
			r := touch(k)
			r.check, r.readAt = c, time.Time{}
			bySHA[k.sha256] = append(bySHA[k.sha256], k)
			byURL[k.url] = append(byURL[k.url], k)
			continue
		}
		if c.SHA256 == "" && c.URL == "" {
			continue
		}
		for _, k := range append(bySHA[c.SHA256], byURL[c.URL]...) {
			if r := rows[k]; r == nil || r.readAt.IsZero() {
				touch(k).readAt = c.At.UTC()
			}
		}
		delete(bySHA, c.SHA256)
		delete(byURL, c.URL)
	}
	for _, k := range order {
		r := rows[k]
		var err error
		if r.check == nil {
			_, err = conn.ExecContext(ctx, `UPDATE unreadable_documents SET read_at = ? WHERE sha256 = ? AND url = ? AND read_at IS NULL`,
				r.readAt, k.sha256, k.url)
		} else {
			c := r.check
			var run any
			if c.RunID != 0 {
				run = c.RunID
			}
			_, err = conn.ExecContext(ctx, `INSERT INTO unreadable_documents
				(sha256, url, reason, detail, site_url, site_code, site_name, via, run_id, first_seen, seen_at, read_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (sha256, url) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
					site_url = coalesce(excluded.site_url, site_url), site_code = coalesce(excluded.site_code, site_code),
					site_name = coalesce(excluded.site_name, site_name), via = excluded.via, run_id = excluded.run_id,
					seen_at = excluded.seen_at, read_at = excluded.read_at`,
				c.SHA256, c.URL, c.Reason, nullable(c.Detail), nullable(c.SiteURL), nullable(c.SiteCode), nullable(c.SiteName),
				c.Via, run, c.At.UTC(), c.At.UTC(), nullTime(r.readAt))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// unreadKeys indexes the rows still unread by sha256 and by URL.
func unreadKeys(ctx context.Context, conn *sql.Conn) (bySHA, byURL map[string][]docKey, err error) {
	rows, err := conn.QueryContext(ctx, `SELECT sha256, url FROM unreadable_documents WHERE read_at IS NULL`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	bySHA, byURL = map[string][]docKey{}, map[string][]docKey{}
	for rows.Next() {
		var k docKey
		if err := rows.Scan(&k.sha256, &k.url); err != nil {
			return nil, nil, err
		}
		bySHA[k.sha256] = append(bySHA[k.sha256], k)
		byURL[k.url] = append(byURL[k.url], k)
	}
	return bySHA, byURL, rows.Err()
}

// The table's columns are described by their DDL comments, as the run
// tables' are.
func init() {
	objectDocs["unreadable_documents"] = [2]string{"无法读取的文档",
		"Documents whose text cannot be read (scans, PDFs without a text layer, password-protected): nothing of them is stored"}
	for _, line := range strings.Split(unreadableDDL, "\n") {
		if m := ddlColumn.FindStringSubmatch(line); m != nil {
			columnDocs["unreadable_documents."+m[1]] = strings.TrimSpace(m[2])
		}
	}
}
