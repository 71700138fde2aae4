// Package samples holds real reports as published (the body of each
// corpus file): the bundled data the demo's county sites serve and the
// tests across packages feed the pipeline.
package samples

import (
	"embed"
	"io/fs"
	"path"
)

//go:embed files
var files embed.FS

// FS holds the samples at its root.
var FS = func() fs.FS {
	sub, err := fs.Sub(files, "files")
	if err != nil {
		panic(err) // the embedded directory is there: a build without it fails first
	}
	return sub
}()

// Read returns a sample's bytes.
func Read(name string) ([]byte, error) { return fs.ReadFile(FS, path.Clean(name)) }

// Text returns a sample's text.
func Text(name string) (string, error) {
	b, err := Read(name)
	return string(b), err
}

// Names lists the samples matching a glob pattern ("*", "*.txt").
func Names(pattern string) []string {
	names, _ := fs.Glob(FS, pattern)
	return names
}
