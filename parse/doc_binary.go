package parse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
)

// Word 97–2003 (.doc) and WPS Office (.wps, which writes the same binary)
// are OLE2 compound files; mscfb opens the container. The Word binary
// inside is read by hand ([MS-DOC]): no maintained Go library reads Word 97
// text with its table structure, and the part needed is small — the FIB
// (where things are), the piece table (which bytes hold which characters)
// and the paragraph properties (which paragraph is in a table, which one
// ends a row, which cells are merged into the one above). doc_table.go
// turns the characters into cells.

// maxStream bounds one stream read from a compound file (the document is
// already bounded by Options.MaxBytes; this guards declared sizes).
const maxStream = 64 << 20

// wordText is the main document's characters, with for each the file
// offset (FC) it was stored at, and the paragraph properties by FC.
type wordText struct {
	chars []rune
	fcs   []uint32
	paras []papRun
}

// papRun is the properties of the paragraphs stored in [start, end).
type papRun struct {
	start, end uint32
	inTable    bool
	rowEnd     bool   // the paragraph is a table row's end mark (TTP)
	nested     bool   // in a table inside a table cell: its marks end paragraphs of the outer cell
	skip       []bool // per cell of the row (rowEnd only): merged into its neighbour, not printed
	// The row's grid (rowEnd only, from sprmTDefTable; doc_table.go
	// noteDocSpans): edges, its cells' left edges and the last one's right
	// edge, in twips; horz, the cells merged into the one before
	// (horzMerge 1); vert, the cells merged into the one above (vertMerge
	// 1, or sprmTVertMerge).
	edges      []int
	horz, vert []bool
}

// readWordBinary opens the compound file and reads the Word binary in it.
func readWordBinary(data []byte) (wordText, error) {
	streams, err := oleStreams(data, "WordDocument", "0Table", "1Table", "Data")
	if err != nil {
		return wordText{}, err
	}
	wd := streams["WordDocument"]
	if wd == nil {
		return wordText{}, fmt.Errorf("%w: an OLE2 compound file without a WordDocument stream (an Excel or PowerPoint file, or a WPS file from before WPS 2005)", ErrUnsupported)
	}
	if len(wd) < 0x1AA {
		return wordText{}, errors.New("WordDocument stream too short for a Word 97 FIB")
	}
	le := binary.LittleEndian
	if ident := le.Uint16(wd); ident != 0xA5EC {
		return wordText{}, fmt.Errorf("%w: WordDocument stream is not Word 97 or later (wIdent %#x: Word 6/95?)", ErrUnsupported, ident)
	}
	flags := le.Uint16(wd[0x0A:])
	if flags&0x0100 != 0 || flags&0x8000 != 0 { // fEncrypted, fObfuscated
		return wordText{}, &UnreadableError{Reason: ReasonEncrypted, Detail: "the Word document is password-protected"}
	}
	table := streams["0Table"]
	if flags&0x0200 != 0 { // fWhichTblStm
		table = streams["1Table"]
	}
	if table == nil {
		return wordText{}, errors.New("Word document without its table stream")
	}
	ccpText := le.Uint32(wd[0x4C:])
	fcClx, lcbClx := le.Uint32(wd[0x1A2:]), le.Uint32(wd[0x1A6:])
	fcPapx, lcbPapx := le.Uint32(wd[0x102:]), le.Uint32(wd[0x106:])
	fcChpx, lcbChpx := le.Uint32(wd[0xFA:]), le.Uint32(wd[0xFE:])
	clx, err := slice(table, fcClx, lcbClx, "piece table")
	if err != nil {
		return wordText{}, err
	}
	var t wordText
	if err := t.readPieces(wd, clx, ccpText); err != nil {
		return wordText{}, err
	}
	if plc, err := slice(table, fcPapx, lcbPapx, "paragraph properties"); err == nil {
		t.paras = readPapx(wd, streams["Data"], plc)
	}
	if plc, err := slice(table, fcChpx, lcbChpx, "character properties"); err == nil {
		t.dropUnprinted(unprintedRuns(wd, plc))
	}
	return t, nil
}

// fcRange is the characters stored in [start, end); marked: a run struck
// through, superscript or subscript, shown but left out of a number
// (markedRune).
type fcRange struct {
	start, end uint32
	marked     bool
}

// markedRune stands in the text for each character of a marked run, so
// that a cell holding nothing else is no blank (markedOnlyCell).
const markedRune = '\uF8FF'

// unprintedRuns reads, from the character properties (the PlcBteChpx's
// 512-byte FKP pages), the runs Word does not print: text deleted with
// revisions on and not yet accepted (sprmCFRMarkDel), and hidden text
// (sprmCFVanish). Read as text, a deleted "7" before "19" made 719.
func unprintedRuns(wd, plc []byte) []fcRange {
	var out []fcRange
	fkpRuns(wd, plc, 1, func(start, end uint32, props []byte) {
		// A Chpx: its size, then its sprms.
		if len(props) > 0 && 1+int(props[0]) <= len(props) {
			switch unprintedChpx(props[1 : 1+int(props[0])]) {
			case runUnprinted:
				out = append(out, fcRange{start, end, false})
			case runMarked:
				out = append(out, fcRange{start, end, true})
			}
		}
	})
	return out
}

// What a run's character properties make of its text.
const (
	runPrinted   = iota
	runUnprinted // deleted or hidden: not read
	runMarked    // struck through, superscript or subscript (a footnote mark): not read into a number
)

// unprintedChpx tells whether a Chpx's sprms mark its run deleted or
// hidden (sprmCFRMarkDel, sprmCFVanish), or struck through, raised or
// lowered (sprmCFStrike, sprmCFDStrike, sprmCIss 1 or 2): a toggle operand of 1, or 0x81
// (the opposite of the style's, which is off in the styles Word and WPS
// write for report text).
func unprintedChpx(grpprl []byte) int {
	kind := runPrinted
	eachSprm(grpprl, func(sprm uint16, arg []byte) bool {
		on := len(arg) == 1 && (arg[0] == 1 || arg[0] == 0x81)
		switch {
		case (sprm == 0x0800 || sprm == 0x083C) && on:
			kind = runUnprinted
			return false
		case (sprm == 0x0837 || sprm == 0x2A53) && on, sprm == 0x2A48 && len(arg) == 1 && (arg[0] == 1 || arg[0] == 2):
			kind = runMarked
		}
		return true
	})
	return kind
}

// eachSprm calls fn with each sprm of a grpprl and its operand, in order,
// until fn returns false; it reports false if it stopped at a malformed
// operand.
func eachSprm(grpprl []byte, fn func(sprm uint16, arg []byte) bool) bool {
	for len(grpprl) >= 2 {
		sprm := binary.LittleEndian.Uint16(grpprl)
		op := grpprl[2:]
		n := operandSize(sprm, op)
		if n < 0 || n > len(op) {
			return false
		}
		if !fn(sprm, op[:n]) {
			return true
		}
		grpprl = op[n:]
	}
	return true
}

// dropUnprinted removes the characters stored in unprinted runs, but the
// paragraph, cell and page marks: the table's structure stays as printed;
// a marked run's characters become markedRune.
func (t *wordText) dropUnprinted(runs []fcRange) {
	if len(runs) == 0 {
		return
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	in := func(fc uint32) (fcRange, bool) {
		i := sort.Search(len(runs), func(i int) bool { return runs[i].end > fc })
		if i < len(runs) && runs[i].start <= fc {
			return runs[i], true
		}
		return fcRange{}, false
	}
	chars, fcs := t.chars[:0], t.fcs[:0]
	for i, r := range t.chars {
		if r >= 0x20 {
			if run, ok := in(t.fcs[i]); ok {
				if !run.marked {
					continue
				}
				r = markedRune
			}
		}
		chars, fcs = append(chars, r), append(fcs, t.fcs[i])
	}
	t.chars, t.fcs = chars, fcs
}

// oleStreams reads the named streams of a compound file.
func oleStreams(data []byte, names ...string) (streams map[string][]byte, err error) {
	defer func() {
		if r := recover(); r != nil { // a malformed FAT must be an error, not a crash
			err = fmt.Errorf("malformed compound file: %v", r)
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable compound file: %w", err)
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	streams = map[string][]byte{}
	for entry, err := r.Next(); err == nil; entry, err = r.Next() {
		if !want[entry.Name] || streams[entry.Name] != nil || len(entry.Path) > 0 {
			continue
		}
		if entry.Size > maxStream || entry.Size > int64(len(data))*2 {
			return nil, fmt.Errorf("stream %s declares %d bytes in a %d-byte file", entry.Name, entry.Size, len(data))
		}
		buf, err := io.ReadAll(io.LimitReader(entry, entry.Size))
		if err != nil {
			return nil, fmt.Errorf("stream %s: %w", entry.Name, err)
		}
		streams[entry.Name] = buf
	}
	return streams, nil
}

func slice(b []byte, off, n uint32, what string) ([]byte, error) {
	if uint64(off)+uint64(n) > uint64(len(b)) || n == 0 {
		return nil, fmt.Errorf("%s at %d+%d lies outside its stream (%d bytes)", what, off, n, len(b))
	}
	return b[off : off+n], nil
}

// readPieces reads the first ccpText characters through the piece table
// (Clx: property runs, then the PlcPcd). A fast-saved file has many pieces,
// in any order in the stream; a piece is 8-bit (cp1252) or UTF-16LE.
func (t *wordText) readPieces(wd, clx []byte, ccpText uint32) error {
	le := binary.LittleEndian
	for len(clx) > 0 && clx[0] == 0x01 { // Prc: skip its grpprl
		if len(clx) < 3 {
			return errors.New("truncated piece table")
		}
		n := int(le.Uint16(clx[1:]))
		if 3+n > len(clx) {
			return errors.New("truncated piece table")
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return errors.New("no piece table (Pcdt) in the Clx")
	}
	lcb := le.Uint32(clx[1:])
	plc := clx[5:]
	if uint64(lcb) > uint64(len(plc)) || lcb < 16 || (lcb-4)%12 != 0 {
		return fmt.Errorf("piece table of %d bytes is malformed", lcb)
	}
	n := int((lcb - 4) / 12)
	if ccpText > uint32(len(wd)) {
		return fmt.Errorf("document declares %d characters in a %d-byte stream", ccpText, len(wd))
	}
	for i := 0; i < n && uint32(len(t.chars)) < ccpText; i++ {
		cpStart, cpEnd := le.Uint32(plc[4*i:]), le.Uint32(plc[4*(i+1):])
		pcd := plc[4*(n+1)+8*i:]
		fc := le.Uint32(pcd[2:])
		if cpEnd <= cpStart || cpStart >= ccpText {
			continue
		}
		count := min(cpEnd, ccpText) - cpStart
		compressed := fc&0x40000000 != 0
		if compressed {
			start := (fc &^ 0x40000000) / 2
			b, err := slice(wd, start, count, "text piece")
			if err != nil {
				return err
			}
			s, _ := charmap.Windows1252.NewDecoder().Bytes(b)
			for k, r := range []rune(string(s)) {
				t.chars = append(t.chars, r)
				t.fcs = append(t.fcs, start+uint32(k))
			}
			continue
		}
		b, err := slice(wd, fc, 2*count, "text piece")
		if err != nil {
			return err
		}
		u := make([]uint16, count)
		for k := range u {
			u[k] = le.Uint16(b[2*k:])
		}
		// Surrogate pairs are two characters and two FCs; decode per unit
		// so chars and fcs stay aligned (a pair's halves decode to U+FFFD
		// each, which only an emoji would meet).
		for k, c := range u {
			r := rune(c)
			if utf16.IsSurrogate(r) {
				r = 0xFFFD
			}
			t.chars = append(t.chars, r)
			t.fcs = append(t.fcs, fc+2*uint32(k))
		}
	}
	return nil
}

// readPapx reads the paragraph properties that tell the table structure:
// the PlcBtePapx names 512-byte FKP pages of the WordDocument stream, each
// listing paragraphs (by FC range) and their sprms.
func readPapx(wd, dataStream, plc []byte) []papRun {
	var runs []papRun
	fkpRuns(wd, plc, 13, func(start, end uint32, props []byte) {
		run := papRun{start: start, end: end}
		if props != nil {
			run.read(props, dataStream)
		}
		runs = append(runs, run)
	})
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	return runs
}

// fkpRuns walks the 512-byte FKP pages of the WordDocument stream that a
// PlcBte (plc) names, calling fn with each run's FC range and its
// properties: the rest of the page from where they start, nil for none.
// entry is the size of a run's entry after the page's FCs: 13 in a PAPX
// FKP (the offset and a PHE), 1 in a CHPX FKP (the offset).
func fkpRuns(wd, plc []byte, entry int, fn func(start, end uint32, props []byte)) {
	le := binary.LittleEndian
	if len(plc) < 8 || (len(plc)-4)%8 != 0 {
		return
	}
	n := (len(plc) - 4) / 8
	for i := 0; i < n; i++ {
		pn := le.Uint32(plc[4*(n+1)+4*i:]) & 0x3FFFFF
		off := int(pn) * 512
		if off+512 > len(wd) {
			continue
		}
		fkp := wd[off : off+512]
		crun := int(fkp[511])
		if crun == 0 || 4*(crun+1)+entry*crun > 511 {
			continue
		}
		for k := 0; k < crun; k++ {
			var props []byte
			if bOff := int(fkp[4*(crun+1)+entry*k]) * 2; bOff != 0 && bOff < 511 {
				props = fkp[bOff:511]
			}
			fn(le.Uint32(fkp[4*k:]), le.Uint32(fkp[4*(k+1):]), props)
		}
	}
}

// read reads one PapxInFkp: its size, the style (istd) and the sprms.
func (run *papRun) read(b, dataStream []byte) {
	size := 2*int(b[0]) - 1
	b = b[1:]
	if size < 0 { // cb 0: the size is in the next byte
		if len(b) < 1 {
			return
		}
		size = 2 * int(b[0])
		b = b[1:]
	}
	if size > len(b) || size < 2 {
		return
	}
	run.sprms(b[2:size], dataStream, 0) // after the istd
}

// sprms applies a grpprl to the run. A row with many cells keeps its
// sprms in the Data stream (sprmPHugePapx), one level deep.
func (run *papRun) sprms(grpprl, dataStream []byte, depth int) {
	le := binary.LittleEndian
	var vmerge []byte // from sprmTVertMerge, cell by cell
	wellFormed := eachSprm(grpprl, func(sprm uint16, arg []byte) bool {
		n := len(arg)
		switch sprm {
		case 0x2416: // sprmPFInTable
			run.inTable = n > 0 && arg[0] != 0
		case 0x2417: // sprmPFTtp
			run.rowEnd = n > 0 && arg[0] != 0
		case 0x6649: // sprmPItap: nesting depth; 1 is an ordinary table
			run.inTable = n == 4 && le.Uint32(arg) > 0
			run.nested = n == 4 && le.Uint32(arg) > 1
		case 0x244B, 0x244C: // sprmPFInnerTableCell, sprmPFInnerTtp: a table inside a cell
			run.nested = run.nested || (n > 0 && arg[0] != 0)
		case 0xD608: // sprmTDefTable: TC80 per cell carries the merge flags
			run.skip, run.edges, run.horz, run.vert = defTable(arg)
		case 0x6646, 0x6645: // sprmPHugePapx: the grpprl is at this offset of the Data stream
			if off := int(le.Uint32(arg)); depth == 0 && off >= 0 && off+2 <= len(dataStream) {
				m := int(le.Uint16(dataStream[off:]))
				if off+2+m <= len(dataStream) {
					run.sprms(dataStream[off+2:off+2+m], dataStream, 1)
				}
			}
		case 0xD62B: // sprmTVertMerge: cb=2, itc, flags
			if n >= 3 {
				vmerge = append(vmerge, arg[1], arg[2])
			}
		}
		return true
	})
	if !wellFormed {
		return // as far as it could be read, without its merges
	}
	for i := 0; i+1 < len(vmerge); i += 2 {
		itc := int(vmerge[i])
		for len(run.skip) <= itc {
			run.skip = append(run.skip, false)
		}
		run.skip[itc] = vmerge[i+1] == 1 // fvmMerge: continues the cell above
		for len(run.vert) <= itc {
			run.vert = append(run.vert, false)
		}
		run.vert[itc] = vmerge[i+1] == 1
	}
}

// operandSize is a sprm's operand length, from its spra bits; -1 if the
// operand is malformed.
func operandSize(sprm uint16, op []byte) int {
	switch sprm >> 13 {
	case 0, 1:
		return 1
	case 2, 4, 5:
		return 2
	case 3:
		return 4
	case 7:
		return 3
	}
	// Variable: a length byte, except sprmTDefTable (a 16-bit length,
	// counted with itself minus one) and sprmPChgTabs.
	if len(op) < 1 {
		return -1
	}
	if sprm == 0xD608 {
		if len(op) < 2 {
			return -1
		}
		return 2 + int(binary.LittleEndian.Uint16(op)) - 1
	}
	return 1 + int(op[0])
}

// defTable reads sprmTDefTable: the cells' edges (rgdxaCenter, itcMac+1
// of them) and their TC80s. A cell whose TCGRF says it is merged into the
// cell before it (horzMerge 1: horz) or above it (vertMerge 1: vert)
// prints nothing of its own (skips).
func defTable(arg []byte) (skips []bool, edges []int, horz, vert []bool) {
	if len(arg) < 3 {
		return nil, nil, nil, nil
	}
	b := arg[2:] // after the 16-bit length
	itcMac := int(b[0])
	b = b[1:]
	if len(b) < 2*(itcMac+1) {
		return nil, nil, nil, nil
	}
	edges = make([]int, itcMac+1)
	for i := range edges {
		edges[i] = int(int16(binary.LittleEndian.Uint16(b[2*i:])))
	}
	b = b[2*(itcMac+1):] // rgdxaCenter
	skips, horz, vert = make([]bool, itcMac), make([]bool, itcMac), make([]bool, itcMac)
	for i := 0; i < itcMac && len(b) >= 20; i++ {
		grf := binary.LittleEndian.Uint16(b)
		horz[i], vert[i] = grf&0x3 == 1, (grf>>5)&0x3 == 1
		skips[i] = horz[i] || vert[i]
		b = b[20:]
	}
	return skips, edges, horz, vert
}

// para returns the properties of the paragraph holding the character
// stored at fc.
func (t *wordText) para(fc uint32) (papRun, bool) {
	i := sort.Search(len(t.paras), func(i int) bool { return t.paras[i].end > fc })
	if i < len(t.paras) && t.paras[i].start <= fc {
		return t.paras[i], true
	}
	return papRun{}, false
}
