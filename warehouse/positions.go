package warehouse

import (
	"database/sql"
	"maps"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Where each value of a PDF was printed: its page and the box of its
// characters, so the report page can show the page with the cell marked.
// report_values is fixed by CONTRACT.md, so positions live in a table of
// their own under the same key, written and replaced with the values (one
// report_id lifecycle: load, reparse). Forms without pages (HTML, text,
// Word) write no rows.

// positionsDDL is migration 10, with its columns' docs below.
const positionsDDL = `
CREATE TABLE IF NOT EXISTS value_positions (
	report_id   BIGINT NOT NULL,
	section     VARCHAR NOT NULL,
	row         VARCHAR NOT NULL,
	col         VARCHAR NOT NULL,
	page        INTEGER NOT NULL,
	x0          DOUBLE NOT NULL,
	y0          DOUBLE NOT NULL,
	x1          DOUBLE NOT NULL,
	y1          DOUBLE NOT NULL,
	page_width  DOUBLE,
	page_height DOUBLE
)`

var positionDocs = map[string]string{
	"value_positions.report_id":   "The report version (reports.report_id) the value belongs to",
	"value_positions.section":     "Canonical section of the value (report_values.section)",
	"value_positions.row":         "Canonical row of the value (report_values.row)",
	"value_positions.col":         "Canonical column of the value (report_values.col)",
	"value_positions.page":        "1-based page of the PDF the value was printed on",
	"value_positions.x0":          "Left edge of the printed text, in PDF points from the page's left edge",
	"value_positions.y0":          "Top edge of the printed text, in PDF points from the page's top edge",
	"value_positions.x1":          "Right edge of the printed text, in PDF points from the page's left edge",
	"value_positions.y1":          "Bottom edge of the printed text, in PDF points from the page's top edge",
	"value_positions.page_width":  "Width of the page (upright), in PDF points",
	"value_positions.page_height": "Height of the page (upright), in PDF points",
}

var positionLabels = map[string]string{
	"value_positions.page": "页码", "value_positions.page_width": "页面宽度(磅)", "value_positions.page_height": "页面高度(磅)",
	"value_positions.x0": "左边界(磅)", "value_positions.y0": "上边界(磅)", "value_positions.x1": "右边界(磅)", "value_positions.y1": "下边界(磅)",
}

func init() {
	maps.Copy(columnDocs, positionDocs)
	maps.Copy(zhLabels, positionLabels)
}

// appendPositions writes the boxes of the values that have one. A batch of
// documents without pages opens no appender.
func appendPositions(conn *sql.Conn, ps []*prepared) error {
	paged := false
	for _, p := range ps {
		paged = paged || len(p.doc.Report.Pages) > 0
	}
	if !paged {
		return nil
	}
	return withAppender(conn, "value_positions", func(a *duckdb.Appender) error {
		for _, p := range ps {
			r := p.doc.Report
			for _, v := range r.Values {
				if v.Page <= 0 || v.Box.IsZero() {
					continue
				}
				var w, h any
				if i := v.Page - 1; i < len(r.Pages) && r.Pages[i].Number == v.Page {
					w, h = r.Pages[i].Width, r.Pages[i].Height
				}
				if err := a.AppendRow(p.id, v.Section, v.Row, v.Col, int32(v.Page), v.Box.X0, v.Box.Y0, v.Box.X1, v.Box.Y1, w, h); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
