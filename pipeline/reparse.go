package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"disclosure/crawler"
	"disclosure/crawler/rawstore"
	"disclosure/warehouse"
)

// ReparseSummary is what `disclosure reparse` did.
type ReparseSummary struct {
	Documents int // stored documents parsed again
	Parsed    int // of which hold statistics
	Replaced  int // stored documents whose parsed data was replaced
	Added     int // new report versions
	Missing   int // documents missing or damaged in the raw store
	Stopped   bool
}

func (s ReparseSummary) String() string {
	line := fmt.Sprintf("reparsed %d documents: %d with statistics; in the warehouse %d replaced, %d new report versions",
		s.Documents, s.Parsed, s.Replaced, s.Added)
	if s.Stopped {
		line += "; stopped before the end: what was written is kept, run `disclosure reparse` again to finish"
	}
	return line
}

// Reparse parses every report the crawler ever stored again, from the raw
// store, without the network, and sends it through the ingest stage with
// the warehouse's Reparse option (the parsed data of documents already
// there is replaced): a parser improvement reaches every past report. One
// summary line per document goes to out, a missing body to log. When ctx
// ends it stops after the current document and writes what it has.
func Reparse(ctx context.Context, store Store, noLoad bool, prog Progress, out, log io.Writer) (ReparseSummary, error) {
	var sum ReparseSummary
	raw, err := rawstore.Open(store.RawDir())
	if err != nil {
		return sum, err
	}
	docs, err := reparseDocuments(store)
	if err != nil {
		return sum, err
	}
	prog = orNoProgress(prog)
	prog.Begin("reparse", len(docs))
	defer prog.End()
	var w *writer
	if !noLoad {
		w = newWriter(store, warehouse.LoadOptions{Reparse: true}, DefaultBatch, nil, true, "reparse",
			fmt.Sprintf("documents are kept in %s; run `disclosure reparse` again", store.Data))
	}
	for _, d := range docs {
		if ctx.Err() != nil {
			sum.Stopped = true
			break
		}
		sum.Documents++
		prog.Add(1)
		body, err := raw.Get(d.SHA256)
		if err != nil {
			fmt.Fprintln(log, err)
			sum.Missing++
			continue
		}
		p := Ingest(Source{Body: body, URL: d.URL, ContentType: d.ContentType, SHA256: d.SHA256, SiteCode: d.SiteCode})
		fmt.Fprintln(out, p.Line())
		if p.Doc != nil {
			sum.Parsed++
		}
		if w != nil {
			w.take(p, nil)
			if err := w.Err(); err != nil {
				break
			}
		}
	}
	if w != nil {
		res, err := w.close()
		sum.Replaced, sum.Added = res.Reparsed, res.Added
		if err != nil {
			return sum, err
		}
	}
	if sum.Missing > 0 {
		return sum, fmt.Errorf("%d documents missing or damaged in %s", sum.Missing, raw.Dir())
	}
	return sum, nil
}

// reparseDocuments lists what reparse parses: every document the warehouse
// knows the crawler stored (fetch_log, url_state, crawled reports: old
// versions too), then those of a JSON state file under --data (left by a
// --no-load crawl, or by a crawl before the warehouse kept the state),
// each sha256 once.
func reparseDocuments(store Store) ([]warehouse.CrawledDocument, error) {
	var docs []warehouse.CrawledDocument
	found := false
	if store.Exists() {
		err := store.Read(func(db *warehouse.DB) error {
			var err error
			docs, err = db.CrawledDocuments(context.Background())
			return err
		})
		if err != nil {
			return nil, err
		}
		found = true
	}
	jsonPath := store.StateFile()
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
		return nil, errors.New("no crawl recorded: neither the warehouse " + store.DB + " nor " + jsonPath + " exists (run disclosure crawl first)")
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
