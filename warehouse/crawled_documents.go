package warehouse

import (
	"context"
	"database/sql"
	"fmt"
)

// CrawledDocument is one document the crawler stored in its raw store, as
// the warehouse knows it: what `disclosure reparse` parses again.
type CrawledDocument struct {
	SHA256      string
	URL         string // where it was fetched (the latest such URL)
	ContentType string // as served, when known (its charset helps decoding)
	SiteCode    string
}

// CrawledDocuments lists every document the crawler ever stored, oldest
// first (reparse loads new versions in the order they were fetched):
// report and attachment bodies from fetch_log, the current ones from
// url_state, and the reports loaded from http(s) sources, which covers
// crawls made before the fetch log existed. Older versions are included:
// reparse reaches every past report, not only what the sites show today.
func (db *DB) CrawledDocuments(ctx context.Context) ([]CrawledDocument, error) {
	rows, err := db.sql.QueryContext(ctx, `
		WITH docs AS (
			SELECT sha256, coalesce(final_url, url) AS url, content_type, site_code, fetched_at AS seen_at
			FROM fetch_log
			WHERE sha256 IS NOT NULL AND NOT not_modified AND status BETWEEN 200 AND 299
				AND kind IN ('report', 'attachment')
			UNION ALL
			SELECT sha256, url, content_type, site_code, last_changed
			FROM url_state WHERE sha256 IS NOT NULL AND kind IN ('report', 'attachment')
			UNION ALL
			SELECT sha256, source_url, NULL, NULL, loaded_at
			FROM reports WHERE source_url LIKE 'http://%' OR source_url LIKE 'https://%')
		SELECT sha256, arg_max(url, seen_at), arg_max(content_type, seen_at) FILTER (WHERE content_type IS NOT NULL),
			arg_max(site_code, seen_at) FILTER (WHERE site_code IS NOT NULL), min(seen_at) AS first
		FROM docs GROUP BY sha256 ORDER BY first NULLS LAST, sha256`)
	if err != nil {
		return nil, fmt.Errorf("crawled documents: %w", err)
	}
	defer rows.Close()
	var out []CrawledDocument
	for rows.Next() {
		var d CrawledDocument
		var url, ctype, code sql.NullString
		var first sql.NullTime
		if err := rows.Scan(&d.SHA256, &url, &ctype, &code, &first); err != nil {
			return nil, err
		}
		d.URL, d.ContentType, d.SiteCode = url.String, ctype.String, code.String
		out = append(out, d)
	}
	return out, rows.Err()
}
