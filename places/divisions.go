package places

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
)

// The national division codes, converted from a published dataset by
// data/build.sh; the header comments of each file name source and date.
var (
	//go:embed data/divisions.csv
	divisionsCSV []byte
	//go:embed data/towns.csv
	townsCSV []byte
)

// Division is one province, prefecture or county-level division.
type Division struct {
	Code, Name, Level, Parent string
	Province, Prefecture      *Division // nil where the level has none
	// StatisticalOnly marks 统计用 functional zones (county part 71-80):
	// 开发区, 管理区 that have codes but are not GB/T 2260 divisions.
	StatisticalOnly bool
}

// FullName is the name qualified by province and prefecture, e.g. 湖北省襄阳市谷城县.
func (d *Division) FullName() string {
	var b strings.Builder
	if d.Province != nil && d.Province != d {
		b.WriteString(d.Province.Name)
	}
	if d.Prefecture != nil && d.Prefecture != d {
		b.WriteString(d.Prefecture.Name)
	}
	b.WriteString(d.Name)
	return b.String()
}

// Town is one township-level unit; County is its county's code.
type Town struct {
	Code, Name, County string
}

// Divisions is the parsed national table.
type Divisions struct {
	List   []*Division // in file order: provinces, prefectures, counties
	ByCode map[string]*Division
	Towns  []Town
	// Source is the header comment of divisions.csv, kept in the database.
	Source string
}

var (
	divisionsOnce sync.Once
	divisionsData *Divisions
	divisionsErr  error
)

// DivisionsSHA256 is the digest of the embedded division table: a database
// rewrites its copy (table jurisdictions) when it changes.
func DivisionsSHA256() string {
	sum := sha256.Sum256(divisionsCSV)
	return hex.EncodeToString(sum[:])
}

// LoadDivisions returns the embedded division table, parsed once.
func LoadDivisions() (*Divisions, error) {
	divisionsOnce.Do(func() { divisionsData, divisionsErr = parseDivisions(divisionsCSV, townsCSV) })
	return divisionsData, divisionsErr
}

// readRows splits a small comma-separated file without quoting (the data has
// no commas inside names), returning header comments and data rows.
func readRows(data []byte, want int) (comments []string, rows [][]string, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	header := true
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") {
			comments = append(comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		if line == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, ",")
		if len(f) != want {
			return nil, nil, fmt.Errorf("line %d: %d fields, want %d", n, len(f), want)
		}
		rows = append(rows, f)
	}
	return comments, rows, sc.Err()
}

func parseDivisions(divs, towns []byte) (*Divisions, error) {
	comments, rows, err := readRows(divs, 4)
	if err != nil {
		return nil, fmt.Errorf("divisions.csv: %w", err)
	}
	d := &Divisions{ByCode: map[string]*Division{}, Source: strings.Join(comments, "\n")}
	for _, f := range rows {
		dv := &Division{Code: f[0], Name: f[1], Level: f[2], Parent: f[3]}
		if f[2] == "county" {
			zone := dv.Code[4:6]
			dv.StatisticalOnly = zone >= "71" && zone <= "80"
		}
		d.List = append(d.List, dv)
		d.ByCode[dv.Code] = dv
	}
	// Parents come before children in the file, so one pass links them.
	for _, dv := range d.List {
		switch dv.Level {
		case "province":
			dv.Province = dv
		case "prefecture":
			dv.Province, dv.Prefecture = d.ByCode[dv.Parent], dv
		case "county":
			p := d.ByCode[dv.Parent]
			if p == nil {
				return nil, fmt.Errorf("divisions.csv: %s has unknown parent %s", dv.Code, dv.Parent)
			}
			dv.Province = p.Province
			if p.Level == "prefecture" {
				dv.Prefecture = p
			}
		}
	}
	_, trows, err := readRows(towns, 2)
	if err != nil {
		return nil, fmt.Errorf("towns.csv: %w", err)
	}
	d.Towns = make([]Town, 0, len(trows))
	for _, f := range trows {
		d.Towns = append(d.Towns, Town{Code: f[0], Name: f[1], County: f[0][:6]})
	}
	return d, nil
}
