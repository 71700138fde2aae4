package parse

import (
	"errors"
	"fmt"

	"disclosure/docform"
)

// DefaultMaxBytes bounds the document size Parse accepts: the largest real
// report page seen is a few hundred KiB, so 64 MiB leaves room for Word-exported
// pages while keeping hostile input bounded in memory.
const DefaultMaxBytes = 64 << 20

// Options carries what the caller knows beyond the bytes.
type Options struct {
	// Name is the file name or URL, used in errors and warnings.
	Name string
	// MaxBytes overrides DefaultMaxBytes when positive.
	MaxBytes int
	// ContentType is the HTTP Content-Type the page was served with, if
	// known; its charset parameter decides the encoding where the bytes do
	// not (see docform.Decode).
	ContentType string
}

// ErrUnsupported marks input that is not a report form parse can read.
var ErrUnsupported = errors.New("unsupported document form")

// Parse reads one report. The form (HTML, text, docx, doc …) is decided
// from the content by docform.Sniff, never from the name. An error names
// opt.Name and says what is wrong; a document that is readable but holds no
// statistics is not an error: its Report says so in Warnings. A year the
// text does not name may come from the name (yearInName).
func Parse(data []byte, opt Options) (*Report, error) {
	name := opt.Name
	if name == "" {
		name = "input"
	}
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%s: empty document", name)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: document is %d bytes, more than the %d-byte limit", name, len(data), limit)
	}
	sc := getScratch()
	defer sc.release() // after detach: nothing in r points into sc
	var doc document
	switch form := docform.Sniff(data, opt.ContentType); form {
	case docform.HTML:
		d, err := readHTML(data, opt.ContentType)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc = d
	case docform.DOCX, docform.XLSX, docform.ZIP:
		// readDOCX says what is missing from a zip that is not a .docx.
		d, err := readDOCX(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc = d
	case docform.DOC, docform.OLE, docform.XLS:
		// readDOC says what a compound file that is not Word 97 lacks.
		d, err := readDOC(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc = d
	case docform.Text:
		doc = readText(string(decode(data, opt.ContentType)), sc)
	default:
		return nil, fmt.Errorf("%s: %w: %s", name, ErrUnsupported, form)
	}
	r := build(doc, sc)
	yearFromName(r, opt.Name, name)
	detach(r)
	return r, nil
}

// build runs the matcher and the identity finder over a read document. sc,
// if not nil, lends the folded lines and the matcher's pending rows.
func build(doc document, sc *scratch) *Report {
	r := &Report{Form: doc.form, Values: []Value{}, Checks: []Check{}, Warnings: []string{}}
	var alloc *pendingAlloc
	if sc != nil {
		alloc = &sc.pending
	}
	head, all := prepText(doc.lines, sc) // prepared once for identity and prose
	id := identify(head)
	m := match(doc.cells, alloc, id.year) // the year tells another year's report on the page
	r.Template = m.template
	r.Values = m.values
	r.Warnings = append(r.Warnings, doc.warnings...)
	r.Warnings = append(r.Warnings, m.warnings...)
	r.Title, r.Jurisdiction, r.Agency, r.Year, r.Published = id.title, id.jurisdiction, id.agency, Year(id.year), id.published
	if doc.published != "" {
		r.Published = doc.published // the CMS's own date outranks any date in the text
	}
	r.Warnings = append(r.Warnings, id.warnings...)
	r.Prose = proseOf(all)
	r.Checks = runChecks(r.Values, r.Template)
	return r
}

// The forms a Report names (Report.Form).
const (
	formHTML = string(docform.HTML)
	formText = string(docform.Text)
	formDOCX = string(docform.DOCX)
)
