package web

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
)

// api serves /api/NAME?params as JSON: the named query's rows. Bad
// parameters are a 400 with {"error": "…"}.
func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	params, err := checked(name, query(r))
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	res, err := s.run(r.Context(), name, params)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := writeResult(w, res); err != nil {
		s.opt.Log.Error("api: writing JSON", slog.String("url", r.URL.String()), slog.Any("err", err))
	}
}

// fail answers an error: 400 for a bad parameter (or a query's own
// refusal of one), 404 for what is not there, 500 otherwise, as JSON or
// as a page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error, asJSON bool) {
	code := http.StatusInternalServerError
	var bp badParam
	var nf notFound
	switch {
	case errors.As(err, &bp):
		code = http.StatusBadRequest
	case errors.As(err, &nf):
		code = http.StatusNotFound
	default:
		s.opt.Log.Error("request failed", slog.String("url", r.URL.String()), slog.Any("err", err))
	}
	msg := err.Error()
	if asJSON {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]string{"error": msg})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	render(w, "error", map[string]any{"Title": "出错了", "Code": code, "Message": msg})
}
