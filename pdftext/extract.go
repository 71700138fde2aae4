package pdftext

import (
	"context"
	"errors"
	"fmt"
	"unicode"

	"disclosure/parse"

	"github.com/klippa-app/go-pdfium"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// freshWorkerAfter is the document size (bytes) after which the worker
// that read it is discarded rather than reused.
const freshWorkerAfter = 8 << 20

// Extract reads the pages of one PDF, at most Options.MaxPages. name (file
// or URL) goes into errors.
// A password-protected file is a *parse.UnreadableError; a file PDFium
// cannot open is an ordinary error naming it. Whether the pages carry
// usable text is parse's decision (parse.ParseLayout), not this one's.
func (e *Extractor) Extract(ctx context.Context, data []byte, name string) ([]parse.Page, error) {
	var pages []parse.Page
	err := e.withWorker(ctx, len(data), name, "reading the PDF", func(inst pdfium.Pdfium) error {
		var err error
		pages, err = extract(inst, data, e.opt.MaxPages)
		return err
	})
	if err != nil {
		return nil, err
	}
	return pages, nil
}

// withWorker runs fn on a worker of the pool within the document timeout
// (what names the work, for the timeout's error): a call that outlives
// it is interrupted by killing its worker. An error names the document and
// says so when the PDF needs a password.
func (e *Extractor) withWorker(ctx context.Context, size int, name, what string, fn func(pdfium.Pdfium) error) error {
	// Waiting for a worker (others are reading) does not count against
	// the document's time.
	inst, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return fmt.Errorf("%s: waiting for a PDFium worker: %w", name, err)
	}
	ctx, cancel := context.WithTimeout(ctx, e.opt.Timeout)
	defer cancel()
	// A call that outlives the deadline is interrupted by killing its
	// worker (the runtime closes modules on context done); the pool makes
	// a new one.
	killed := make(chan struct{})
	stop := context.AfterFunc(ctx, func() { inst.Kill(); close(killed) })
	err = fn(inst)
	if !stop() {
		<-killed
		return fmt.Errorf("%s: %s took longer than %s", name, what, e.opt.Timeout)
	}
	if size > freshWorkerAfter {
		// A worker's wasm memory grows to the largest document it read and
		// never shrinks: after a big one, let the pool start a fresh worker.
		inst.Kill()
	} else {
		inst.Close()
	}
	if err != nil {
		if errors.Is(err, pdferrors.ErrPassword) || errors.Is(err, pdferrors.ErrSecurity) {
			return fmt.Errorf("%s: %w", name, &parse.UnreadableError{Reason: parse.ReasonEncrypted, Detail: "the PDF needs a password"})
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// extract does the PDFium calls for one document on one instance.
func extract(inst pdfium.Pdfium, data []byte, maxPages int) (pages []parse.Page, err error) {
	err = withDocument(inst, data, func(doc references.FPDF_DOCUMENT, count int) error {
		for i := range min(count, maxPages) {
			p, err := readPage(inst, doc, i)
			if err != nil {
				return fmt.Errorf("page %d: %w", i+1, err)
			}
			pages = append(pages, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pages, nil
}

// withDocument opens data on inst, calls fn with the document and its
// page count, and closes it: the part every use of a document (text,
// drawing) shares, a PDFium panic turned into an error included.
func withDocument(inst pdfium.Pdfium, data []byte, fn func(doc references.FPDF_DOCUMENT, pages int) error) (err error) {
	defer func() {
		// The wrapper turns a wasm trap into a panic in some paths.
		if r := recover(); r != nil {
			err = fmt.Errorf("PDFium failed on this file: %v", r)
		}
	}()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return fmt.Errorf("not a readable PDF: %w", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return fmt.Errorf("page count: %w", err)
	}
	return fn(doc.Document, n.PageCount)
}

func readPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (parse.Page, error) {
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return parse.Page{}, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}
	up, err := uprightOf(inst, page)
	if err != nil {
		return parse.Page{}, err
	}
	out := parse.Page{Number: index + 1, Width: up.width, Height: up.height}
	if out.Glyphs, err = glyphs(inst, page, up); err != nil {
		return parse.Page{}, err
	}
	if out.Rules, out.Images, err = objects(inst, page, up); err != nil {
		return parse.Page{}, err
	}
	return out, nil
}

// glyphs reads the page's characters with their loose boxes (the font's
// ascent to descent, so every glyph of a line has the same height). Spaces
// and the line breaks PDFium generates are left out: cells are rebuilt from
// positions.
func glyphs(inst pdfium.Pdfium, page requests.Page, up upright) ([]parse.Glyph, error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cc, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, err
	}
	out := make([]parse.Glyph, 0, cc.Count)
	for i := 0; i < cc.Count; i++ {
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		r := rune(u.Unicode)
		if r == ' ' || r == '\r' || r == '\n' || r == '\u00a0' || r == '\u3000' {
			continue
		}
		// A character PDFium could not map to Unicode comes back as its
		// raw code (a CID without ToUnicode): text-looking garbage. Mark it
		// undecodable so parse counts it against the text layer.
		bad, err := inst.FPDFText_HasUnicodeMapError(&requests.FPDFText_HasUnicodeMapError{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		if r == 0 || r > unicode.MaxRune || bad.HasUnicodeMapError {
			r = unicode.ReplacementChar
		}
		b, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		x0, y0 := up.point(float64(b.Rect.Left), float64(b.Rect.Top))
		x1, y1 := up.point(float64(b.Rect.Right), float64(b.Rect.Bottom))
		out = append(out, parse.Glyph{R: r, X0: min(x0, x1), Y0: min(y0, y1), X1: max(x0, x1), Y1: max(y0, y1)})
	}
	return out, nil
}
