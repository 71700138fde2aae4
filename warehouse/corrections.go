package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Corrections: a researcher who finds a cell the parser read wrong, or a
// report that printed a typo, records the right value with who, when and
// why. report_values keeps what the parser read (CONTRACT.md); the views
// show the corrected value and flag it (current_values.corrected,
// corrections counts per report). A correction belongs to the document
// (report_id and its sha256), so reparsing the document never loses it;
// where the parser now reads the cell as the correction says, the
// correction is settled (named query corrections, LoadResult.Settled).

// correctionsDDL is migration 7, with its columns' docs below.
const correctionsDDL = `
CREATE TABLE IF NOT EXISTS corrections (
	correction_id  BIGINT PRIMARY KEY,
	report_id      BIGINT NOT NULL,
	sha256         VARCHAR NOT NULL,
	section        VARCHAR NOT NULL,
	row            VARCHAR NOT NULL,
	col            VARCHAR NOT NULL,
	value          DOUBLE,
	raw            VARCHAR,
	replaced_value DOUBLE,
	replaced_raw   VARCHAR,
	note           VARCHAR NOT NULL,
	corrected_by   VARCHAR NOT NULL,
	corrected_at   TIMESTAMP NOT NULL
)`

var correctionDocs = map[string]string{
	"corrections.correction_id":     "Number of the correction, in the order they were recorded",
	"corrections.report_id":         "The report version corrected (reports.report_id)",
	"corrections.sha256":            "SHA-256 of the corrected document: the correction follows the document through reparse",
	"corrections.section":           "Canonical section of the corrected cell",
	"corrections.row":               "Canonical row of the corrected cell",
	"corrections.col":               "Canonical column of the corrected cell",
	"corrections.value":             "The corrected value; NULL makes the cell blank",
	"corrections.raw":               "The corrected value as the researcher wrote it",
	"corrections.replaced_value":    "The value shown before this correction (the parser's, or an earlier correction's)",
	"corrections.replaced_raw":      "The text shown before this correction",
	"corrections.note":              "Why: what the researcher found",
	"corrections.corrected_by":      "Who recorded the correction",
	"corrections.corrected_at":      "When the correction was recorded (UTC)",
	"current_values.corrected":      "The value is a researcher's correction (see corrections), not the parser's reading",
	"corrected_values.parsed_value": "The value as the parser read it, before any correction",
	"corrections":                   "Number of cells of the report corrected by researchers (table corrections)",
}

func init() {
	maps.Copy(columnDocs, correctionDocs)
}

// correctedValuesView is every value with the latest correction of its cell
// applied, including cells the parser did not find at all.
const correctedValuesView = `CREATE OR REPLACE VIEW corrected_values AS
WITH c AS (
	SELECT * FROM corrections
	QUALIFY row_number() OVER (PARTITION BY report_id, section, row, col ORDER BY correction_id DESC) = 1
)
SELECT coalesce(v.report_id, c.report_id) AS report_id, coalesce(v.section, c.section) AS section,
	coalesce(v.row, c.row) AS row, coalesce(v.col, c.col) AS col,
	CASE WHEN c.report_id IS NULL THEN v.value ELSE c.value END AS value,
	CASE WHEN c.report_id IS NULL THEN v.raw ELSE c.raw END AS raw,
	c.report_id IS NOT NULL AS corrected, v.value AS parsed_value
FROM report_values v FULL JOIN c ON c.report_id = v.report_id AND c.section = v.section AND c.row = v.row AND c.col = v.col`

// CorrectionInput is what `disclosure correct` records.
type CorrectionInput struct {
	Report            string // a report_id, a source URL, or a sha256 prefix (6+ hex digits)
	Section, Row, Col string
	Value             string // as written: a number, or blank (empty, /, —, 无) for a blank cell
	Note              string // why; required
	By                string // who; required
}

// maxCorrected bounds a corrected value: no count or amount (万元) of an
// annual report comes near it, and a typo of twenty digits would be a
// value no view can show as a whole number.
const maxCorrected = 1e12

// CorrectionResult says what was recorded.
type CorrectionResult struct {
	ID            int64
	ReportID      int64
	Value         *float64 // nil: blank
	Replaced      *float64 // the value shown before
	ReplacedRaw   string
	AlreadyParsed bool // the parser already reads the cell so: the correction is settled
}

var blankCell = regexp.MustCompile(`^(|/|／|—|－|-|无|——)$`)

// Correct records a correction of one cell of one report and brings the
// report's summary up to date, in one transaction.
func (db *DB) Correct(ctx context.Context, in CorrectionInput) (CorrectionResult, error) {
	var res CorrectionResult
	if strings.TrimSpace(in.Note) == "" {
		return res, fmt.Errorf("a correction needs a note saying why")
	}
	if strings.TrimSpace(in.By) == "" {
		return res, fmt.Errorf("a correction needs who made it")
	}
	key, ok := findKey(in.Section, in.Row, in.Col)
	if !ok {
		return res, fmt.Errorf("%s %s %s is not a canonical key (see keys.csv or disclosure codebook)", in.Section, in.Row, in.Col)
	}
	raw := strings.TrimSpace(in.Value)
	if !blankCell.MatchString(raw) {
		x, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", ""), 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			return res, fmt.Errorf("value %q is not a number (write a blank as \"\" or /)", in.Value)
		}
		if !isAmount(key) && x != math.Trunc(x) {
			return res, fmt.Errorf("value %q: %s/%s/%s is a count, a whole number", in.Value, key.Section, key.Row, key.Col)
		}
		if x < 0 || x >= maxCorrected {
			return res, fmt.Errorf("value %q: %s/%s/%s takes a number from 0 to %.0f", in.Value, key.Section, key.Row, key.Col, maxCorrected)
		}
		res.Value = &x
	}
	err := db.inTx(ctx, func(conn *sql.Conn) error {
		var sha string
		var err error
		if res.ReportID, sha, err = findReport(ctx, conn, in.Report); err != nil {
			return err
		}
		var before, parsed sql.NullFloat64
		var beforeRaw sql.NullString
		var present bool
		err = conn.QueryRowContext(ctx, `SELECT value, raw, parsed_value, true FROM corrected_values
			WHERE report_id = ? AND section = ? AND row = ? AND col = ?`, res.ReportID, key.Section, key.Row, key.Col).
			Scan(&before, &beforeRaw, &parsed, &present)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if before.Valid {
			res.Replaced = &before.Float64
		}
		res.ReplacedRaw = beforeRaw.String
		res.AlreadyParsed = present && sameNumber(parsed, res.Value)
		if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(correction_id), 0) + 1 FROM corrections`).Scan(&res.ID); err != nil {
			return err
		}
		var value any
		if res.Value != nil {
			value = *res.Value
		}
		var replaced any
		if res.Replaced != nil {
			replaced = *res.Replaced
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			res.ID, res.ReportID, sha, key.Section, key.Row, key.Col, value, raw, replaced, nullable(res.ReplacedRaw),
			strings.TrimSpace(in.Note), strings.TrimSpace(in.By), time.Now().UTC()); err != nil {
			return err
		}
		return refreshSummary(ctx, conn, fmt.Sprintf("report_id = %d", res.ReportID))
	})
	return res, err
}

func sameNumber(a sql.NullFloat64, b *float64) bool {
	if !a.Valid || b == nil {
		return !a.Valid && b == nil
	}
	return a.Float64 == *b
}

// refreshSummary recomputes the summary cells of the reports matching
// where (an SQL condition on report_id) from their corrected values.
func refreshSummary(ctx context.Context, conn *sql.Conn, where string) error {
	_, err := conn.ExecContext(ctx, `DELETE FROM summary_cells WHERE `+where+`;
		INSERT INTO summary_cells BY NAME SELECT * FROM `+pivotFrom("corrected_values", "("+summaryFilter+") AND ("+where+")", summaryKeys(), summaryName))
	return err
}

func findKey(section, row, col string) (Key, bool) {
	for _, k := range Keys() {
		if k.Section == section && k.Row == row && k.Col == col {
			return k, true
		}
	}
	return Key{}, false
}

var hexPrefix = regexp.MustCompile(`^[0-9a-fA-F]{6,64}$`)

// findReport finds one report from a report_id, a source URL (its current
// version) or a sha256 prefix, and returns its id and sha256.
func findReport(ctx context.Context, conn *sql.Conn, ref string) (int64, string, error) {
	ref = strings.TrimSpace(ref)
	type try struct {
		q   string
		arg any
	}
	var tries []try
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		tries = append(tries, try{`SELECT report_id, sha256 FROM reports WHERE report_id = ?`, id})
	}
	if hexPrefix.MatchString(ref) {
		tries = append(tries, try{`SELECT report_id, sha256 FROM reports WHERE starts_with(sha256, ?)`, strings.ToLower(ref)})
	}
	tries = append(tries, try{`SELECT report_id, sha256 FROM reports WHERE source_url = ? ORDER BY is_current DESC, report_id DESC LIMIT 1`, ref})
	for _, t := range tries {
		id, sha, n, err := reportRows(ctx, conn, t.q, t.arg)
		switch {
		case err != nil:
			return 0, "", err
		case n == 1:
			return id, sha, nil
		case n > 1:
			return 0, "", fmt.Errorf("%q matches %d reports: give more of the sha256", ref, n)
		}
	}
	return 0, "", fmt.Errorf("no report %q (give a report_id, its source URL, or a sha256 prefix of 6+ digits)", ref)
}

func reportRows(ctx context.Context, conn *sql.Conn, q string, arg any) (id int64, sha string, n int, err error) {
	rows, err := conn.QueryContext(ctx, q, arg)
	if err != nil {
		return 0, "", 0, err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&id, &sha); err != nil {
			return 0, "", 0, err
		}
		n++
	}
	return id, sha, n, rows.Err()
}

// isAmount tells a money cell (万元, decimals allowed) from a count.
func isAmount(k Key) bool { return strings.HasPrefix(k.Col, "amount") }

// settledCorrections counts the corrections of the given reports whose
// cell the parser now reads as the correction says.
func settledCorrections(ctx context.Context, conn *sql.Conn, where string) (int, error) {
	var n int
	err := conn.QueryRowContext(ctx, `SELECT count(*) FROM corrections c
		JOIN report_values v USING (report_id, section, row, col)
		WHERE c.`+where+` AND v.value IS NOT DISTINCT FROM c.value`).Scan(&n)
	return n, err
}
