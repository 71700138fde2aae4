package web

import (
	"context"
	"net/http"
	"slices"

	"disclosure/parse"
	"disclosure/warehouse"
)

// The report page: the tables as printed (rows × columns of the national
// template the report follows, blanks blank), each value linked to where
// it was read, the checks, warnings and corrections, and the raw document.

// printedTable is one section laid out as the template prints it.
type printedTable struct {
	Key, Title string
	Cols       []string // column labels
	Rows       []printedRow
}

type printedRow struct {
	Label string
	Cells []printedCell
}

type printedCell struct {
	Key       string // section/row/col
	Shown     string // formatted value; "" for a blank cell
	Raw       string // as printed
	Read      bool   // the parser found the cell (printed, maybe blank)
	Corrected bool
	Parsed    string // the parser's value when corrected
	Page      int    // PDF page the value was printed on; 0 when unknown
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	params, err := checked("report_info", query(r))
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	rep, err := s.reportInfo(r.Context(), params)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	cells, err := s.run(r.Context(), "report_cells", params)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	notes, err := s.run(r.Context(), "report_notes", params)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	template, _ := rep["template"].(string)
	isPDF := rep["form"] == "pdf"
	var pages map[string]int
	if isPDF {
		pages = pagesOf(s.positions(r.Context(), params["id"]))
		if s.opt.Data != "" {
			warmPDFReader() // a click on a value asks for its page's image
		}
	}
	tables := layout(template, cells.Rows, pages)
	var checks, warnings, corrections []map[string]any
	for _, n := range notes.Rows {
		switch n["kind"] {
		case "check":
			checks = append(checks, n)
		case "warning":
			warnings = append(warnings, n)
		case "correction":
			corrections = append(corrections, n)
		}
	}
	qs := encode(params)
	render(w, "report", map[string]any{
		"Title": str(rep["title"]), "Nav": "report", "R": rep, "ID": params["id"], "Tables": tables, "Cell": "",
		"Checks": checks, "Warnings": warnings, "Corrections": corrections,
		"IsPDF": isPDF, "HasRaw": s.opt.Data != "",
		"Download": "/download/report_cells?" + qs, "DownloadNotes": "/download/report_notes?" + qs,
	})
}

// reportInfo is a report's identity (named query report_info); an id that
// names no report is a bad parameter.
func (s *Server) reportInfo(ctx context.Context, params map[string]string) (map[string]any, error) {
	info, err := s.run(ctx, "report_info", params)
	if err != nil {
		return nil, err
	}
	if len(info.Rows) == 0 {
		return nil, notFound{"no report with id " + params["id"]}
	}
	return info.Rows[0], nil
}

// layout places the report's cells in its template's rows and columns. A
// report without a template shows the keys it has.
func layout(template string, rows []map[string]any, pages map[string]int) []printedTable {
	have := map[string]map[string]any{}
	for _, c := range rows {
		have[str(c["section"])+"/"+str(c["row"])+"/"+str(c["col"])] = c
	}
	var out []printedTable
	for _, sec := range parse.Sections {
		t := printedTable{Key: sec.Key, Title: sec.Title}
		var rowKeys, colKeys []string
		rowLabel, colLabel := map[string]string{}, map[string]string{}
		for _, k := range warehouse.Keys() {
			if k.Section != sec.Key {
				continue
			}
			key := k.Section + "/" + k.Row + "/" + k.Col
			_, found := have[key]
			if template != "" && !slices.Contains(k.Templates, template) && !found {
				continue
			}
			if template == "" && !found {
				continue
			}
			if !slices.Contains(rowKeys, k.Row) {
				rowKeys = append(rowKeys, k.Row)
				rowLabel[k.Row] = k.RowLabel
			}
			if !slices.Contains(colKeys, k.Col) {
				colKeys = append(colKeys, k.Col)
				colLabel[k.Col] = k.ColLabel
			}
		}
		if len(rowKeys) == 0 {
			continue
		}
		for _, c := range colKeys {
			t.Cols = append(t.Cols, colLabel[c])
		}
		for _, rk := range rowKeys {
			pr := printedRow{Label: rowLabel[rk]}
			for _, ck := range colKeys {
				key := sec.Key + "/" + rk + "/" + ck
				cell := printedCell{Key: key, Page: pages[key]}
				if c, ok := have[key]; ok {
					measure := ""
					if ck == "amount_10k_yuan" {
						measure = "fees_10k_yuan"
					}
					cell.Read = true
					cell.Shown = number(measure, c["value"])
					cell.Raw = str(c["raw"])
					cell.Corrected = c["corrected"] == true
					if cell.Corrected {
						cell.Parsed = number(measure, c["parsed_value"])
					}
				}
				pr.Cells = append(pr.Cells, cell)
			}
			t.Rows = append(t.Rows, pr)
		}
		out = append(out, t)
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
