package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"disclosure/warehouse"
)

// ReportView is one stored report as `disclosure show` lays it out.
type ReportView struct {
	ID                             int64
	SHA256, SourceURL, RawPath     string
	Title, Jurisdiction, Code      string
	Division, Agency, AgencyKind   string
	Year, Version                  sql.NullInt64
	Template, Form, Published      string
	Current                        bool
	Cells                          []ShownCell
	Checks                         []ShownCheck
	Warnings                       []string
	ChecksRun, ChecksFailed, Fixed int
}

// ShownCell is one value with its printed text and whether a researcher
// corrected it.
type ShownCell struct {
	Section, Row, Col string
	Value             sql.NullFloat64
	Raw               string
	Corrected         bool
}

// ShownCheck is one accounting check that failed, with its numbers.
type ShownCheck struct{ Name, Key, Detail string }

var (
	reportID  = regexp.MustCompile(`^[0-9]+$`)
	shaPrefix = regexp.MustCompile(`^[0-9a-fA-F]{6,64}$`)
)

// ShowReport reads one report: ref is a report_id, a source URL (its
// current version) or a sha256 prefix of at least 6 hex digits.
func ShowReport(store Store, ref string) (*ReportView, error) {
	var v ReportView
	err := store.Read(func(db *warehouse.DB) error {
		ctx := context.Background()
		id, err := findReport(ctx, db.SQL(), ref)
		if err != nil {
			return err
		}
		return readReport(ctx, db.SQL(), id, &v)
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// findReport resolves ref to one report_id.
func findReport(ctx context.Context, q *sql.DB, ref string) (int64, error) {
	var where string
	arg := any(ref)
	switch {
	case reportID.MatchString(ref) && len(ref) < 6:
		where = "report_id = CAST(? AS BIGINT)"
	case strings.Contains(ref, "://"):
		where = "source_url = ?"
	case shaPrefix.MatchString(ref):
		where, arg = "starts_with(sha256, ?)", strings.ToLower(ref)
	case reportID.MatchString(ref):
		where = "report_id = CAST(? AS BIGINT)"
	default:
		return 0, fmt.Errorf("%q is not a report_id, a URL or a sha256 prefix (6 or more hex digits)", ref)
	}
	rows, err := q.QueryContext(ctx, `SELECT report_id, sha256 FROM reports WHERE `+where+`
		ORDER BY is_current DESC, version DESC LIMIT 5`, arg)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var ids []int64
	var shas []string
	for rows.Next() {
		var id int64
		var sha string
		if err := rows.Scan(&id, &sha); err != nil {
			return 0, err
		}
		ids, shas = append(ids, id), append(shas, sha)
	}
	switch {
	case len(ids) == 0:
		return 0, fmt.Errorf("no report %s in the warehouse (disclosure query \"SELECT report_id, title, source_url FROM reports\")", ref)
	case len(ids) > 1 && where == "starts_with(sha256, ?)":
		return 0, fmt.Errorf("sha256 prefix %s is ambiguous (%s …): give more digits", ref, strings.Join(shas, ", "))
	}
	return ids[0], rows.Err()
}

// readReport fills v with report id's identity, values, checks and warnings.
func readReport(ctx context.Context, q *sql.DB, id int64, v *ReportView) error {
	err := q.QueryRowContext(ctx, `SELECT r.report_id, r.sha256, coalesce(r.source_url, ''),
			coalesce((SELECT any_value(raw_path) FROM fetch_log f WHERE f.sha256 = r.sha256 AND raw_path IS NOT NULL), ''),
			coalesce(r.title, ''), coalesce(r.jurisdiction, ''), coalesce(r.jurisdiction_code, ''), coalesce(j.full_name, j.name, ''),
			coalesce(r.agency, ''), coalesce(r.agency_kind, ''), r.year, r.version, coalesce(r.template, ''), coalesce(r.form, ''),
			coalesce(CAST(r.published AS VARCHAR), ''), r.is_current, coalesce(r.checks_run, 0), coalesce(r.checks_failed, 0)
		FROM reports r LEFT JOIN jurisdictions j ON j.code = r.jurisdiction_code WHERE r.report_id = ?`, id).Scan(
		&v.ID, &v.SHA256, &v.SourceURL, &v.RawPath, &v.Title, &v.Jurisdiction, &v.Code, &v.Division, &v.Agency, &v.AgencyKind,
		&v.Year, &v.Version, &v.Template, &v.Form, &v.Published, &v.Current, &v.ChecksRun, &v.ChecksFailed)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT section, row, col, value, coalesce(raw, ''), corrected FROM corrected_values WHERE report_id = ?`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c ShownCell
		if err := rows.Scan(&c.Section, &c.Row, &c.Col, &c.Value, &c.Raw, &c.Corrected); err != nil {
			return err
		}
		if c.Corrected {
			v.Fixed++
		}
		v.Cells = append(v.Cells, c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	checks, err := q.QueryContext(ctx, `SELECT name, coalesce(key, ''), coalesce(detail, '') FROM report_checks WHERE report_id = ? AND NOT ok ORDER BY ALL`, id)
	if err != nil {
		return err
	}
	defer checks.Close()
	for checks.Next() {
		var c ShownCheck
		if err := checks.Scan(&c.Name, &c.Key, &c.Detail); err != nil {
			return err
		}
		v.Checks = append(v.Checks, c)
	}
	warns, err := q.QueryContext(ctx, `SELECT stage || ': ' || message FROM report_warnings WHERE report_id = ? ORDER BY seq`, id)
	if err != nil {
		return err
	}
	defer warns.Close()
	for warns.Next() {
		var w string
		if err := warns.Scan(&w); err != nil {
			return err
		}
		v.Warnings = append(v.Warnings, w)
	}
	return warns.Err()
}

// text is a cell as shown: blank stays blank, numbers without a
// trailing .0; raw shows the printed text instead.
func (c ShownCell) text(raw bool) string {
	s := ""
	switch {
	case raw:
		s = c.Raw
	case c.Value.Valid:
		s = strconv.FormatFloat(c.Value.Float64, 'f', -1, 64)
	}
	if c.Corrected {
		s += "*"
	}
	return s
}
