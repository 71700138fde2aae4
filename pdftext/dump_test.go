package pdftext

import (
	"context"
	"fmt"
	"os"
	"testing"

	"disclosure/parse"
)

// TestDumpLayout prints how a PDF reads: DUMP=file.pdf go test -run TestDumpLayout ./pdftext
func TestDumpLayout(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip("set DUMP to a PDF")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ex, _ := Shared()
	pages, err := ex.Extract(context.Background(), data, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range parse.LayoutLines(pages) {
		fmt.Println(l)
	}
}
