package docform

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func decodeStr(b []byte, contentType string) (string, error) {
	out, _ := Decode(b, contentType)
	return string(out), nil
}

func decodeGBStr(b []byte) (string, error) { return string(decodeGB(b)), nil }

func gbk(t *testing.T, s string) string {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCharsetDecodeLegacy(t *testing.T) {
	// GB2312, GBK-only (镕) and GB18030 four-byte (𠮷, U+20BB7) characters.
	want := "政府信息公开 朱镕基 𠮷"
	in, err := simplifiedchinese.GB18030.NewEncoder().String(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeGBStr([]byte(in))
	if err != nil || got != want {
		t.Errorf("decodeGB = %q, %v; want %q", got, err, want)
	}
	// A byte that is not GB18030 becomes U+FFFD, not an error.
	got, err = decodeGBStr([]byte(gbk(t, "规章") + "\xff"))
	if err != nil || !strings.HasPrefix(got, "规章") || !strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("decodeGB(broken) = %q, %v", got, err)
	}
}

func TestCharsetDecodeText(t *testing.T) {
	long := strings.Repeat("二、主动公开政府信息情况\n", 20)
	for _, tc := range []struct {
		name, in, want string
	}{
		{"utf-8", "规章 0", "规章 0"},
		{"utf-8 BOM", "\xEF\xBB\xBF规章 0", "规章 0"},
		{"gbk", gbk(t, long), long},
		// A page cut inside its last character stays UTF-8.
		{"utf-8 cut inside a character", long + "\xe4\xb8", long + "\uFFFD"},
		{"utf-8 with one bad byte", long + "\xff" + long, long + "\uFFFD" + long},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeStr([]byte(tc.in), "")
			if err != nil || got != tc.want {
				t.Errorf("Decode = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestCharsetDecodeHTML(t *testing.T) {
	text := strings.Repeat("伊宁县政府信息公开工作年度报告", 5)
	big5, err := traditionalchinese.Big5.NewEncoder().String("<p>政府資訊公開</p>")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, page, contentType, want string
	}{
		{"meta gbk", `<meta charset="gbk">` + gbk(t, text), "", text},
		{"meta gb2312 read as GB18030", `<meta charset="gb2312">` + gbk(t, "朱镕基"), "", "朱镕基"},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=GB2312">` + gbk(t, text), "", text},
		{"header", gbk(t, text), "text/html;charset=gbk", text},
		{"undeclared gbk", gbk(t, text), "", text},
		// Valid UTF-8 is UTF-8 whatever the old template declares.
		{"utf-8 declared gb2312", `<meta charset="gb2312">` + text, "", text},
		{"utf-8 with a gbk header", text, "text/html; charset=GBK", text},
		// Servers' default Latin-1 header is ignored.
		{"gbk with latin-1 header", gbk(t, text), "text/html; charset=iso-8859-1", text},
		{"big5 mirror", `<meta charset="big5">` + big5, "", "<p>政府資訊公開</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeStr([]byte(tc.page), tc.contentType)
			if err != nil || !strings.HasSuffix(got, tc.want) {
				t.Errorf("Decode = %q, %v; want suffix %q", got, err, tc.want)
			}
		})
	}
}
