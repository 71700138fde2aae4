package docform

import (
	"archive/zip"
	"bytes"
	"testing"
	"unicode/utf8"
)

// zipWith returns a zip archive holding empty parts of the given names.
func zipWith(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		if _, err := zw.Create(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	ole := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
	docx := zipWith(t, "[Content_Types].xml", "word/document.xml")
	for _, tc := range []struct {
		name, in, contentType string
		want                  Form
	}{
		{"empty", "", "text/html", Empty},
		{"pdf served as html", "%PDF-1.7\n", "text/html; charset=utf-8", PDF},
		{"pdf behind blank lines", "\r\n\r\n%PDF-1.4\n", "", PDF},
		{"page that mentions %PDF-", "<p>文件头为 %PDF-1.4</p>", "", HTML},
		{"docx", string(docx), "application/octet-stream", DOCX},
		{"docx cut before its directory", string(docx[:len(docx)/2]), "", DOCX},
		{"xlsx", string(zipWith(t, "xl/workbook.xml")), "", XLSX},
		{"other zip", string(zipWith(t, "a.txt")), "", ZIP},
		{"bare zip magic", "PK\x03\x04", "", ZIP},
		{"bare zip declared docx", "PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX},
		{"doc", ole + "xxxx" + string(utf16le("WordDocument")), "", DOC},
		{"xls", ole + "xxxx" + string(utf16le("Workbook")), "", XLS},
		{"bare ole", ole, "", OLE},
		{"bare ole declared doc", ole, "application/msword", DOC},
		{"html", "<html><body>", "", HTML},
		{"html served as octet-stream", "\n\n<!DOCTYPE html><p>x</p>", "application/octet-stream", HTML},
		{"fragment", "一、总体情况<p>本机关</p>", "", HTML},
		{"text", "2022年报告", "text/html", Text},
		{"text with a less-than", "规章 < 3 件", "", Text},
		{"binary", "\x00\x01\x02abc", "", Binary},
		{"utf-16 html", "\xFF\xFE<\x00p\x00>\x00", "", HTML},
	} {
		if got := Sniff([]byte(tc.in), tc.contentType); got != tc.want {
			t.Errorf("%s: Sniff = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// The crawler's rule: a server that stamps charset=utf-8 on every page
// serves GBK pages whose <meta> tells the truth.
func TestDecodeHeaderUTF8MetaGB(t *testing.T) {
	text := "伊宁县政府信息公开工作年度报告"
	page := `<meta charset="gb2312"><p>` + gbk(t, text) + `</p>`
	got, name := Decode([]byte(page), "text/html; charset=UTF-8")
	if name != GB18030 || !bytes.Contains(got, []byte(text)) {
		t.Errorf("Decode = %q (%s)", got, name)
	}
	// A <meta> after 1 KiB of comments (beyond x/net's prescan) still counts.
	page = "<!--" + string(bytes.Repeat([]byte("x"), 3000)) + "-->" + page
	if got, name = Decode([]byte(page), ""); name != GB18030 || !bytes.Contains(got, []byte(text)) {
		t.Errorf("late meta: Decode = %q (%s)", got, name)
	}
}

func TestDecodeUTF16(t *testing.T) {
	got, name := Decode([]byte("\xFF\xFE\x3C\x00\x70\x00\x3E\x00\xC4\x89"), "")
	if name != UTF16LE || string(got) != "<p>规" {
		t.Errorf("Decode = %q (%s)", got, name)
	}
}

// FuzzSniffDecode: any bytes give a form and valid UTF-8, without panic.
func FuzzSniffDecode(f *testing.F) {
	f.Add([]byte("%PDF-1.4"), "")
	f.Add(zipWith(f, "word/document.xml"), "")
	f.Add([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1W\x00o\x00r\x00d\x00"), "application/msword")
	f.Add([]byte(`<meta charset="gbk"><p>`+"\xb9\xe6\xd5\xc2"+`</p>`), "text/html; charset=utf-8")
	f.Add([]byte("\xFE\xFF\x00<\x00p"), "")
	f.Add([]byte("\xEF\xBB\xBF\xb9\xe6\xd5\xc2"), "text/plain; charset=big5")
	f.Add([]byte("规章 0\n\xe4\xb8"), "text/plain; charset=\"shift_jis\"")
	f.Fuzz(func(t *testing.T, b []byte, contentType string) {
		if Sniff(b, contentType) == "" {
			t.Fatal("no form")
		}
		text, name := Decode(b, contentType)
		if !utf8.Valid(text) || name == "" {
			t.Fatalf("Decode(%q) = %q (%q): not valid UTF-8", b, text, name)
		}
	})
}
