package web

import (
	"context"
	"fmt"
	"net/http"
)

// link is a column header that sorts the table (a plain link: works without JS).
type link struct {
	Label, Href string
	Active      bool
	Dir         string
}

// comparePage is /compare: one measure across the divisions of a selection.
func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	params, res, ok := s.page(w, r, "compare")
	if !ok {
		return
	}
	measure := or(params["measure"], "received")
	years, err := s.years(r.Context())
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	year := params["year"]
	if len(res.Rows) > 0 {
		year = fmt.Sprint(res.Rows[0]["year"])
	}
	sortBy, dir := or(params["sort"], "value"), or(params["dir"], "desc")
	header := func(label, col string) link {
		p := clone(params)
		p["sort"] = col
		d := "desc"
		if col != "value" {
			d = "asc"
		}
		if sortBy == col {
			d = map[string]string{"asc": "desc", "desc": "asc"}[dir]
		}
		p["dir"] = d
		return link{Label: label, Href: "/compare?" + encode(p), Active: sortBy == col, Dir: dir}
	}
	reported, missing := 0, 0
	for _, row := range res.Rows {
		if row["status"] == "reported" {
			reported++
		} else {
			missing++
		}
	}
	qs := encode(params)
	render(w, "compare", map[string]any{
		"Title": "比较", "Nav": "compare", "P": params, "Measure": measure, "Kind": or(params["kind"], "government"),
		"Year": year, "Years": years, "Measures": Measures, "Kinds": Kinds, "Res": res,
		"Reported": reported, "Missing": missing, "Body": compareRows(res.Rows, measure),
		"SortCode": header("代码", "code"), "SortName": header("地区", "name"), "SortValue": header(measureLabel(measure), "value"),
		"API": "/api/compare?" + qs, "Download": "/download/compare?" + qs, "Self": "/compare?" + qs,
	})
}

// years lists the statistics years loaded, newest first.
func (s *Server) years(ctx context.Context) ([]int64, error) {
	db, err := s.store.get()
	if err != nil {
		return nil, err
	}
	// reports, not the view current_reports: its per-report corrections count
	// is not needed and costs tens of ms on 100,000 reports.
	rows, err := db.SQL().QueryContext(ctx, "SELECT DISTINCT year FROM reports WHERE is_current AND year IS NOT NULL ORDER BY year DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ys []int64
	for rows.Next() {
		var y int64
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		ys = append(ys, y)
	}
	return ys, rows.Err()
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func clone(m map[string]string) map[string]string {
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// pathWith is path?params.
func pathWith(path string, params map[string]string) string {
	if q := encode(params); q != "" {
		return path + "?" + q
	}
	return path
}
