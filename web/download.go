package web

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"disclosure/warehouse"
)

// download is /download/NAME?params&format=zip|csv|parquet: exactly the
// selection a page shows (the same named query and parameters), written by
// the warehouse's own export — Excel CSV (UTF-8 with BOM, CRLF), Parquet
// and manifest.json (database, version, query, parameters, each file's
// rows and sha256) — as one zip, or one of the files.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	q := query(r)
	format := q.Get("format")
	if format == "" {
		format = "zip"
	}
	if format != "zip" && format != "csv" && format != "parquet" {
		s.fail(w, r, badParam{fmt.Sprintf("parameter format=%q: want zip, csv or parquet", format)}, true)
		return
	}
	params, err := checked(name, q, "format")
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	dir, err := os.MkdirTemp("", "disclosure-download-")
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	defer os.RemoveAll(dir)
	files, err := s.export(r.Context(), name, params, dir, format != "csv")
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	switch format {
	case "csv", "parquet":
		path := filepath.Join(dir, name+"."+format)
		ct := map[string]string{"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}[format]
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
		f, err := os.Open(path)
		if err != nil {
			s.fail(w, r, err, true)
			return
		}
		defer f.Close()
		io.Copy(w, f)
	default:
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.zip"`, name))
		zw := zip.NewWriter(w)
		for _, p := range files {
			if err := addToZip(zw, p); err != nil {
				s.opt.Log.Error("download zip", "err", err)
				return
			}
		}
		zw.Close()
	}
}

// export writes the selection into dir with warehouse.Export.
func (s *Server) export(ctx context.Context, name string, params map[string]string, dir string, parquet bool) ([]string, error) {
	db, stmt, args, err := s.bind(name, params)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*s.opt.QueryTimeout)
	defer cancel()
	return db.Export(ctx, warehouse.ExportOptions{Dir: dir, Excel: true, Parquet: parquet, Query: stmt, Name: name, Args: args, Force: true})
}

func addToZip(zw *zip.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return err
	}
	h, err := zip.FileInfoHeader(st)
	if err != nil {
		return err
	}
	h.Method = zip.Deflate
	out, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, f)
	return err
}
