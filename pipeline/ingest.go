package pipeline

import (
	"errors"
	"fmt"
	"strings"

	"disclosure/docform"
	"disclosure/parse"
	"disclosure/warehouse"
)

// Source is one document on its way into the warehouse, from whichever
// stage found it: a file given to load, a crawled page or attachment, a
// body in the raw store for reparse.
type Source struct {
	Body        []byte
	URL         string // source_url: the page it was fetched from, or file:// for a file
	Name        string // how errors name it (a file name); "" means URL
	ContentType string // as served; "" for a file
	Sniffed     string // what the bytes are (docform.Sniff; Ingest fills it in), for the summary of a form not parsed yet
	SHA256      string
	SiteCode    string
	SiteName    string
	SiteURL     string // the registered URL of the site that found it (crawl, run)
}

// What became of a document, as run_documents records it.
const (
	OutcomeLoadable     = "not_loaded" // parsed with statistics; "loaded" once its batch is written
	OutcomeLoaded       = "loaded"
	OutcomeNoStatistics = "no_statistics"
	OutcomeUnsupported  = "unsupported"
	OutcomeParseError   = "parse_error"
)

// Parsed is a document after the ingest stage's parse and its one skip
// rule: a document without statistics is not loaded.
type Parsed struct {
	Source
	Report  *parse.Report // nil when it could not be parsed
	Outcome string
	Err     error               // why it could not be parsed
	Doc     *warehouse.Document // what to load; nil unless Outcome is OutcomeLoadable
}

// Ingest parses one document and applies the skip rule. Every command that
// loads (load, crawl, run, reparse) goes through here, so they agree on
// what reaches the warehouse.
func Ingest(src Source) Parsed {
	p := Parsed{Source: src}
	form := docform.Sniff(src.Body, src.ContentType)
	p.Sniffed = string(form)
	name := src.Name
	if name == "" {
		name = src.URL
	}
	p.Report, p.Err = parseForm(form, src.Body, parse.Options{Name: name, ContentType: src.ContentType})
	switch {
	case errors.Is(p.Err, parse.ErrUnreadable):
		p.Outcome = OutcomeUnreadable
	case errors.Is(p.Err, parse.ErrUnsupported):
		p.Outcome = OutcomeUnsupported
	case p.Err != nil:
		p.Outcome = OutcomeParseError
	case len(p.Report.Values) == 0:
		p.Outcome = OutcomeNoStatistics
	default:
		p.Outcome = OutcomeLoadable
		p.Doc = &warehouse.Document{Report: p.Report, SHA256: src.SHA256, SourceURL: src.URL, SiteCode: src.SiteCode}
		// Small while it waits for its batch, placed off the writer's core;
		// p.Report stays whole. Its one error (the embedded place data
		// unreadable) recurs when the writer prepares the batch, which fails.
		_ = p.Doc.Prepare()
	}
	return p
}

// Detail is the run_documents detail of the outcome.
func (p Parsed) Detail() string {
	switch p.Outcome {
	case OutcomeUnsupported, OutcomeParseError:
		return p.Err.Error()
	case OutcomeUnreadable:
		return unreadableDetail(p.Err)
	case OutcomeNoStatistics:
		return p.Report.Title
	}
	return fmt.Sprintf("%s %d: %s", p.Report.Jurisdiction, int(p.Report.Year), p.Report.Title)
}

// ChecksFailed is how many of the report's checks failed (0 unparsed).
func (p Parsed) ChecksFailed() int {
	if p.Report == nil {
		return 0
	}
	return p.Report.ChecksFailed()
}

// Line is the one-line summary crawl and reparse print per document.
func (p Parsed) Line() string {
	site := strings.TrimSpace(p.SiteCode + " " + p.SiteName)
	switch p.Outcome {
	case OutcomeUnsupported:
		return fmt.Sprintf("%s\tstored %s (%d bytes), not parsed yet\t%s", site, p.Sniffed, len(p.Body), p.URL)
	case OutcomeParseError:
		return fmt.Sprintf("%s\tnot parsed: %v", site, p.Err)
	case OutcomeUnreadable:
		return fmt.Sprintf("%s\t%s (not loaded): %v\t%s", site, parse.UnreadableReason(p.Err), p.Err, p.URL)
	}
	rep := p.Report
	year := "?"
	if rep.Year != 0 {
		year = fmt.Sprint(int(rep.Year))
	}
	tmpl := rep.Template
	if tmpl == "" {
		tmpl = "-"
	}
	line := fmt.Sprintf("%s\t%s\ttemplate %s\t%d values\t%d checks failed\t%s\t%s", site, year, tmpl, len(rep.Values), p.ChecksFailed(), rep.Title, p.URL)
	if p.Outcome == OutcomeNoStatistics {
		line += "\t(no statistics: not loaded)"
	}
	return line
}

// textCheck is what the warehouse records of a document's text
// (unreadable_documents): unreadable with its reason, or read (a report,
// or text without statistics), which clears an earlier unreadable record
// of it. A document that failed for another reason (a form not read yet,
// a broken file, a missing body) says nothing of its text: false.
func textCheck(p Parsed, via string, runID int64) (warehouse.TextCheck, bool) {
	c := warehouse.TextCheck{SHA256: p.SHA256, URL: p.URL, SiteURL: p.SiteURL, SiteCode: p.SiteCode, SiteName: p.SiteName,
		Via: via, RunID: runID}
	switch p.Outcome {
	case OutcomeUnreadable:
		c.Reason, c.Detail = parse.UnreadableReason(p.Err), p.Err.Error()
	case OutcomeLoadable, OutcomeNoStatistics:
	default:
		return c, false
	}
	return c, p.SHA256 != "" && p.URL != ""
}
