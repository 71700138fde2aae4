package pdftext

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"disclosure/parse"
)

// A scan and a PDF whose CIDs do not map to Unicode are refused with their
// reason, and nothing is read from them.
func TestUnreadablePDFsAreRefusedWithTheirReason(t *testing.T) {
	for file, reason := range map[string]string{
		"made/synthetic_yining_2023.scan.pdf": parse.ReasonImageOnly,
		"made/seed_yining_2023.nounicode.pdf": parse.ReasonNoTextLayer,
		"made/seed_yining_2023.password.pdf":  parse.ReasonEncrypted,
	} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			r, err := parseFile(t, filepath.Join(attachments, file))
			if !errors.Is(err, parse.ErrUnreadable) {
				t.Fatalf("got report %v, err %v; want unreadable (%s)", r != nil, err, reason)
			}
			if got := parse.UnreadableReason(err); got != reason {
				t.Fatalf("reason %q, want %q (%v)", got, reason, err)
			}
			if r != nil {
				t.Fatalf("a report came with the error: %d values", len(r.Values))
			}
		})
	}
}

// Bytes that are not a PDF are an error naming the file, not a panic.
func TestNotAPDFIsAnErrorNamingTheFile(t *testing.T) {
	ex, _ := Shared()
	_, err := ex.Extract(context.Background(), []byte("%PDF-1.7\nnot really"), "broken.pdf")
	if err == nil || !containsName(err.Error(), "broken.pdf") {
		t.Fatalf("err = %v, want an error naming broken.pdf", err)
	}
}

func containsName(s, name string) bool {
	return len(s) >= len(name) && (s[:len(name)] == name || filepath.Base(s) == name || indexOf(s, name) >= 0)
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
