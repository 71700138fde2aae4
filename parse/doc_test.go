package parse

import (
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
