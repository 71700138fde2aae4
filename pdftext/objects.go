package pdftext

import (
	"disclosure/parse"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
)

// Bounds on what one page may cost: a page of vector art (a seal, a map)
// can hold tens of thousands of segments, none of them a table's rule.
const (
	maxSegmentsPerPage = 20000
	maxFormDepth       = 8
)

// upright maps PDF user space (origin bottom-left, unrotated) to the page
// as shown: origin top-left, y down, /Rotate applied.
type upright struct {
	left, bottom, right, top float64
	rotation                 enums.FPDF_PAGE_ROTATION
	width, height            float64
}

func uprightOf(inst pdfium.Pdfium, page requests.Page) (upright, error) {
	bb, err := inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: page})
	if err != nil {
		return upright{}, err
	}
	rot, err := inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page})
	if err != nil {
		return upright{}, err
	}
	u := upright{
		left: float64(bb.Rect.Left), bottom: float64(bb.Rect.Bottom),
		right: float64(bb.Rect.Right), top: float64(bb.Rect.Top),
		rotation: rot.PageRotation,
	}
	if u.bottom > u.top {
		u.bottom, u.top = u.top, u.bottom
	}
	u.width, u.height = u.right-u.left, u.top-u.bottom
	if u.rotation == enums.FPDF_PAGE_ROTATION_90_CW || u.rotation == enums.FPDF_PAGE_ROTATION_270_CW {
		u.width, u.height = u.height, u.width
	}
	return u, nil
}

// point maps one user-space point to the upright page.
func (u upright) point(x, y float64) (float64, float64) {
	switch u.rotation {
	case enums.FPDF_PAGE_ROTATION_90_CW:
		return y - u.bottom, x - u.left
	case enums.FPDF_PAGE_ROTATION_180_CW:
		return u.right - x, y - u.bottom
	case enums.FPDF_PAGE_ROTATION_270_CW:
		return u.top - y, u.right - x
	}
	return x - u.left, u.top - y
}

// objects walks the page's objects (into form XObjects) for the straight
// segments of path objects, and counts images.
func objects(inst pdfium.Pdfium, page requests.Page, up upright) ([]parse.Rule, int, error) {
	w := walker{inst: inst, up: up}
	n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return nil, 0, err
	}
	for i := 0; i < n.Count; i++ {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err != nil {
			return nil, 0, err
		}
		if err := w.object(o.PageObject, identity, 0); err != nil {
			return nil, 0, err
		}
	}
	return w.rules, w.images, nil
}

type walker struct {
	inst     pdfium.Pdfium
	up       upright
	rules    []parse.Rule
	images   int
	segments int
}

var identity = structs.FPDF_FS_MATRIX{A: 1, D: 1}

func (w *walker) object(obj references.FPDF_PAGEOBJECT, parent structs.FPDF_FS_MATRIX, depth int) error {
	t, err := w.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return err
	}
	switch t.Type {
	case enums.FPDF_PAGEOBJ_IMAGE:
		w.images++
	case enums.FPDF_PAGEOBJ_PATH:
		m, err := w.inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
		if err != nil {
			return err
		}
		return w.path(obj, concat(m.Matrix, parent))
	case enums.FPDF_PAGEOBJ_FORM:
		if depth >= maxFormDepth {
			return nil
		}
		m, err := w.inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
		if err != nil {
			return err
		}
		mm := concat(m.Matrix, parent)
		n, err := w.inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
		if err != nil {
			return err
		}
		for i := 0; i < n.Count; i++ {
			c, err := w.inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
			if err != nil {
				return err
			}
			if err := w.object(c.PageObject, mm, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// path adds a path's straight segments (curves only move the pen).
func (w *walker) path(obj references.FPDF_PAGEOBJECT, m structs.FPDF_FS_MATRIX) error {
	n, err := w.inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil {
		return err
	}
	var cx, cy, sx, sy float64 // current point, subpath start
	for i := 0; i < n.Count; i++ {
		if w.segments >= maxSegmentsPerPage {
			return nil
		}
		w.segments++
		s, err := w.inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: i})
		if err != nil {
			return err
		}
		p, err := w.inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: s.PathSegment})
		if err != nil {
			return err
		}
		st, err := w.inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: s.PathSegment})
		if err != nil {
			return err
		}
		x, y := apply(m, float64(p.X), float64(p.Y))
		switch st.Type {
		case enums.FPDF_SEGMENT_MOVETO:
			sx, sy = x, y
		case enums.FPDF_SEGMENT_LINETO:
			w.add(cx, cy, x, y)
		}
		cx, cy = x, y
		cl, err := w.inst.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: s.PathSegment})
		if err != nil {
			return err
		}
		if cl.IsClose {
			w.add(cx, cy, sx, sy)
			cx, cy = sx, sy
		}
	}
	return nil
}

func (w *walker) add(x0, y0, x1, y1 float64) {
	if x0 == x1 && y0 == y1 {
		return
	}
	ax, ay := w.up.point(x0, y0)
	bx, by := w.up.point(x1, y1)
	w.rules = append(w.rules, parse.Rule{X0: min(ax, bx), Y0: min(ay, by), X1: max(ax, bx), Y1: max(ay, by)})
}

// concat returns m then p (PDF's row-vector convention: m × p).
func concat(m, p structs.FPDF_FS_MATRIX) structs.FPDF_FS_MATRIX {
	return structs.FPDF_FS_MATRIX{
		A: m.A*p.A + m.B*p.C, B: m.A*p.B + m.B*p.D,
		C: m.C*p.A + m.D*p.C, D: m.C*p.B + m.D*p.D,
		E: m.E*p.A + m.F*p.C + p.E, F: m.E*p.B + m.F*p.D + p.F,
	}
}

func apply(m structs.FPDF_FS_MATRIX, x, y float64) (float64, float64) {
	return float64(m.A)*x + float64(m.C)*y + float64(m.E), float64(m.B)*x + float64(m.D)*y + float64(m.F)
}
