package parse

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A password-protected Word file is refused as encrypted; an OLE2 file with
// no Word binary inside (an old WPS or an Excel file) is refused as a form
// parse does not read. Both errors name the file.
func TestWordBinaryRefusals(t *testing.T) {
	read := func(name string) error {
		data, err := os.ReadFile(filepath.Join(attachmentsDir, "made", name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse(data, Options{Name: name})
		return err
	}
	err := read("encrypted.doc")
	if UnreadableReason(err) != ReasonEncrypted || !strings.Contains(err.Error(), "encrypted.doc") {
		t.Errorf("encrypted.doc: %v, want unreadable (encrypted) naming the file", err)
	}
	err = read("not_word.wps")
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "WordDocument") || !strings.Contains(err.Error(), "not_word.wps") {
		t.Errorf("not_word.wps: %v, want unsupported: no WordDocument stream, naming the file", err)
	}
}

// Table cells keep their rows: every requests row of table 三 is one source
// row of 8 printed cells or fewer, so no value leaks into the next row.
func TestDocKeepsTableRows(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(attachmentsDir, "seed_yining_2023.doc"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := readDOC(data)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[int][]string{}
	for _, c := range doc.cells {
		if c.Row > 0 {
			rows[c.Row] = append(rows[c.Row], c.Text)
		}
	}
	found := false
	for _, r := range rows {
		if len(r) > 0 && strings.Contains(strings.Join(r, ""), "予以公开") {
			found = true
			if len(r) != 9 || r[0] != "三、本年度办理结果" {
				t.Errorf("row of 予以公开: %q, want the rowspan label, its label and 7 values", r)
			}
		}
	}
	if !found {
		t.Fatal("no row with 予以公开")
	}
}

// A fast-saved file's text is in several pieces, in any order in the
// stream, some 8-bit (cp1252) and some UTF-16: readPieces follows the
// piece table, not the stream order.
func TestDocPiecesInAnyOrder(t *testing.T) {
	// The stream: "world" (UTF-16) at 0, then "Hello " (8-bit) at 20.
	wd := make([]byte, 40)
	for i, r := range "world" {
		wd[2*i] = byte(r)
	}
	copy(wd[20:], "Hello ")
	le := binary.LittleEndian
	var plc []byte
	for _, cp := range []uint32{0, 6, 11} { // "Hello " is CPs 0–5, "world" 6–10
		plc = le.AppendUint32(plc, cp)
	}
	pcd := func(fc uint32) []byte {
		b := make([]byte, 8)
		le.PutUint32(b[2:], fc)
		return b
	}
	plc = append(plc, pcd(0x40000000|(20*2))...) // compressed: fc is twice the byte offset
	plc = append(plc, pcd(0)...)
	clx := append([]byte{0x01, 2, 0, 0xAA, 0xBB, 0x02}, le.AppendUint32(nil, uint32(len(plc)))...) // a Prc, then the Pcdt
	clx = append(clx, plc...)
	var wt wordText
	if err := wt.readPieces(wd, clx, 11); err != nil {
		t.Fatal(err)
	}
	if got := string(wt.chars); got != "Hello world" {
		t.Fatalf("text %q", got)
	}
	if wt.fcs[0] != 20 || wt.fcs[6] != 0 || wt.fcs[7] != 2 {
		t.Fatalf("file offsets %v", wt.fcs)
	}
}

// Text Word does not print is not read into a cell: an unaccepted tracked
// deletion (a "7" before "19" was read as 719) and hidden text (419). A
// cell whose text is in a text box is neither blank nor a number: its
// table is left out, never read with a NULL there.
func TestDOCUnprintedText(t *testing.T) {
	for name, want := range map[string]string{
		"revisions_deleted.doc": "19",
		"revisions_hidden.doc":  "19",
		"textbox_in_cell.doc":   "",
	} {
		t.Run(name, func(t *testing.T) {
			rep := parseMade(t, name)
			if want == "" {
				wantAbsent(t, rep, "review/reconsideration/corrected")
				return
			}
			wantValues(t, rep, "review/reconsideration/upheld = 12", "review/reconsideration/corrected = "+want)
		})
	}
}

// Text struck through, superscript or subscript beside a number (a figure struck
// before its replacement, a footnote mark after it) is not read into the
// number, in DOCX and in Word 97; a tracked deletion written as w:t is
// not read either. A cell whose only text is marked so is neither blank
// nor a number: its table is left out.
func TestWordMarkedText(t *testing.T) {
	for _, name := range []string{"marked_dstrike.docx", "marked_dstrike.doc", "marked_sup.docx", "marked_sup.doc", "marked_sub.docx", "marked_sub.doc", "marked_delt.docx", "marked_suponly.docx", "marked_suponly.doc",
		// Text Word does not print: a 9 in a character style that hides it,
		// and a nested field's result inside the outer field's instruction.
		"unprinted_stylevanish.docx", "unprinted_nestedfield.docx"} {
		t.Run(name, func(t *testing.T) {
			rep := parseMade(t, name)
			if strings.HasPrefix(name, "marked_suponly") {
				wantAbsent(t, rep, "review/reconsideration/upheld")
				wantValues(t, rep, "requests/new/natural_person = 47")
				return
			}
			wantValues(t, rep, "review/reconsideration/upheld = 2", "review/reconsideration/corrected = 1")
		})
	}
}

// parseMade parses a fixture of testdata/attachments/made.
func parseMade(t *testing.T, name string) *Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../testdata/attachments/made", name))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Parse(data, Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// A field nested in another's instruction ({ = { REF x } + 1 }) prints
// only the outer field's result: the inner result is instruction text.
func TestDOCNestedFieldResult(t *testing.T) {
	text := []rune("规章 \x13 = \x13 REF x \x149\x15 + 1 \x142\x15\r")
	wt := wordText{chars: text, fcs: make([]uint32, len(text))}
	doc := wt.document()
	if len(doc.lines) != 1 || doc.lines[0] != "规章 2" {
		t.Errorf("lines %q, want [\"规章 2\"]", doc.lines)
	}
}
