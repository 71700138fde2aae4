package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/internal/buildinfo"
	"disclosure/pipeline"
	"disclosure/warehouse"
)

func init() {
	// Every load batch records which build wrote it.
	warehouse.Program = "disclosure " + buildinfo.Read().Short()
}

// versionTemplate is --version's template; DuckDB's version is asked only
// when it is printed.
const versionTemplate = "{{.Version}}\nDuckDB {{duckdbVersion}}\n"

func init() { cobra.AddTemplateFunc("duckdbVersion", pipeline.DuckDBVersion) }

// versionString is the build part of `disclosure --version`.
func versionString() string {
	i := buildinfo.Read()
	dirty := ""
	if i.Modified {
		dirty = " (uncommitted changes)"
	}
	return fmt.Sprintf("disclosure %s\ncommit %s%s\nbuilt %s", i.Version, i.Commit, dirty, i.Date)
}
