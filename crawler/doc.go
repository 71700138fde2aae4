// Package crawler finds and fetches the annual reports (政府信息公开工作年度报告)
// of the registered sites, politely and incrementally, and keeps every
// fetched document's raw bytes with its provenance.
//
// # Flow
//
//	Registry (sites.csv) ─> Crawler.Run ─> per-host pacer ─> colly fetch
//	                              │                              │
//	                              │      raw bytes ─> RawStore (packs, by sha256)
//	                              │      every request ─> Sink.Fetched(*Fetch)
//	                              └─ per-URL memory ─> State (etag, sha256, first_seen, gone …)
//
// # Files
//
//	crawler.go    Options, Stats, Crawler.Run: a goroutine per task, the Sink queue
//	slots.go      the Options.Parallel requests in flight (walks wait without one)
//	dispatch.go   tasks per host, the site limits, the end of a site (gone)
//	pace.go       per-host clock and backoff
//	visit.go      one request and one method per kind of response
//	follow.go     what a fetched page leads to (platform column, links)
//	fetch.go      colly, and the colly features switched off (and why)
//	decode.go     content encodings decoded under the size cap
//	robots.go     robots.txt rules (RFC 9309)
//	links.go      the one link scan of an HTML page
//	discover.go   which links are reports, pages, columns, attachments
//	              (ListingLeads: the same for `disclosure sites find`)
//	columns.go    column pages through crawler/platform: walks, blocked pages
//	siteresult.go what a crawl did per site (limits, robots.txt, unreachable)
//	registry.go   the sites file; state.go the per-URL memory; sink.go Fetch
//	(docform decides what the bytes are and decodes their text for the link scan)
//
// A site's registered URL is its report column (or its root). Discovery
// (discover.go) follows links whose text is an annual report's title, the
// column's pagination (下一页, page numbers), and from a
// page without reports the 年报 / 政府信息公开 column links; from a report
// page it takes the attachments (.pdf .doc .docx .wps .xls .xlsx .et). Notices
// and news about reports are never fetched. Every URL is fetched at most once
// per crawl.
//
// Platforms (columns.go): a column page goes to crawler/platform first. A
// platform's column (TRS page files, Hanweb's record proxy, gkmlpt's API,
// Fujian's search, /public/column fragments) is walked to its end on the
// worker that holds the host, paced like any request, and its report
// items become tasks; a JS challenge or JS-only shell is recorded as
// blocked with its evidence (SiteResult.Blocked), never as a site without
// reports.
//
// Politeness (pace.go, robots.go): robots.txt first on every host, its rules
// and Crawl-delay obeyed; one request at a time per host, each starting
// Options.Delay (or the longer Crawl-delay) after the previous response;
// retries with exponential backoff on 429, 5xx and
// network errors, Retry-After honoured; redirects are queued hops, not
// followed behind the pacer's back.
//
// Limits per site and run (dispatch.go): Options.MaxPages listing pages,
// Options.MaxDocuments reports and attachments, Options.SiteTimeout from
// its first request; a body over Options.MaxBodySize (counted after
// decoding gzip or deflate) is refused. A limit reached shows in
// Stats.PerSite, and a site cut short has nothing marked gone.
//
// Incremental (visit.go): a URL with a stored body is asked conditionally
// (If-None-Match / If-Modified-Since); a 304 re-reads the stored body to
// find its links, so an unchanged site costs no body download. A report
// that returns 404/410, or that a completely crawled site no longer lists,
// is marked gone in State; nothing is ever deleted.
//
// # What the warehouse implements
//
// State — the crawler's per-URL memory (MemState is the in-memory and JSON
// file implementation; `disclosure crawl` keeps it in the warehouse's
// url_state through an adapter in pipeline/crawlrecord.go):
//
//	type State interface {
//		Get(ctx context.Context, url string) (st URLState, ok bool, err error)
//		Put(ctx context.Context, st URLState) error
//		Site(ctx context.Context, site string) ([]URLState, error)
//	}
//
// Sink — receives one *Fetch per request (the fetch log: url, final url,
// status, headers that matter, sha256, size, time, duration, attempt,
// error, site code/name) and, in Fetch.Body, the raw bytes of each new or
// re-fetched document. Kind says what it is (robots, listing, report,
// attachment); Changed says the bytes are new for that URL; NotModified marks
// a 304 (no Body, SHA256 of the stored document). The project's loader,
// pipeline.Ingest, reads Kind==KindReport/KindAttachment documents by their
// form (docform.Sniff: parse.Parse, or pdftext and parse.ParseLayout for a
// PDF) and loads them with f.Site.Code as the crawl context.
//
//	type Sink interface {
//		Fetched(ctx context.Context, f *Fetch) error
//	}
//
// Both are called from several goroutines at once (the Sink from its own
// pool, Options.SinkWorkers, so slow loading does not delay fetching). A
// Sink may keep Fetch.Body; the crawler does not reuse it.
//
// The State records map one to one onto the warehouse's url_state, keyed
// by url: site (the registry row's URL), site_code, kind, etag,
// last_modified, sha256, content_type, first_seen, last_changed,
// last_fetched, last_status, last_error, gone, gone_since, gone_reason; the
// Fetches onto its fetch_log.
//
// The raw store (package crawler/rawstore, interface RawStore) keeps each
// document once by its sha256, appended to the run's pack under
// DATA/raw/packs/ (older stores: DATA/raw/ab/abcd…); `reparse` rebuilds
// parsed data from it without the network.
package crawler
