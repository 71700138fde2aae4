package warehouse

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// FetchLogEntry is one row of fetch_log: one request the crawler made (or
// one robots.txt kept it from), retries included. It mirrors the fields of
// crawler.Fetch that matter for provenance.
type FetchLogEntry struct {
	Time                 time.Time // when the request started
	Site, SiteCode, Kind string
	URL, FinalURL        string
	Referrer, LinkText   string
	Status               int
	ContentType, Sniffed string
	ETag, LastModified   string
	Headers              map[string][]string // the provenance headers kept; stored as JSON
	Bytes                int64
	SHA256, RawPath      string
	Changed, NotModified bool
	Attempt              int
	Retrying             bool
	Duration             time.Duration
	Error                string
}

// AppendFetchLog appends entries to fetch_log in one transaction.
func (db *DB) AppendFetchLog(ctx context.Context, entries []FetchLogEntry) error {
	return db.RecordCrawl(ctx, nil, entries)
}

// RecordCrawl writes what a part of a crawl learned, url_state rows and
// fetch_log entries, in one transaction: a crawl flushes both together, so
// the log never names a state the table lacks.
func (db *DB) RecordCrawl(ctx context.Context, states []URLState, entries []FetchLogEntry) error {
	if len(states) == 0 && len(entries) == 0 {
		return nil
	}
	err := db.inTx(ctx, func(conn *sql.Conn) error {
		if err := putURLStates(ctx, conn, states); err != nil {
			return err
		}
		return appendFetchLog(conn, entries)
	})
	if err != nil {
		return fmt.Errorf("recording the crawl: %w", err)
	}
	return nil
}

func appendFetchLog(conn *sql.Conn, entries []FetchLogEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return withAppender(conn, "fetch_log", func(a *duckdb.Appender) error {
		for _, e := range entries {
			var headers any
			if len(e.Headers) > 0 {
				b, err := json.Marshal(e.Headers)
				if err != nil {
					return err
				}
				headers = string(b)
			}
			t := e.Time
			if t.IsZero() {
				t = time.Now()
			}
			if err := a.AppendRow(t.UTC(), nullable(e.Site), nullable(e.SiteCode), nullable(e.Kind), e.URL,
				nullable(e.FinalURL), nullable(e.Referrer), nullable(e.LinkText), int32(e.Status),
				nullable(e.ContentType), nullable(e.Sniffed), nullable(e.ETag), nullable(e.LastModified), headers,
				e.Bytes, nullable(e.SHA256), nullable(e.RawPath), e.Changed, e.NotModified, int32(e.Attempt),
				e.Retrying, float64(e.Duration.Microseconds())/1000, nullable(e.Error)); err != nil {
				return err
			}
		}
		return nil
	})
}
