package parse

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Fuzz targets for the Word binary reader and for ParseLayout. The property
// is FuzzParse*'s: no panic, a bounded time, an error naming the input or a
// report of canonical keys (checkResult).

// docSeeds are the .doc fixtures and hostile variants of one: truncated, a
// FAT whose chain loops, a stream declaring 1 GB, a piece table pointing
// outside its stream.
func docSeeds(t testing.TB) [][]byte {
	doc, err := os.ReadFile(filepath.Join(attachmentsDir, "seed_yining_2023.doc"))
	if err != nil {
		t.Fatal(err)
	}
	seeds := [][]byte{doc, doc[:4096], doc[:len(doc)/2]}
	le := binary.LittleEndian
	// FAT cycle: the directory's first sector points to itself.
	cyc := append([]byte(nil), doc...)
	dirStart := le.Uint32(cyc[0x30:])
	fat0 := le.Uint32(cyc[0x4C:])
	if off := int(fat0+1)*512 + int(dirStart)*4; off+4 <= len(cyc) {
		le.PutUint32(cyc[off:], dirStart)
	}
	seeds = append(seeds, cyc)
	// Every directory entry declares a 1 GB stream.
	huge := append([]byte(nil), doc...)
	for off := int(dirStart+1) * 512; off+128 <= len(huge) && off < int(dirStart+1)*512+512; off += 128 {
		le.PutUint32(huge[off+0x78:], 1<<30)
	}
	seeds = append(seeds, huge)
	// The FIB's piece table offset past the end of the table stream.
	bad := append([]byte(nil), doc...)
	for off := 512; off+0x1AA <= len(bad); off += 512 {
		if le.Uint16(bad[off:]) == 0xA5EC {
			le.PutUint32(bad[off+0x1A2:], math.MaxUint32-8)
			le.PutUint32(bad[off+0x4C:], math.MaxUint32) // ccpText
			break
		}
	}
	seeds = append(seeds, bad)
	for _, name := range []string{"synthetic/synthetic_yining_2023.doc", "made/synthetic_yining_2023.norules.doc", "made/encrypted.doc", "made/not_word.wps"} {
		if b, err := os.ReadFile(filepath.Join(attachmentsDir, name)); err == nil {
			seeds = append(seeds, b)
		}
	}
	return seeds
}

func FuzzParseDOC(f *testing.F) {
	for _, s := range docSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4*fuzzMaxInput {
			return
		}
		opt := Options{Name: "fuzz.doc"}
		rep, err := parseWithin(t, data, opt, parseDeadline)
		checkResult(t, opt.Name, data, rep, err)
	})
}

// FuzzParseLayout feeds ParseLayout pages built from the input: each 10
// bytes place a glyph (a rune and a box) or, with the top bit of the first
// byte set, a rule.
func FuzzParseLayout(f *testing.F) {
	f.Add([]byte("\x00\x41\x00\x10\x10\x18\x18\x80\x00\x00\x00\x00\x40\x40\x00\x40"))
	f.Add(layoutSeed())
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			return
		}
		pages := pagesFromBytes(data)
		done := make(chan struct{})
		go func() {
			defer close(done)
			rep, err := ParseLayout(pages, Options{Name: "fuzz.pdf"})
			checkResult(t, "fuzz.pdf", data, rep, err)
		}()
		select {
		case <-done:
		case <-time.After(parseDeadline):
			t.Fatalf("ParseLayout did not return within %v", parseDeadline)
		}
	})
}

func pagesFromBytes(data []byte) []Page {
	p := Page{Number: 1, Width: 595, Height: 842}
	for i := 0; i+10 <= len(data); i += 10 {
		b := data[i : i+10]
		x0, y0 := float64(b[2])*2.3, float64(b[3])*3.3
		x1, y1 := x0+float64(b[4]%40), y0+float64(b[5]%40)
		if b[0]&0x80 != 0 {
			p.Rules = append(p.Rules, Rule{X0: x0, Y0: y0, X1: x0 + float64(b[6])*2, Y1: y0 + float64(b[7])*3})
			continue
		}
		r := rune(b[0])<<8 | rune(b[1])
		p.Glyphs = append(p.Glyphs, Glyph{R: r, X0: x0, Y0: y0, X1: x1, Y1: y1})
		if b[8] == 0xFF {
			p.Images++
		}
	}
	return []Page{p}
}

// layoutSeed is a small ruled table: a label and two numbers per row.
func layoutSeed() []byte {
	var out []byte
	add := func(r rune, x, y byte) {
		out = append(out, byte(r>>8), byte(r), x, y, 8, 12, 0, 0, 0, 0)
	}
	for row := byte(0); row < 3; row++ {
		y := 20 + row*6
		for i, r := range "规章" {
			add(r, 40+byte(i)*4, y)
		}
		add('1'+rune(row), 90, y)
		add('0', 120, y)
	}
	for _, x := range []byte{30, 80, 110, 140} {
		out = append(out, 0x80, 0, x, 18, 0, 0, 0, 7, 0, 0)
	}
	return out
}
