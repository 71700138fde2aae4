package crawler

import (
	"context"
	"net/http"
	"time"
)

// Fetch is one HTTP request the crawler made (or decided not to make), with
// what came back. Every request is reported, retries and failures included,
// so a Sink that writes them all has the complete fetch log.
type Fetch struct {
	Site Site // the registry row the URL belongs to
	Kind Kind

	URL      string // the URL as discovered (for a redirect hop: where the chain began)
	FinalURL string // the URL this request went to: URL, or a hop of its redirect chain
	Referrer string // the page that linked URL ("" for a registered page)
	LinkText string // the text (or title) of that link, as found

	Status int // HTTP status; 0 when no response arrived (Err says why)
	// Header holds the response headers that matter for provenance:
	// Content-Type, Content-Length, ETag, Last-Modified, Date, Location,
	// Retry-After, Content-Disposition, Server.
	Header      http.Header
	ContentType string // as served (may be wrong: see Sniffed)
	Sniffed     string // what the bytes are: a docform.Form ("html", "pdf", "docx", "doc", "zip", "text", "binary" …)

	// Body is the document's raw bytes, exactly as served (never decoded,
	// never truncated), set for a 2xx response. Nil for a 304 (NotModified:
	// SHA256 and RawPath name the stored document), on errors, and for a
	// body larger than the cap (Size is then its announced length, or -1).
	Body        []byte
	SHA256      string // hex sha256 of Body; for a 304 the stored document's
	Size        int64  // len(Body), or the announced size of a refused body
	RawPath     string // the raw store file that holds Body: its pack, or an older run's file ("" if not stored)
	Changed     bool   // Body differs from the last document seen at this URL (or is the first)
	NotModified bool   // the server answered 304 to a conditional request

	Time     time.Time     // when the request started
	Duration time.Duration // until the body was read
	Attempt  int           // 1 for the first try, 2… for retries
	Retrying bool          // another attempt will follow
	Err      error         // why there is no document (network, status, too large, robots …)
}

// Document reports whether f carries a body the parser should see.
func (f *Fetch) Document() bool { return f.Body != nil && f.Err == nil }

// Sink receives every Fetch. Fetched is called from several goroutines at
// once (Options.SinkWorkers), apart from the fetching, so a slow Sink delays
// no request until its queue is full; a Sink must be safe for concurrent
// use. Fetches of one URL arrive in order of time only as far as the queue
// keeps them: use Fetch.Time to order. An error is
// logged and counted in Stats.SinkErrors; the crawl goes on. Run returns
// after the last Fetched call has returned.
type Sink interface {
	Fetched(ctx context.Context, f *Fetch) error
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, f *Fetch) error

// Fetched implements Sink.
func (fn SinkFunc) Fetched(ctx context.Context, f *Fetch) error { return fn(ctx, f) }

// Discard is a Sink that keeps nothing.
var Discard Sink = SinkFunc(func(context.Context, *Fetch) error { return nil })

// provenanceHeaders are the response headers a Fetch keeps.
var provenanceHeaders = []string{
	"Content-Type", "Content-Length", "ETag", "Last-Modified", "Date", "Location",
	"Retry-After", "Content-Disposition", "Server",
}

func keepHeaders(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range provenanceHeaders {
		if v := h.Values(k); len(v) > 0 {
			out[k] = append([]string(nil), v...)
		}
	}
	return out
}
