package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Run reports: what every `disclosure run` (by hand or from `schedule`)
// did, per site, and the alerts it raised. A run is recorded in two short
// writes, StartRun and FinishRun, so the database is free for queries and
// loads in between; a run that never finished (killed, power lost) keeps
// status 'running' until the next StartRun marks it 'interrupted'.
//
// The alerts read url_state (the crawler's per-URL memory, urlstate.go)
// for reports gone from their site.

// Run statuses.
const (
	RunRunning     = "running"
	RunCompleted   = "completed"
	RunInterrupted = "interrupted"
	RunFailed      = "failed"
	RunSkipped     = "skipped"
)

// RunStart identifies a run when it begins.
type RunStart struct {
	Trigger string // "run", "schedule" or "demo"
	Started time.Time
	Host    string
	PID     int
	Program string
	Version string // the build that runs; empty: the DB's Options.Version
}

// RunSite is one site's line of a run report.
type RunSite struct {
	URL, Code, Name string
	Discovered      int
	Fetched         int
	Unchanged       int
	New             int
	Changed         int
	Failed          int
	ParseFailures   int
	ChecksFailed    int
	Loaded          int
	Gone            int
	Duration        time.Duration
	Error           string

	// What the crawl learnt about the site beyond its counts (issue 11).
	Platform      string // CMS platform of its column, "" none
	BlockedKind   string // js-challenge, js-shell, no-list; "" not blocked
	BlockedStatus int
	BlockedMarker string
	BlockedURL    string
	SiteID        string // 网站标识码, "" none
	SiteIDOwner   string // county, prefecture, province; "" with a SiteID: another division
	Notes         string // limits reached, robots.txt, unreachable: "; "-joined phrases
}

// RunDocument is one document a run parsed.
type RunDocument struct {
	SiteURL, URL, Kind, SHA256 string
	Outcome                    string
	ReportID                   int64 // 0: none
	ChecksFailed               int
	Detail                     string
}

// Alert is one row of the alerts query.
type Alert struct {
	Kind, SiteURL, Code, Place, Agency string
	Year                               int
	ReportID                           int64
	URL, Detail                        string
}

// AlertQuery is the SQL that lists the alerts (the named query `alerts`)
// with its bound arguments. Its columns: alert, site_url,
// jurisdiction_code, place, agency, year, report_id, url, detail.
type AlertQuery struct {
	SQL  string
	Args []any
}

// RunReport is everything FinishRun records.
type RunReport struct {
	Status    string // RunCompleted, RunInterrupted or RunFailed
	Error     string
	Finished  time.Time
	Sites     []RunSite
	Documents []RunDocument
	// URLs are the crawler's records of this run, written to url_state
	// (a crawl kept in a state file mirrors it here, so SQL sees what is gone).
	URLs []URLState
	// Alerts, when set, is evaluated after everything else is written, in
	// the same transaction, and its rows are stored with the run.
	Alerts *AlertQuery
	// Similarity, when set, is report_similarity's update read ahead
	// (ReadSimilarity) with nothing written since: its pairs are added,
	// then any still missing.
	Similarity *Similarity
}

// StartRun records a run as running and returns its id. The caller holds
// the run lock, so any other run still marked running ended without
// finishing: it is marked interrupted.
func (db *DB) StartRun(ctx context.Context, s RunStart) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(conn *sql.Conn) error {
		if _, err := conn.ExecContext(ctx, `UPDATE runs SET status = ?, error = coalesce(error, ?) WHERE status = ?`,
			RunInterrupted, "the process ended before the run finished (killed, crashed or stopped)", RunRunning); err != nil {
			return err
		}
		if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) + 1 FROM runs`).Scan(&id); err != nil {
			return err
		}
		_, err := conn.ExecContext(ctx, `INSERT INTO runs (run_id, trigger, status, started_at, host, pid, program, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, s.Trigger, RunRunning, s.Started.UTC(), s.Host, s.PID, s.Program, db.versionOf(s))
		return err
	})
	return id, err
}

// versionOf is the version a run records: its own, else the database's.
func (db *DB) versionOf(s RunStart) string {
	if s.Version != "" {
		return s.Version
	}
	return db.build
}

// RecordSkipped records a run that did not start (another held the lock).
func (db *DB) RecordSkipped(ctx context.Context, s RunStart, why string) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(conn *sql.Conn) error {
		if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) + 1 FROM runs`).Scan(&id); err != nil {
			return err
		}
		_, err := conn.ExecContext(ctx, `INSERT INTO runs (run_id, trigger, status, started_at, finished_at, host, pid, program, error, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, s.Trigger, RunSkipped, s.Started.UTC(), s.Started.UTC(), s.Host, s.PID, s.Program, why, db.versionOf(s))
		return err
	})
	return id, err
}

// FinishRun writes a run's sites, documents and the crawl URL states,
// brings report_similarity up to date, sets the run's totals and status,
// and evaluates and stores its alerts: one transaction, so a run report is
// whole or absent.
func (db *DB) FinishRun(ctx context.Context, id int64, rep RunReport) ([]Alert, error) {
	var alerts []Alert
	err := db.inTx(ctx, func(conn *sql.Conn) error {
		if err := appendRunSites(conn, id, rep.Sites); err != nil {
			return err
		}
		if err := appendRunDocuments(conn, id, rep.Documents); err != nil {
			return err
		}
		if err := putURLStates(ctx, conn, rep.URLs); err != nil {
			return err
		}
		if _, err := updateSimilarity(ctx, conn, rep.Similarity); err != nil {
			return fmt.Errorf("report similarity: %w", err)
		}
		_, err := conn.ExecContext(ctx, `UPDATE runs SET status = $status, error = $error, finished_at = $finished,
			sites = t.sites, sites_failed = t.sites_failed, discovered = t.discovered, fetched = t.fetched,
			unchanged = t.unchanged, new = t.new, changed = t.changed, failed = t.failed,
			parse_failures = t.parse_failures, checks_failed = t.checks_failed, loaded = t.loaded, gone = t.gone
			FROM (SELECT count(*) AS sites, count(error) AS sites_failed,
				coalesce(sum(discovered), 0) AS discovered, coalesce(sum(fetched), 0) AS fetched,
				coalesce(sum(unchanged), 0) AS unchanged, coalesce(sum(new), 0) AS new,
				coalesce(sum(changed), 0) AS changed, coalesce(sum(failed), 0) AS failed,
				coalesce(sum(parse_failures), 0) AS parse_failures, coalesce(sum(checks_failed), 0) AS checks_failed,
				coalesce(sum(loaded), 0) AS loaded, coalesce(sum(gone), 0) AS gone
				FROM run_sites WHERE run_id = $id) t
			WHERE runs.run_id = $id`,
			sql.Named("status", rep.Status), sql.Named("error", nullable(rep.Error)), sql.Named("finished", rep.Finished.UTC()), sql.Named("id", id))
		if err != nil {
			return err
		}
		if rep.Alerts == nil {
			return nil
		}
		if alerts, err = queryAlerts(ctx, conn, *rep.Alerts); err != nil {
			return fmt.Errorf("alerts: %w", err)
		}
		if err := appendRunAlerts(conn, id, alerts); err != nil {
			return err
		}
		_, err = conn.ExecContext(ctx, `UPDATE runs SET alerts = ? WHERE run_id = ?`, len(alerts), id)
		return err
	})
	return alerts, err
}

// HandledDocuments returns the sha256 of every document a run need not
// parse again: those stored as reports, and those an earlier run parsed and
// found without statistics, in a form not read yet, or broken (`disclosure
// reparse` retries those after a parser upgrade). An unreadable document (a
// scan) is not among them: every run reads it again, so that its report
// names it and unreadable_documents.seen_at follows it until it is read.
func (db *DB) HandledDocuments(ctx context.Context) (map[string]bool, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT sha256 FROM reports
		UNION SELECT sha256 FROM run_documents WHERE sha256 IS NOT NULL AND outcome IN ('no_statistics', 'unsupported', 'parse_error')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		m[s] = true
	}
	return m, rows.Err()
}

func appendRunSites(conn *sql.Conn, id int64, sites []RunSite) error {
	return withAppender(conn, "run_sites", func(a *duckdb.Appender) error {
		for _, s := range sites {
			if err := a.AppendRow(id, s.URL, nullable(s.Code), nullable(s.Name), int32(s.Discovered), int32(s.Fetched),
				int32(s.Unchanged), int32(s.New), int32(s.Changed), int32(s.Failed), int32(s.ParseFailures),
				int32(s.ChecksFailed), int32(s.Loaded), int32(s.Gone), s.Duration.Seconds(), nullable(s.Error),
				nullable(s.Platform), nullable(s.BlockedKind), nullableInt(s.BlockedStatus, s.BlockedKind != ""), nullable(s.BlockedMarker),
				nullable(s.BlockedURL), nullable(s.SiteID), nullable(s.SiteIDOwner), nullable(s.Notes)); err != nil {
				return err
			}
		}
		return nil
	})
}

// nullableInt is n as an INTEGER, or NULL when not set.
func nullableInt(n int, set bool) any {
	if !set {
		return nil
	}
	return int32(n)
}

func appendRunDocuments(conn *sql.Conn, id int64, docs []RunDocument) error {
	return withAppender(conn, "run_documents", func(a *duckdb.Appender) error {
		for _, d := range docs {
			var rid any
			if d.ReportID != 0 {
				rid = d.ReportID
			}
			if err := a.AppendRow(id, nullable(d.SiteURL), d.URL, nullable(d.Kind), nullable(d.SHA256), d.Outcome, rid,
				int32(d.ChecksFailed), nullable(d.Detail)); err != nil {
				return err
			}
		}
		return nil
	})
}

func appendRunAlerts(conn *sql.Conn, id int64, alerts []Alert) error {
	return withAppender(conn, "run_alerts", func(a *duckdb.Appender) error {
		for _, al := range alerts {
			var year, rid any
			if al.Year != 0 {
				year = int32(al.Year)
			}
			if al.ReportID != 0 {
				rid = al.ReportID
			}
			if err := a.AppendRow(id, al.Kind, nullable(al.SiteURL), nullable(al.Code), nullable(al.Place), nullable(al.Agency),
				year, rid, nullable(al.URL), nullable(al.Detail)); err != nil {
				return err
			}
		}
		return nil
	})
}

// queryAlerts runs the alert query and reads its rows.
func queryAlerts(ctx context.Context, conn *sql.Conn, q AlertQuery) ([]Alert, error) {
	rows, err := conn.QueryContext(ctx, q.SQL, q.Args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var site, code, place, agency, url, detail sql.NullString
		var year, rid sql.NullInt64
		var a Alert
		if err := rows.Scan(&a.Kind, &site, &code, &place, &agency, &year, &rid, &url, &detail); err != nil {
			return nil, err
		}
		a.SiteURL, a.Code, a.Place, a.Agency, a.URL, a.Detail = site.String, code.String, place.String, agency.String, url.String, detail.String
		a.Year, a.ReportID = int(year.Int64), rid.Int64
		out = append(out, a)
	}
	return out, rows.Err()
}
