package crawler

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Site is one row of the registry: a site whose annual reports are crawled.
type Site struct {
	Code    string // 六位行政区划代码 of the division the site belongs to; "" when unknown
	Name    string // a human name (县/区/部门)
	URL     string // the report column (listing), or the site root when the column is unknown
	Enabled bool
	Notes   string
	Line    int // line in the sites file, for messages
	// Warning is set by ReadSites for a row that is usable but doubtful
	// (a code naming no province); the row is crawled all the same.
	Warning string
}

// ID identifies the site in State records: its normalised URL.
func (s Site) ID() string { return s.URL }

func (s Site) String() string {
	if s.Code != "" {
		return s.Code + " " + s.Name
	}
	return s.Name
}

//go:embed sites.csv
var defaultSites []byte

// DefaultSites returns the registry embedded in the binary (crawler/sites.csv).
func DefaultSites() ([]Site, error) {
	sites, err := ReadSites(bytes.NewReader(defaultSites))
	if err != nil {
		return nil, fmt.Errorf("embedded crawler/sites.csv: %w", err)
	}
	return sites, nil
}

// ReadSites reads a sites CSV: a header naming at least code, name and url
// (any order; enabled and notes optional, other columns ignored), then one
// site per line. Lines starting with # are comments. The file may be UTF-8
// (with or without BOM, as Excel writes it) or GB18030/GBK (as Excel on a
// Chinese Windows saves "CSV"). Every bad row is reported by its line
// number; the rows that are fine are returned alongside the error.
func ReadSites(r io.Reader) ([]Site, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("sites: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("sites: neither UTF-8 nor GB18030: %w", err)
		}
		data = dec
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true

	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("sites: empty file (want a header code,name,url)")
	}
	if err != nil {
		return nil, fmt.Errorf("sites: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"code", "name", "url"} {
		if _, ok := col[need]; !ok {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("sites: line %d: header %q lacks column %q (want code,name,url[,enabled,notes])", line, strings.Join(header, ","), need)
		}
	}
	get := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}

	var sites []Site
	var errs []error
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs = append(errs, fmt.Errorf("line %d: %v", pe.Line, pe.Err))
				continue
			}
			return sites, fmt.Errorf("sites: %w", err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		s := Site{Code: get(rec, "code"), Name: get(rec, "name"), Notes: get(rec, "notes"), Enabled: true, Line: line}
		if err := checkCode(s.Code); err != nil {
			errs = append(errs, fmt.Errorf("line %d: %v", line, err))
			continue
		}
		if w := codeWarning(s.Code); w != "" {
			s.Warning = fmt.Sprintf("line %d: %s", line, w)
			slog.Warn("sites: "+s.Warning, "name", s.Name)
		}
		u, err := NormalizeURL(get(rec, "url"))
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: url: %v", line, err))
			continue
		}
		s.URL = u
		if s.Name == "" {
			errs = append(errs, fmt.Errorf("line %d: empty name", line))
			continue
		}
		if v := get(rec, "enabled"); v != "" {
			b, err := parseBool(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: enabled: %v", line, err))
				continue
			}
			s.Enabled = b
		}
		if prev, dup := seen[s.URL]; dup {
			errs = append(errs, fmt.Errorf("line %d: url %s already registered on line %d", line, s.URL, prev))
			continue
		}
		seen[s.URL] = line
		sites = append(sites, s)
	}
	if len(errs) > 0 {
		return sites, fmt.Errorf("sites: %d bad rows:\n%w", len(errs), errors.Join(errs...))
	}
	return sites, nil
}

// checkCode accepts "" or six digits that do not start with 0.
func checkCode(code string) error {
	if code == "" {
		return nil
	}
	if len(code) != 6 || code[0] == '0' {
		return fmt.Errorf("code %q is not a 六位行政区划代码", code)
	}
	if _, err := strconv.Atoi(code); err != nil {
		return fmt.Errorf("code %q is not a 六位行政区划代码", code)
	}
	return nil
}

// provinces are the first two digits of every GB/T 2260 division code.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true, "71": true, "81": true, "82": true,
}

// codeWarning says why a well-formed code cannot be a division ("" when it
// may be). Only the province is checked here, against the list above rather
// than places' division table: that table has no 71/81/82 (台湾, 香港,
// 澳门) and would be parsed (with its 41k towns) just for this; the
// warehouse resolves the full code when it loads.
func codeWarning(code string) string {
	if code == "" || provinces[code[:2]] {
		return ""
	}
	return fmt.Sprintf("code %s names no province (%s is not a GB/T 2260 province code): check it", code, code[:2])
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "y", "on", "是":
		return true, nil
	case "0", "false", "no", "n", "off", "否":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true/false", v)
}
