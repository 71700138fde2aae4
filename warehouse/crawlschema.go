package warehouse

import "maps"

// crawlDDL is the migration that gives the crawler's memory and its fetch
// log a home beside reports (they join on sha256 and source_url = url).
// Neither table has a foreign key: a fetch is logged whether or not its
// document ever becomes a report, and nothing here is ever deleted.
// IF NOT EXISTS: tests rewind the schema version without dropping tables.
const crawlDDL = `
CREATE TABLE IF NOT EXISTS url_state (
	url           VARCHAR PRIMARY KEY,
	site          VARCHAR NOT NULL,  -- the registry row's URL that found it
	site_code     VARCHAR,           -- that row's 六位代码
	kind          VARCHAR NOT NULL,  -- robots, listing, report, attachment
	etag          VARCHAR,           -- validators of the last 200, sent back next crawl
	last_modified VARCHAR,
	sha256        VARCHAR,           -- last body stored (raw store key)
	content_type  VARCHAR,
	first_seen    TIMESTAMP,
	last_changed  TIMESTAMP,         -- when sha256 last took a new value
	last_fetched  TIMESTAMP,
	last_status   INTEGER,           -- 0: no response
	last_error    VARCHAR,
	gone          BOOLEAN NOT NULL DEFAULT false,
	gone_since    TIMESTAMP,
	gone_reason   VARCHAR            -- 404, 410, unlisted
);

CREATE TABLE IF NOT EXISTS fetch_log (
	fetched_at    TIMESTAMP NOT NULL, -- when the request started (UTC)
	site          VARCHAR,
	site_code     VARCHAR,
	kind          VARCHAR,
	url           VARCHAR NOT NULL,   -- as discovered (a redirect hop: where the chain began)
	final_url     VARCHAR,            -- where this request went
	referrer      VARCHAR,
	link_text     VARCHAR,
	status        INTEGER,            -- 0: no response (network error, robots.txt refusal)
	content_type  VARCHAR,
	sniffed       VARCHAR,            -- what the bytes are (docform.Form): html, text, pdf, docx, doc, zip, ole, binary …
	etag          VARCHAR,
	last_modified VARCHAR,
	headers       VARCHAR,            -- JSON of the provenance headers kept
	bytes         BIGINT,
	sha256        VARCHAR,
	raw_path      VARCHAR,
	changed       BOOLEAN,
	not_modified  BOOLEAN,
	attempt       INTEGER,
	retrying      BOOLEAN,
	duration_ms   DOUBLE,
	error         VARCHAR
);
`

// reportSourcesView shows, for each current report, what the crawler last
// saw at its source URL: a report that disappeared from its site stays in
// reports (nothing is ever deleted) and is marked gone here. crawled is
// false for reports loaded from files or from URLs the crawler does not
// track; source_changed says the URL now serves other bytes than this
// version (a new version the parser could not load, say).
func reportSourcesView() string {
	return `CREATE OR REPLACE VIEW report_sources AS
SELECT ` + identityCols + `, r.title, r.source_url, r.sha256,
	s.url IS NOT NULL AS crawled, s.site, s.site_code, s.first_seen, s.last_changed, s.last_fetched, s.last_status,
	coalesce(s.gone, false) AS gone, s.gone_since, s.gone_reason,
	coalesce(s.sha256 <> r.sha256, false) AS source_changed
FROM current_reports r LEFT JOIN url_state s ON s.url = r.source_url`
}

// Descriptions of the crawl tables' columns for dictionary.csv, merged into
// columnDocs at start-up. Every key names
// its object, so that a column called url or error elsewhere (run tables)
// is not described by these.

// crawlShared describes columns url_state and fetch_log both have.
var crawlShared = map[string]string{
	"site":          "The registered URL (sites file row) of the site that found the URL",
	"site_code":     "六位行政区划代码 of that site, when registered",
	"kind":          "What the URL is on its site: robots, listing, report or attachment",
	"content_type":  "Content-Type as served (may be wrong; see fetch_log.sniffed)",
	"etag":          "ETag the server sent",
	"last_modified": "Last-Modified the server sent",
}

var crawlColumnDocs = map[string]string{
	"url_state.url":           "URL as discovered on the site",
	"url_state.etag":          "ETag of the last 200 answer, sent back as If-None-Match",
	"url_state.last_modified": "Last-Modified of the last 200 answer, sent back as If-Modified-Since",
	"url_state.sha256":        "SHA-256 of the last body stored (the raw store's key); reports.sha256 when it was loaded",
	"url_state.first_seen":    "When a crawl first found the URL (UTC)",
	"url_state.last_changed":  "When the URL last served bytes not seen before at it (UTC)",
	"url_state.last_fetched":  "When the URL was last requested (UTC)",
	"url_state.last_status":   "HTTP status of the last request; 0 when no response arrived",
	"url_state.last_error":    "Why the last request failed, if it did",
	"url_state.gone":          "The URL answered 404/410 or is no longer listed by its site; its reports stay in the warehouse",
	"url_state.gone_since":    "When gone was set (UTC)",
	"url_state.gone_reason":   "404, 410, or unlisted",

	"fetch_log.fetched_at":   "When the request started (UTC)",
	"fetch_log.url":          "URL as discovered (for a redirect hop: where the chain began)",
	"fetch_log.final_url":    "The URL this request went to: url, or a hop of its redirect chain",
	"fetch_log.referrer":     "The page that linked url (empty for a registered page)",
	"fetch_log.link_text":    "Text or title of the link that led to url",
	"fetch_log.status":       "HTTP status; 0 when no response arrived (network error, robots.txt refusal: see error)",
	"fetch_log.sniffed":      "What the bytes are: html, text, pdf, docx, xlsx, zip (other archives), doc, xls, ole (wps and other compound files), binary or empty",
	"fetch_log.headers":      "The provenance headers kept (Content-Type, Content-Length, ETag, Last-Modified, Date, Location, Retry-After, Content-Disposition, Server), as JSON",
	"fetch_log.bytes":        "Body size received; for a refused oversized body its announced size (-1 unknown)",
	"fetch_log.sha256":       "SHA-256 of the body received; for a 304, of the stored document",
	"fetch_log.raw_path":     "The raw store file that holds the body: its run's pack (data/raw/packs/…), or an older run's file (data/raw/ab/abcd…)",
	"fetch_log.changed":      "The body differs from the last one seen at this URL (or is the first)",
	"fetch_log.not_modified": "The server answered 304 to a conditional request: no body downloaded",
	"fetch_log.attempt":      "1 for the first try, 2… for retries",
	"fetch_log.retrying":     "Another attempt followed this one",
	"fetch_log.duration_ms":  "Milliseconds until the body was read",
	"fetch_log.error":        "Why there is no document (network, HTTP status, too large, robots.txt …)",

	"report_sources.crawled":        "Whether the crawler tracks the report's source URL (false for files loaded by hand)",
	"report_sources.site":           "The registered site that found the source URL",
	"report_sources.site_code":      "六位行政区划代码 of that site, when registered",
	"report_sources.first_seen":     "When a crawl first found the source URL (UTC)",
	"report_sources.last_changed":   "When the source URL last served new bytes (UTC)",
	"report_sources.last_fetched":   "When the crawler last requested the source URL (UTC)",
	"report_sources.last_status":    "HTTP status of that request",
	"report_sources.gone":           "The source URL is gone from its site (404/410 or no longer listed); the report stays",
	"report_sources.gone_since":     "When the source URL was found gone (UTC)",
	"report_sources.gone_reason":    "404, 410, or unlisted",
	"report_sources.source_changed": "The source URL now serves other bytes than this version",
}

func init() {
	for col, d := range crawlShared {
		for _, t := range []string{"url_state", "fetch_log"} {
			if _, ok := crawlColumnDocs[t+"."+col]; !ok {
				crawlColumnDocs[t+"."+col] = d
			}
		}
	}
	maps.Copy(columnDocs, crawlColumnDocs)
}
