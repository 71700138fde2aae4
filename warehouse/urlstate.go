package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// URLState is one row of url_state: what the crawler remembers about a URL
// between crawls. It mirrors crawler.URLState field for field; the
// warehouse keeps its own type so that it need not import the crawler.
type URLState struct {
	URL, Site, SiteCode, Kind string
	ETag, LastModified        string
	SHA256, ContentType       string
	FirstSeen                 time.Time
	LastChanged               time.Time
	LastFetched               time.Time
	LastStatus                int
	LastError                 string
	Gone                      bool
	GoneSince                 time.Time
	GoneReason                string
}

const urlStateCols = `url, site, site_code, kind, etag, last_modified, sha256, content_type,
	first_seen, last_changed, last_fetched, last_status, last_error, gone, gone_since, gone_reason`

// URLStates returns every url_state row, for a crawl to hold in memory.
func (db *DB) URLStates(ctx context.Context) ([]URLState, error) {
	return db.queryURLStates(ctx, `SELECT `+urlStateCols+` FROM url_state ORDER BY url`)
}

// URLState returns the row for url; ok is false when the URL was never seen.
func (db *DB) URLState(ctx context.Context, url string) (st URLState, ok bool, err error) {
	list, err := db.queryURLStates(ctx, `SELECT `+urlStateCols+` FROM url_state WHERE url = ?`, url)
	if err != nil || len(list) == 0 {
		return URLState{}, false, err
	}
	return list[0], true, nil
}

// SiteURLStates returns the rows a site found (gone ones included).
func (db *DB) SiteURLStates(ctx context.Context, site string) ([]URLState, error) {
	return db.queryURLStates(ctx, `SELECT `+urlStateCols+` FROM url_state WHERE site = ? ORDER BY url`, site)
}

func (db *DB) queryURLStates(ctx context.Context, q string, args ...any) ([]URLState, error) {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("url_state: %w", err)
	}
	defer rows.Close()
	var out []URLState
	for rows.Next() {
		var s URLState
		var code, etag, mod, sum, ctype, lerr, reason sql.NullString
		var first, changed, fetched, since sql.NullTime
		var status sql.NullInt64
		if err := rows.Scan(&s.URL, &s.Site, &code, &s.Kind, &etag, &mod, &sum, &ctype,
			&first, &changed, &fetched, &status, &lerr, &s.Gone, &since, &reason); err != nil {
			return nil, fmt.Errorf("url_state: %w", err)
		}
		s.SiteCode, s.ETag, s.LastModified, s.SHA256 = code.String, etag.String, mod.String, sum.String
		s.ContentType, s.LastError, s.GoneReason = ctype.String, lerr.String, reason.String
		s.FirstSeen, s.LastChanged, s.LastFetched, s.GoneSince = utc(first), utc(changed), utc(fetched), utc(since)
		s.LastStatus = int(status.Int64)
		out = append(out, s)
	}
	return out, rows.Err()
}

// PutURLStates creates or replaces the rows for the given URLs, in one
// transaction. When a URL appears twice, the later record wins.
func (db *DB) PutURLStates(ctx context.Context, states []URLState) error {
	return db.RecordCrawl(ctx, states, nil)
}

// putURLStates upserts through a temp table filled by the appender: one
// statement for the whole batch, however many rows.
func putURLStates(ctx context.Context, conn *sql.Conn, states []URLState) error {
	if len(states) == 0 {
		return nil
	}
	// Last record per URL: an upsert must not meet the same key twice.
	last := make(map[string]int, len(states))
	for i, s := range states {
		if s.URL == "" {
			return fmt.Errorf("url_state: record without URL")
		}
		last[s.URL] = i
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE url_state_in AS SELECT * FROM url_state LIMIT 0`); err != nil {
		return err
	}
	err := withAppender(conn, "url_state_in", func(a *duckdb.Appender) error {
		for i, s := range states {
			if last[s.URL] != i {
				continue
			}
			if err := a.AppendRow(s.URL, s.Site, nullable(s.SiteCode), s.Kind, nullable(s.ETag), nullable(s.LastModified),
				nullable(s.SHA256), nullable(s.ContentType), nullTime(s.FirstSeen), nullTime(s.LastChanged),
				nullTime(s.LastFetched), int32(s.LastStatus), nullable(s.LastError), s.Gone, nullTime(s.GoneSince),
				nullable(s.GoneReason)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `INSERT OR REPLACE INTO url_state SELECT * FROM url_state_in; DROP TABLE url_state_in`)
	return err
}

// nullTime turns the zero time into SQL NULL; others are stored as UTC.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
