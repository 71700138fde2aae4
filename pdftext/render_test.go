package pdftext

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclosure/parse"
)

// A rendered page is a PNG of the asked size with the page's proportions,
// and every value's box, scaled from points to pixels, falls on ink: the
// image and the boxes share one upright frame (the rotated and landscape
// fixtures included).
func TestRenderPageMatchesBoxes(t *testing.T) {
	ex, err := Shared()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"seed_yining_2023.pdf", "made/synthetic_yining_2023.rotated.pdf", "made/synthetic_yining_2023.landscape.pdf"} {
		t.Run(filepath.Base(name), func(t *testing.T) {
			path := filepath.Join(attachments, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pages, err := ex.Extract(context.Background(), data, name)
			if err != nil {
				t.Fatal(err)
			}
			r, err := parse.ParseLayout(pages, parse.Options{Name: name})
			if err != nil {
				t.Fatal(err)
			}
			byPage := map[int][]parse.Value{}
			for _, v := range r.Values {
				if !v.Box.IsZero() {
					byPage[v.Page] = append(byPage[v.Page], v)
				}
			}
			for pn, vs := range byPage {
				const side = 800
				img, err := ex.RenderPage(context.Background(), data, name, pn, side)
				if err != nil {
					t.Fatal(err)
				}
				if img.Pages != len(pages) {
					t.Errorf("page count %d, extracted %d", img.Pages, len(pages))
				}
				pic, err := png.Decode(bytes.NewReader(img.PNG))
				if err != nil {
					t.Fatalf("page %d: not a PNG: %v", pn, err)
				}
				b := pic.Bounds()
				if b.Dx() != img.Width || b.Dy() != img.Height || max(b.Dx(), b.Dy()) != side {
					t.Errorf("page %d: image %v, reported %dx%d, longest side should be %d", pn, b, img.Width, img.Height, side)
				}
				p := pages[pn-1]
				if got, want := float64(b.Dx())/float64(b.Dy()), p.Width/p.Height; math.Abs(got-want) > 0.01*want {
					t.Errorf("page %d: image proportions %.3f, page %.3f", pn, got, want)
				}
				scale := float64(b.Dx()) / p.Width
				for _, v := range vs {
					if !inked(pic, v.Box, scale) {
						t.Errorf("page %d: %s %q: no ink in its box %+v", pn, v.Key(), v.Raw, v.Box)
					}
				}
			}
		})
	}
}

// inked reports whether the box (points, scaled to pixels) holds a dark pixel.
func inked(img image.Image, b parse.Box, scale float64) bool {
	for y := int(b.Y0 * scale); y <= int(math.Ceil(b.Y1*scale)); y++ {
		for x := int(b.X0 * scale); x <= int(math.Ceil(b.X1*scale)); x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x6000 {
				return true
			}
		}
	}
	return false
}

// A page number outside the document is ErrNoSuchPage, with the count; a
// file that is not a PDF is an error naming it.
func TestRenderPageRefusesBadInput(t *testing.T) {
	ex, err := Shared()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(attachments, "seed_yining_2023.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []int{0, -1, 999} {
		_, err := ex.RenderPage(context.Background(), data, "seed.pdf", page, 0)
		if !errors.Is(err, ErrNoSuchPage) || !strings.Contains(err.Error(), "seed.pdf") {
			t.Errorf("page %d: err = %v", page, err)
		}
	}
	if _, err := ex.RenderPage(context.Background(), []byte("<html>not a pdf</html>"), "x.html", 1, 0); err == nil || !strings.Contains(err.Error(), "x.html") {
		t.Errorf("HTML bytes: err = %v", err)
	}
	img, err := ex.RenderPage(context.Background(), data, "seed.pdf", 1, 1<<20)
	if err != nil || max(img.Width, img.Height) != MaxRenderSide {
		t.Errorf("huge side: %dx%d, %v; want capped at %d", img.Width, img.Height, err, MaxRenderSide)
	}
}
