package web

import (
	"database/sql"
	"errors"
	"net/http"
)

// countyPage is /county?code=…&measure=…: one division across the years,
// its government beside the prefecture and province medians, every report
// of its government, departments and towns, and its alerts.
func (s *Server) countyPage(w http.ResponseWriter, r *http.Request) {
	params, years, ok := s.page(w, r, "county_years")
	if !ok {
		return
	}
	code := params["code"]
	reports, err := s.run(r.Context(), "county_reports", map[string]string{"code": code})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	alerts, err := s.run(r.Context(), "county_alerts", map[string]string{"code": code})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	name, prefecture, province, err := s.division(r, code)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	measure := or(params["measure"], "received")
	qs := encode(params)
	render(w, "county", map[string]any{
		"Title": name, "Nav": "county", "Code": code, "Name": name, "Prefecture": prefecture, "Province": province,
		"Measure": measure, "Measures": Measures, "Years": years, "Reports": reports, "Alerts": alerts.Rows,
		"API": "/api/county_years?" + qs, "Download": "/download/county_years?" + qs,
		"DownloadReports": "/download/county_reports?" + encode(map[string]string{"code": code}),
		"DownloadAlerts":  "/download/county_alerts?" + encode(map[string]string{"code": code}),
	})
}

// division names a code: its name, prefecture and province.
func (s *Server) division(r *http.Request, code string) (name, prefecture, province string, err error) {
	db, err := s.store.get()
	if err != nil {
		return "", "", "", err
	}
	var pre, pro *string
	err = db.SQL().QueryRowContext(r.Context(), "SELECT name, prefecture, province FROM jurisdictions WHERE code = ?", code).Scan(&name, &pre, &pro)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", notFound{"no division with the code " + code}
	}
	if err != nil {
		return "", "", "", err
	}
	if pre != nil {
		prefecture = *pre
	}
	if pro != nil {
		province = *pro
	}
	return name, prefecture, province, nil
}
