package parse

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
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

// A number printed across columns (DOCX w:gridSpan; in Word 97 a cell as
// wide as several of another row's) or merged down over the row below
// (w:vMerge; Word 97's vertMerge), in a table that an extra column (an
// empty one, a 备注) makes up to its count: the rows are read by cell order,
// so the row would be read one place off. It is left out with a warning,
// in DOCX and in Word 97; the rows beside it and table 二's own spans
// (行政许可 | 1268 across three columns) are read.
func TestWordSpannedNumber(t *testing.T) {
	for _, name := range []string{"span_colspan.docx", "span_colspan.doc", "span_vmerge.docx", "span_vmerge.doc"} {
		t.Run(name, func(t *testing.T) {
			rep := parseMade(t, name)
			if strings.HasPrefix(name, "span_colspan") {
				wantAbsent(t, rep, "proactive/regulations/issued", "proactive/regulations/in_force",
					"requests/granted/natural_person", "requests/granted/commercial", "requests/granted/total",
					"review/reconsideration/upheld", "review/reconsideration/corrected", "review/litigation_after_reconsideration/total")
				wantWarning(t, rep, "规章", "across columns")
				wantWarning(t, rep, "予以公开", "across columns")
				wantWarning(t, rep, "table 四", "across columns")
				wantValues(t, rep, "proactive/normative_documents/issued = 7", "proactive/normative_documents/in_force = 41",
					"proactive/licensing/decisions = 1268", "requests/new/natural_person = 47", "requests/new/total = 70",
					"requests/partially_granted/natural_person = 5", "requests/partially_granted/total = 8")
				return
			}
			wantAbsent(t, rep, "requests/denied_prohibited_by_law/natural_person", "requests/denied_prohibited_by_law/total")
			wantWarning(t, rep, "其他法律行政法规禁止公开", "across rows")
			wantValues(t, rep, "requests/denied_state_secret/natural_person = 1", "requests/denied_state_secret/total = 1",
				"requests/denied_security_stability/natural_person = 0", "requests/denied_security_stability/total = 0",
				"proactive/licensing/decisions = 1268", "review/reconsideration/upheld = 2", "review/litigation_after_reconsideration/total = 1")
		})
	}
}

// A Word 97 cell spans columns only where another row of its table divides
// it (edges at both its ends and one inside): rows whose columns are a
// little off one another, as in tables drawn by hand, span nothing, and a
// label or a blank as wide as several cells is the template's own.
func TestDocSpansNeedADividingRow(t *testing.T) {
	row := func(table int, edges []int, texts ...string) docRow {
		r := docRow{table: table, texts: texts, at: make([]int, len(texts)), pap: papRun{edges: edges}}
		for k := range r.at {
			r.at[k] = -1
		}
		return r
	}
	rows := []docRow{
		row(1, []int{0, 1000, 2000, 3000, 4000}, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
		row(1, []int{0, 1000, 3000, 4000}, "规章", "7", "3"),              // 7 across two columns
		row(1, []int{0, 1000, 3000, 4000}, "行政规范性文件", "", "3"),          // a blank across two
		row(1, []int{0, 1000, 3000, 4000}, "规章", "本年处理决定数量", "3"),       // a label across two
		row(2, []int{0, 1000, 2000, 3000, 4000}, "信息内容", "a", "b", "c"), // another table
		row(2, []int{0, 1100, 2100, 3100, 4000}, "规章", "1", "2", "3"),   // off by 100 twips
		row(2, []int{0, 1000, 3000, 4000}, "规章", "5", "3"),              // divided by the first
	}
	var cells []Cell
	for i := range rows {
		for k, s := range rows[i].texts {
			rows[i].at[k] = len(cells)
			cells = append(cells, Cell{Text: s})
		}
	}
	noteDocSpans(cells, rows)
	var wide []string
	for _, c := range cells {
		if c.wide {
			wide = append(wide, c.Text)
		}
	}
	if want := []string{"7", "5"}; !slices.Equal(wide, want) {
		t.Errorf("wide cells %q, want %q", wide, want)
	}
}
