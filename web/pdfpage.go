package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"disclosure/docform"
	"disclosure/pdftext"
)

// The PDF page view: a value read from a PDF is shown on an image of its
// page (/page, drawn by pdftext from the stored document) with the box of
// its printed text (table value_positions) marked over it. The mark is an
// SVG laid over the <img> in the page's own units (PDF points), so it
// needs no inline style (the CSP forbids it) and no script.

// renderTimeout bounds a /page request: the first one may start the PDF
// reader (compiling PDFium, when its cache is cold, takes ~15 s).
const renderTimeout = 90 * time.Second

// valuePos is where one value was printed, in PDF points.
type valuePos struct {
	Page                  int
	X0, Y0, X1, Y1        float64
	PageWidth, PageHeight float64
}

// positions reads the report's value positions (named query
// report_positions); a report not read from a PDF has none. A snapshot
// older than the table gives none too, logged, rather than failing the page.
func (s *Server) positions(ctx context.Context, id string) map[string]valuePos {
	res, err := s.run(ctx, "report_positions", map[string]string{"id": id})
	if err != nil {
		s.opt.Log.Warn("value positions unavailable", slog.String("report", id), slog.Any("err", err))
		return nil
	}
	out := make(map[string]valuePos, len(res.Rows))
	for _, r := range res.Rows {
		p := valuePos{}
		page, _ := toFloat(r["page"])
		p.Page = int(page)
		p.X0, _ = toFloat(r["x0"])
		p.Y0, _ = toFloat(r["y0"])
		p.X1, _ = toFloat(r["x1"])
		p.Y1, _ = toFloat(r["y1"])
		p.PageWidth, _ = toFloat(r["page_width"])
		p.PageHeight, _ = toFloat(r["page_height"])
		out[str(r["section"])+"/"+str(r["row"])+"/"+str(r["col"])] = p
	}
	return out
}

// pagesOf is the page of each value, for the printed tables.
func pagesOf(pos map[string]valuePos) map[string]int {
	out := make(map[string]int, len(pos))
	for k, p := range pos {
		out[k] = p.Page
	}
	return out
}

// pdfView is the source pane of a PDF report: one page, maybe a value's box.
type pdfView struct {
	ID    string
	Page  int
	Pages []int // the pages holding values, for moving between them
	Img   string
	// Mark is the value's box, padded a little, in the page's points
	// (W × H); nil when no value of this page is chosen.
	Mark *markBox
	W, H float64
}

type markBox struct{ X, Y, Width, Height float64 }

// newPDFView shows page (or, when 0, the chosen cell's page, else the
// first page holding values) with the cell's box when it is on that page.
func newPDFView(id, cell string, page int, pos map[string]valuePos) *pdfView {
	v := &pdfView{ID: id, Page: page}
	for _, p := range pos {
		if !slices.Contains(v.Pages, p.Page) {
			v.Pages = append(v.Pages, p.Page)
		}
	}
	slices.Sort(v.Pages)
	at, ok := pos[cell]
	if v.Page == 0 {
		switch {
		case ok:
			v.Page = at.Page
		case len(v.Pages) > 0:
			v.Page = v.Pages[0]
		default:
			v.Page = 1
		}
	}
	for _, p := range pos {
		if p.Page == v.Page && p.PageWidth > 0 {
			v.W, v.H = p.PageWidth, p.PageHeight
			break
		}
	}
	if ok && at.Page == v.Page && v.W > 0 {
		const pad = 2 // points around the text, so the mark does not hide it
		v.Mark = &markBox{X: at.X0 - pad, Y: at.Y0 - pad, Width: at.X1 - at.X0 + 2*pad, Height: at.Y1 - at.Y0 + 2*pad}
	}
	v.Img = "/page?id=" + id + "&p=" + strconv.Itoa(v.Page)
	return v
}

// pageImage is /page?id=N&p=K: page K of report N's stored PDF as a PNG.
// The image of a stored document never changes (a report_id is one
// document, by its sha256), so it may be cached and revalidated by ETag.
func (s *Server) pageImage(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	page, bad := pageNumber("p", q.Get("p"))
	params, rep, data, err := s.document(r.Context(), q, bad, "p")
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	if f := docform.Sniff(data, ""); f != docform.PDF {
		s.fail(w, r, badParam{fmt.Sprintf("report %s is a %s document, not a PDF: it has no pages to show", params["id"], f)}, false)
		return
	}
	etag := fmt.Sprintf(`"%.16s-p%d-%d"`, str(rep["sha256"]), page, pdftext.DefaultRenderSide)
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, max-age=86400")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	ex, err := pdftext.Shared()
	if err != nil {
		s.fail(w, r, fmt.Errorf("starting the PDF reader: %w", err), false)
		return
	}
	img, err := ex.RenderPage(r.Context(), data, "report "+params["id"], page, pdftext.DefaultRenderSide)
	if errors.Is(err, pdftext.ErrNoSuchPage) {
		err = notFound{err.Error()}
	}
	if err != nil {
		w.Header().Del("ETag")
		w.Header().Set("Cache-Control", "no-store")
		s.fail(w, r, err, false)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(len(img.PNG)))
	w.Write(img.PNG)
}

// pageInDocument says (as a notFound) when page is past the end of
// report id's stored PDF, so /source does not show a page it cannot draw.
func pageInDocument(ctx context.Context, data []byte, id string, page int) error {
	ex, err := pdftext.Shared()
	if err != nil {
		return fmt.Errorf("starting the PDF reader: %w", err)
	}
	n, err := ex.PageCount(ctx, data, "report "+id)
	if err != nil {
		return err
	}
	if page > n {
		return notFound{fmt.Sprintf("report %s's document has %d page(s), no page %d", id, n, page)}
	}
	return nil
}

// warmPDFReader starts the PDF reader in the background when a page is
// about to ask for a PDF page image, so its start-up overlaps the page load.
func warmPDFReader() { go pdftext.Shared() }

// pageNumber reads parameter name=v as a page of a PDF the reader reads
// (1 to pdftext.DefaultMaxPages).
func pageNumber(name, v string) (int, error) {
	page, err := strconv.Atoi(v)
	if err != nil || page < 1 || page > pdftext.DefaultMaxPages {
		return 0, badParam{fmt.Sprintf("parameter %s=%q: want a page number from 1 to %d", name, truncate(v, 20), pdftext.DefaultMaxPages)}
	}
	return page, nil
}
