package main

import (
	"github.com/spf13/cobra"

	"disclosure/pdftext"
)

// addCacheFlag adds --cache, where PDFium's compiled WebAssembly is kept
// between processes (reading PDFs needs it: compiling takes ~20 s, loading
// it from the cache well under one). "off" compiles in every process.
func addCacheFlag(root *cobra.Command) {
	var dir string
	root.PersistentFlags().StringVar(&dir, "cache", envOr("DISCLOSURE_CACHE", pdftext.DefaultCacheDir()),
		`directory for compiled code reused between runs ("off": none) ($DISCLOSURE_CACHE)`)
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		return pdftext.Configure(pdftext.Options{CacheDir: dir, NoCache: dir == "off"})
	}
}
