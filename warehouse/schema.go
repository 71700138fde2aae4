package warehouse

// The schema, one migration per version. A database records its version in
// schema_version; Open migrates an older one and refuses a newer one. To
// change the schema, append a migration (never edit a released one) and bump
// SchemaVersion. Views are rebuilt after every migration, so a view change
// also needs a (possibly empty) migration to reach old databases.

// SchemaVersion is the version this program writes: the last migration's.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

type migration struct {
	version int
	note    string
	sql     string
}

var migrations = []migration{
	{1, "initial schema: reports, values, checks, prose, warnings, jurisdictions", schemaV1},
	{2, "summary_cells: the cells of requests_summary per report, kept at load", summaryCellsDDL()},
	{3, "load_batches.reparsed: documents whose parsed data a batch replaced", `ALTER TABLE load_batches ADD COLUMN reparsed INTEGER DEFAULT 0`},
	{4, "url_state and fetch_log: the crawler's per-URL memory and every request it made (crawlschema.go)", crawlDDL},
	{5, "runs, run_sites, run_documents, run_alerts, report_similarity: run reports and alerts (runs.go)", runsDDL},
}

const schemaV1 = `
CREATE TABLE schema_version (
	version    INTEGER NOT NULL,
	applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	note       VARCHAR
);
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE jurisdictions (
	code             VARCHAR PRIMARY KEY,  -- 六位行政区划代码
	name             VARCHAR NOT NULL,
	level            VARCHAR NOT NULL,     -- province, prefecture, county
	parent_code      VARCHAR,
	province_code    VARCHAR,
	province         VARCHAR,
	prefecture_code  VARCHAR,              -- NULL for provinces and counties directly under one
	prefecture       VARCHAR,
	full_name        VARCHAR,
	statistical_only BOOLEAN               -- 统计用 functional zone (开发区), not in GB/T 2260
);

CREATE TABLE load_batches (
	batch_id     BIGINT PRIMARY KEY,
	started_at   TIMESTAMP,
	committed_at TIMESTAMP,
	documents    INTEGER,   -- documents handed to the load
	added        INTEGER,   -- new report versions written
	unchanged    INTEGER,   -- documents already present (same sha256)
	superseded   INTEGER,   -- older versions this batch made non-current
	program      VARCHAR
);

CREATE TABLE reports (
	report_id         BIGINT PRIMARY KEY,
	sha256            VARCHAR NOT NULL UNIQUE, -- of the raw document bytes
	source_url        VARCHAR,                 -- where the bytes came from (URL or file://)
	jurisdiction      VARCHAR,                 -- as the parser read it
	jurisdiction_code VARCHAR,                 -- 六位代码; NULL when unknown or ambiguous
	jurisdiction_via  VARCHAR,                 -- evidence that decided the code
	agency            VARCHAR,
	agency_kind       VARCHAR,                 -- government, department, town, unknown
	year              INTEGER,
	template          VARCHAR,                 -- 2019, 2021 or NULL
	title             VARCHAR,
	published         DATE,
	form              VARCHAR,
	checks_failed     INTEGER,
	checks_run        INTEGER,
	values_found      INTEGER,
	warnings          INTEGER,
	identity          VARCHAR,                 -- code (or ?name@site)|agency|year shared by versions
	version           INTEGER,                 -- 1, 2 … within the identity
	is_current        BOOLEAN NOT NULL,
	superseded_by     BIGINT,
	batch_id          BIGINT,
	loaded_at         TIMESTAMP
);

CREATE TABLE report_values (
	report_id BIGINT NOT NULL,
	section   VARCHAR NOT NULL,
	row       VARCHAR NOT NULL,
	col       VARCHAR NOT NULL,
	value     DOUBLE,
	raw       VARCHAR
);

CREATE TABLE report_checks (
	report_id BIGINT NOT NULL,
	name      VARCHAR NOT NULL,
	key       VARCHAR,
	ok        BOOLEAN NOT NULL,
	detail    VARCHAR
);

CREATE TABLE report_prose (
	report_id BIGINT NOT NULL,
	seq       INTEGER NOT NULL,
	heading   VARCHAR,
	text      VARCHAR
);

CREATE TABLE report_warnings (
	report_id BIGINT NOT NULL,
	seq       INTEGER NOT NULL,
	stage     VARCHAR NOT NULL,   -- parse or resolve
	message   VARCHAR NOT NULL
);
`
