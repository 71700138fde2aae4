// Package web is `disclosure serve`: pages that compare divisions, follow
// one county across the years, show a report beside its source, and say
// what the crawler covers — over the warehouse's read-only snapshot.
//
// Layout: server.go (options, security headers, timeouts, gzip), store.go
// (the read-only database, reopened when the snapshot is replaced),
// params.go (every parameter checked before it reaches a named query),
// run.go (named queries bound and run with a row cap; page, the pages'
// check, canonical redirect and first query), api.go (JSON endpoints),
// compare.go (compare_rows.go: its table body), county.go, report.go,
// source.go, coverage.go (the pages), pdfpage.go (a PDF value on an image
// of its page, /page), assets.go (embedded assets, templates),
// download.go (the selection shown as Excel CSV + Parquet + manifest),
// format.go (numbers for Chinese readers), templates/ and assets/ (embedded;
// ECharts vendored under assets/echarts with its licence).
//
// The browser never sends SQL: every page and endpoint names a query of
// package queries and passes checked parameters, bound by DuckDB.
package web
