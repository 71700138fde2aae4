package warehouse

// Descriptions of the crawl tables' columns for dictionary.csv, kept beside
// the crawl schema and merged into columnDocs at start-up. Every key names
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
	"fetch_log.sniffed":      "What the bytes are: html, pdf, ole (doc/xls/wps), zip (docx/xlsx), text or binary",
	"fetch_log.headers":      "The provenance headers kept (Content-Type, Content-Length, ETag, Last-Modified, Date, Location, Retry-After, Content-Disposition, Server), as JSON",
	"fetch_log.bytes":        "Body size received; for a refused oversized body its announced size (-1 unknown)",
	"fetch_log.sha256":       "SHA-256 of the body received; for a 304, of the stored document",
	"fetch_log.raw_path":     "Where the body lies in the raw store (data/raw/ab/abcd…)",
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
	for k, v := range crawlColumnDocs {
		columnDocs[k] = v
	}
}
