package pipeline

import (
	"fmt"
	"io"
	"strings"

	"disclosure/internal/texttable"
	"disclosure/warehouse"
)

// Write lays the report out: identity and provenance, then each table as
// printed (rows × columns in the template's order, blanks blank, corrected
// cells marked *), the checks that failed with their numbers, and the
// warnings. raw shows each cell's printed text instead of its value; width
// cuts the tables to the terminal (0: no limit).
func (v *ReportView) Write(w io.Writer, raw bool, width int) error {
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-12s %s\n", name, value)
		}
	}
	field("report", fmt.Sprintf("%d (version %d%s)", v.ID, v.Version.Int64, map[bool]string{true: ", current", false: ", superseded"}[v.Current]))
	field("title", v.Title)
	field("publisher", strings.TrimSpace(cmpLabel(v.Agency, "—")+" ("+v.AgencyKind+")"))
	field("division", strings.TrimSpace(v.Code+" "+v.Division))
	if v.Year.Valid {
		field("year", fmt.Sprint(v.Year.Int64))
	}
	field("template", v.Template)
	field("published", v.Published)
	field("source", v.SourceURL)
	field("stored file", v.RawPath)
	field("sha256", v.SHA256)
	field("form", v.Form)

	cells := map[[3]string]ShownCell{}
	for _, c := range v.Cells {
		cells[[3]string{c.Section, c.Row, c.Col}] = c
	}
	for _, sec := range sectionsOf(v.Cells) {
		header, rows := sectionTable(sec, cells, raw)
		fmt.Fprintf(w, "\n%s\n", sec.title)
		if err := texttable.WriteFit(w, header, rows, width); err != nil {
			return err
		}
	}
	if v.Fixed > 0 {
		fmt.Fprintf(w, "\n* %d corrected by researchers (disclosure query corrections)\n", v.Fixed)
	}
	fmt.Fprintf(w, "\nChecks: %d run, %d failed\n", v.ChecksRun, v.ChecksFailed)
	for _, c := range v.Checks {
		fmt.Fprintf(w, "  %s %s: %s\n", c.Name, c.Key, c.Detail)
	}
	if len(v.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings:")
		for _, m := range v.Warnings {
			fmt.Fprintf(w, "  %s\n", m)
		}
	}
	return nil
}

// shownSection is one section of the template with its keys in order.
type shownSection struct {
	key, title string
	keys       []warehouse.Key
}

// sectionsOf lists the template's sections that hold a cell of the report.
func sectionsOf(cells []ShownCell) []shownSection {
	has := map[string]bool{}
	for _, c := range cells {
		has[c.Section] = true
	}
	var out []shownSection
	for _, k := range warehouse.Keys() {
		if !has[k.Section] {
			continue
		}
		if len(out) == 0 || out[len(out)-1].key != k.Section {
			title, _, _ := k.Labels()
			out = append(out, shownSection{key: k.Section, title: title})
		}
		out[len(out)-1].keys = append(out[len(out)-1].keys, k)
	}
	return out
}

// sectionTable is one section as printed: a row per template row, a column
// per template column, in the template's order; rows the report does not
// print are left out.
func sectionTable(sec shownSection, cells map[[3]string]ShownCell, raw bool) ([]string, [][]string) {
	var cols, rowOrder []string
	colLabel, rowLabel := map[string]string{}, map[string]string{}
	for _, k := range sec.keys {
		if _, ok := colLabel[k.Col]; !ok {
			colLabel[k.Col] = k.ColLabel
			cols = append(cols, k.Col)
		}
		if _, ok := rowLabel[k.Row]; !ok {
			rowLabel[k.Row] = k.RowLabel
			rowOrder = append(rowOrder, k.Row)
		}
	}
	var usedCols []string
	for _, c := range cols {
		for _, r := range rowOrder {
			if _, ok := cells[[3]string{sec.key, r, c}]; ok {
				usedCols = append(usedCols, c)
				break
			}
		}
	}
	header := []string{""}
	for _, c := range usedCols {
		header = append(header, cmpLabel(colLabel[c], c))
	}
	var rows [][]string
	for _, r := range rowOrder {
		line := []string{cmpLabel(rowLabel[r], r)}
		found := false
		for _, c := range usedCols {
			cell, ok := cells[[3]string{sec.key, r, c}]
			found = found || ok
			line = append(line, cell.text(raw))
		}
		if found {
			rows = append(rows, line)
		}
	}
	return header, rows
}

// cmpLabel is the Chinese label, else the canonical key.
func cmpLabel(label, key string) string {
	if label != "" {
		return label
	}
	return key
}
