// Package pipeline runs the stages between county sites and the
// warehouse; cmd/disclosure only parses flags and calls it.
//
//   - Crawl stage (crawl.go, crawl_stage.go, crawl_options.go): sites →
//     crawler → raw store (by sha256) and crawl state: url_state and
//     fetch_log in the warehouse (crawlrecord*.go), or a JSON file when a
//     crawl does not load.
//   - Ingest stage, one path for load, crawl, run and reparse: Ingest
//     (ingest.go) parses a document's bytes and applies the one skip rule
//     ("no statistics: not loaded"); a page whose report is only in a
//     script (a gkmlpt article's window._CONFIG.DETAIL) is read as the
//     article it embeds (article.go); the writer (writer.go) batches what is
//     loadable into the warehouse, one transaction per batch, beside the
//     crawl state each batch allows, and publishes the read-only snapshot.
//     Load (load.go) feeds it files parsed on every core, Reparse
//     (reparse.go) the raw store.
//   - The nightly run (run.go): run lock (lock.go), run record, crawl,
//     ingest (run_sink.go counts per site), run report and alerts
//     (run_report.go, alerts.go); Schedule (schedule.go) repeats it on cron.
//
// Store (store.go) says where the warehouse and the data directory are; no
// stage holds the warehouse open longer than one write, except a load and
// a reparse, and a crawl's writer while batches come back to back.
// memory.go lowers the Go heap's soft limit and raises GOGC for a load, a
// crawl and a run (gcHeadroom), unless GOGC is set.
package pipeline
