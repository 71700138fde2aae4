package pdftext

import (
	"context"
	"errors"
	"fmt"
	"image/png"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Rendering one page as an image, for a person to see where a value was
// printed (the web report page draws the value's box over it).

// Bounds of a rendered page: the longest side in pixels. 1400 px shows an
// A4 page at ≈120 DPI, enough to read small print; the cap keeps a hostile
// page size (PDF allows 200 inches) from costing memory.
const (
	DefaultRenderSide = 1400
	MaxRenderSide     = 3000
)

// ErrNoSuchPage is the error (wrapped) for a page number outside the
// document.
var ErrNoSuchPage = errors.New("no such page")

// Rendered is one page as a PNG.
type Rendered struct {
	PNG           []byte
	Width, Height int // pixels
	// Pages is the document's page count.
	Pages int
}

// RenderPage draws page (1-based) of the PDF as a grayscale PNG whose
// longest side is side pixels (DefaultRenderSide when 0, at most
// MaxRenderSide). The page is drawn upright (its /Rotate applied), as
// parse.Page coordinates are, so a box from ParseLayout scaled by
// image/page size lands on its text. name (file or URL) goes into errors.
func (e *Extractor) RenderPage(ctx context.Context, data []byte, name string, page, side int) (Rendered, error) {
	if side <= 0 {
		side = DefaultRenderSide
	}
	side = min(side, MaxRenderSide)
	if page < 1 {
		return Rendered{}, fmt.Errorf("%s: page %d: %w (pages count from 1)", name, page, ErrNoSuchPage)
	}
	var out Rendered
	err := e.withWorker(ctx, len(data), name, "drawing the page", func(inst pdfium.Pdfium) error {
		var err error
		out, err = render(inst, data, page, side)
		return err
	})
	return out, err
}

// PageCount returns how many pages the PDF has. name (file or URL) goes
// into errors.
func (e *Extractor) PageCount(ctx context.Context, data []byte, name string) (int, error) {
	var n int
	err := e.withWorker(ctx, len(data), name, "counting its pages", func(inst pdfium.Pdfium) error {
		return withDocument(inst, data, func(_ references.FPDF_DOCUMENT, count int) error {
			n = count
			return nil
		})
	})
	return n, err
}

func render(inst pdfium.Pdfium, data []byte, page, side int) (out Rendered, err error) {
	err = withDocument(inst, data, func(doc references.FPDF_DOCUMENT, count int) error {
		out.Pages = count
		if page > count {
			return fmt.Errorf("page %d: %w (the document has %d)", page, ErrNoSuchPage, count)
		}
		r, err := inst.RenderToFile(&requests.RenderToFile{
			RenderPageInPixels: &requests.RenderPageInPixels{
				Page:        requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: page - 1}},
				Width:       side,
				Height:      side,
				ImageFormat: requests.RenderImageFormatGrayscale,
			},
			OutputFormat:        requests.RenderToFileOutputFormatPNG,
			OutputTarget:        requests.RenderToFileOutputTargetBytes,
			PNGCompressionLevel: png.BestSpeed,
		})
		if err != nil {
			return fmt.Errorf("page %d: drawing: %w", page, err)
		}
		if r.ImageBytes == nil {
			return fmt.Errorf("page %d: drawing gave no image", page)
		}
		out.PNG, out.Width, out.Height = *r.ImageBytes, r.Width, r.Height
		return nil
	})
	return out, err
}
