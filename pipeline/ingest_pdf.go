package pipeline

import (
	"context"
	"fmt"

	"disclosure/docform"
	"disclosure/parse"
	"disclosure/pdftext"
)

// OutcomeUnreadable is a document in a form that is read but whose content
// is not text: a scan (image-only), a PDF whose characters do not decode
// (no text layer), a password-protected file. Nothing of it is stored;
// the writer records it with its URL and reason for every command that
// loads (unreadable_documents, query `unreadable`).
const OutcomeUnreadable = "unreadable"

// parseDocument reads one document whatever its form: a PDF through
// pdftext (characters and ruling lines by position, the process's one
// PDFium pool) and parse.ParseLayout; every other form through parse.Parse.
// The form comes from the bytes (docform.Sniff), never the name. An HTML
// page whose report is only in a script is read as the article it embeds
// (embeddedArticle).
func parseDocument(body []byte, opt parse.Options) (*parse.Report, error) {
	return parseForm(docform.Sniff(body, opt.ContentType), body, opt)
}

// parseForm is parseDocument for a body whose form is already sniffed.
func parseForm(form docform.Form, body []byte, opt parse.Options) (*parse.Report, error) {
	if form == docform.HTML {
		if doc, aopt, ok := embeddedArticle(body, opt); ok {
			return parse.Parse(doc, aopt)
		}
	}
	if form != docform.PDF {
		return parse.Parse(body, opt)
	}
	if len(body) > parse.DefaultMaxBytes {
		return nil, fmt.Errorf("%s: document is %d bytes, more than the %d-byte limit", opt.Name, len(body), parse.DefaultMaxBytes)
	}
	ex, err := pdftext.Shared()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", opt.Name, err)
	}
	pages, err := ex.Extract(context.Background(), body, opt.Name)
	if err != nil {
		return nil, err
	}
	return parse.ParseLayout(pages, opt)
}

// unreadableDetail is the run_documents detail of an unreadable document:
// its reason first (the query splits it off), then what was seen.
func unreadableDetail(err error) string {
	return parse.UnreadableReason(err) + ": " + err.Error()
}
