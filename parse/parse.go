package parse

import (
	"bytes"
	"errors"
	"fmt"
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
	// known; its charset parameter decides an HTML page's encoding where the
	// bytes do not (see decodeHTML).
	ContentType string
}

// ErrUnsupported marks input that is not a report form parse can read.
var ErrUnsupported = errors.New("unsupported document form")

// Parse reads one report. The form (HTML or text) is decided from the content,
// never from the name. An error names opt.Name and says what is wrong; a
// document that is readable but holds no statistics is not an error: its
// Report says so in Warnings.
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
	var doc document
	switch form := detectForm(data); form {
	case formHTML:
		d, err := readHTML(data, opt.ContentType)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc = d
	case formZIP:
		d, err := readDOCX(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc = d
	case formOLE:
		d, err := readDOC(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc = d
	case formText:
		text, err := decodeText(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc = readText(text)
	default:
		return nil, fmt.Errorf("%s: %w: %s", name, ErrUnsupported, form)
	}
	return build(doc), nil
}

// build runs the matcher and the identity finder over a read document.
func build(doc document) *Report {
	r := &Report{Form: doc.form, Values: []Value{}, Checks: []Check{}, Warnings: []string{}}
	m := match(doc.cells)
	r.Template = m.template
	r.Values = m.values
	r.Warnings = append(r.Warnings, m.warnings...)
	head, all := prepText(doc.lines) // prepared once for identity and prose
	id := identify(head)
	r.Title, r.Jurisdiction, r.Agency, r.Year, r.Published = id.title, id.jurisdiction, id.agency, Year(id.year), id.published
	r.Warnings = append(r.Warnings, id.warnings...)
	r.Prose = proseOf(all)
	r.Checks = runChecks(r.Values, r.Template)
	return r
}

// Forms parse tells apart by content.
const (
	formHTML = "html"
	formText = "text"
	formPDF  = "pdf"
	formZIP  = "zip (docx/xlsx)"
	formDOCX = "docx"
	formOLE  = "ole (doc/xls/wps)"
	formBin  = "binary"
)

// detectForm looks at magic bytes and, for text, at whether markup dominates.
func detectForm(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return formPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return formZIP
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return formOLE
	}
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return formBin
	}
	if looksLikeHTML(head) {
		return formHTML
	}
	return formText
}

// looksLikeHTML reports whether the start of a document holds HTML markup:
// a doctype, an <html> tag, or block tags a report body is made of.
func looksLikeHTML(head []byte) bool {
	for i := bytes.IndexByte(head, '<'); i >= 0; {
		rest := head[i+1:]
		for _, tag := range htmlMarkers {
			if len(rest) >= len(tag) && bytes.EqualFold(rest[:len(tag)], tag) {
				return true
			}
		}
		j := bytes.IndexByte(rest, '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// htmlMarkers are tag openings (after "<") that only markup has.
var htmlMarkers = [][]byte{[]byte("!doctype html"), []byte("html"), []byte("head"), []byte("body"), []byte("meta"), []byte("div"), []byte("table"), []byte("p>"), []byte("p "), []byte("span"), []byte("td")}
