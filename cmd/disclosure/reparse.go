package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"disclosure/crawler"
	"disclosure/crawler/rawstore"
	"disclosure/warehouse"
)

// runReparse parses every report the crawler ever stored again, from the
// raw store, without the network, and loads them with the warehouse's
// Reparse option (the parsed data of documents already there is replaced):
// a parser improvement reaches every past report.
func runReparse(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("reparse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf crawlFlags
	cf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: disclosure reparse [--data DIR] [--db PATH] [--no-load]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	raw, err := rawstore.Open(filepath.Join(cf.data, "raw"))
	if err != nil {
		return err
	}
	docs, err := reparseDocuments(cf, stderr)
	if err != nil {
		return err
	}
	sink := newCrawlSink(cf, stdout, stderr)
	sink.reparse = true
	var missing int
	for _, d := range docs {
		body, err := raw.Get(d.SHA256)
		if err != nil {
			fmt.Fprintln(stderr, err)
			missing++
			continue
		}
		line, doc := summarize(body, d.URL, d.ContentType, d.SHA256, d.SiteCode, "", d.ContentType)
		fmt.Fprintln(stdout, line)
		if doc == nil {
			continue
		}
		sink.parsed++
		if !cf.noLoad {
			sink.batch = append(sink.batch, *doc)
			if len(sink.batch) >= crawlBatch {
				if err := sink.flushLocked(false); err != nil {
					return err
				}
			}
		}
	}
	if err := sink.flushLocked(true); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reparsed %d documents: %d with statistics; in the warehouse %d replaced, %d new report versions\n", len(docs), sink.parsed, sink.reparsed, sink.loaded)
	if missing > 0 {
		return fmt.Errorf("%d documents missing or damaged in %s", missing, raw.Dir())
	}
	return nil
}

// reparseDocuments lists what reparse parses: every document the warehouse
// knows the crawler stored (fetch_log, url_state, crawled reports: old
// versions too), then those of a JSON state file under --data (left by a
// --no-load crawl, or by a crawl before the warehouse kept the state),
// each sha256 once.
func reparseDocuments(cf crawlFlags, stderr io.Writer) ([]warehouse.CrawledDocument, error) {
	var docs []warehouse.CrawledDocument
	found := false
	if _, err := os.Stat(*cf.db); err == nil {
		db, err := openDB(*cf.db, true, cf.wait, stderr)
		if err != nil {
			return nil, err
		}
		docs, err = db.CrawledDocuments(context.Background())
		db.Close()
		if err != nil {
			return nil, err
		}
		found = true
	}
	jsonPath := filepath.Join(cf.data, "crawl-state.json")
	if _, err := os.Stat(jsonPath); err == nil {
		st, err := crawler.OpenFileState(jsonPath)
		if err != nil {
			return nil, err
		}
		for _, s := range st.All() {
			if (s.Kind == crawler.KindReport || s.Kind == crawler.KindAttachment) && s.SHA256 != "" {
				docs = append(docs, warehouse.CrawledDocument{SHA256: s.SHA256, URL: s.URL, ContentType: s.ContentType, SiteCode: s.SiteCode})
			}
		}
		found = true
	}
	if !found {
		return nil, errors.New("no crawl recorded: neither the warehouse " + *cf.db + " nor " + jsonPath + " exists (run disclosure crawl first)")
	}
	seen := map[string]bool{}
	out := docs[:0]
	for _, d := range docs {
		if !seen[d.SHA256] {
			seen[d.SHA256] = true
			out = append(out, d)
		}
	}
	return out, nil
}
