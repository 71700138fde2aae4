package warehouse

// The report tables of migration 1 (reports, report_values, checks, prose,
// warnings, jurisdictions, load_batches): their DDL and the description of
// every column for dictionary.csv. Migration 16 dropped reports' PRIMARY
// KEY and UNIQUE (uniqueness.go), and migration 14 named the compression
// of the other report tables' text (compression.go).

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

// columnDocs describes columns by name; "object.column" overrides.
var columnDocs = map[string]string{
	"report_id":                      "Identifier of one stored report version (one document)",
	"sha256":                         "SHA-256 of the raw document bytes; the same bytes are never stored twice",
	"source_url":                     "Where the document came from: its URL, or file:// path when loaded by hand",
	"jurisdiction":                   "Jurisdiction as the parser read it from the report",
	"jurisdiction_code":              "六位行政区划代码 of the report's division (a department, town or street gets its county's code); NULL when unknown or ambiguous (see report_warnings)",
	"jurisdiction_via":               "Which evidence decided jurisdiction_code: site, jurisdiction, agency, title or body",
	"agency":                         "Publishing body as printed (e.g. 伊宁县人民政府办公室)",
	"agency_kind":                    "Publisher kind: government (the division's own government report, including a zone's 管委会 that governs a county-level division), department, town (township, town or street office), or other (not named, or neither)",
	"year":                           "Statistics year the report covers; NULL when unknown",
	"template":                       "National layout the tables follow: 2019 (国办公开办函〔2019〕60号) or 2021 (〔2021〕30号); NULL when no table was found",
	"title":                          "Report title",
	"published":                      "Publication date printed on the page, when found",
	"form":                           "How the document arrived: html, text, docx …",
	"checks_failed":                  "Number of accounting checks (勾稽关系) that do not hold in the printed numbers",
	"checks_run":                     "Number of accounting checks the report's cells allowed",
	"values_found":                   "Number of statistics cells found",
	"warnings":                       "Number of parse, resolve and load warnings (see report_warnings)",
	"identity":                       "Key shared by the versions of one report: code|agency|year; without a code, ?name@site|agency|year, so two places of the same name are never taken for versions of one report",
	"version":                        "1 for the first document of an identity, 2 for the next …",
	"is_current":                     "Whether this version is the one the views show",
	"superseded_by":                  "report_id of the version that replaced this one",
	"batch_id":                       "Load batch that wrote the row (see load_batches)",
	"loaded_at":                      "When the row was written (UTC)",
	"section":                        "Canonical section: proactive (表二), requests (表三), review (表四)",
	"row":                            "Canonical row key (see keys.csv)",
	"col":                            "Canonical column key (see keys.csv)",
	"value":                          "The number as printed (万元 for money); NULL where the cell is blank, /, — or 无",
	"raw":                            "The cell's printed text",
	"current_values.count":           "The cell's number when it is a count (an integer); NULL for money cells and where the cell is blank",
	"current_values.amount_10k_yuan": "The cell's number when it is money (万元, a decimal); NULL for counts and where the cell is blank",
	"name":                           "Name",
	"key":                            "Row or column the check covers",
	"ok":                             "Whether the check holds",
	"detail":                         "The numbers compared when the check failed, each cell by its key (new 3 + carried_over 0 = 3 vs handled_total 2 + carried_forward 0 = 2); NULL where it holds",
	"seq":                            "Order within the report",
	"heading":                        "Heading of the prose section (一、总体情况 …)",
	"text":                           "Text of the prose section",
	"stage":                          "Which step warned: parse, resolve or load",
	"message":                        "The warning",
	"code":                           "六位行政区划代码",
	"level":                          "province, prefecture or county",
	"parent_code":                    "Code of the division one level up (a county directly under a province or municipality has the province)",
	"province_code":                  "Code of the province",
	"province":                       "Province name",
	"prefecture_code":                "Code of the prefecture-level division; NULL for provinces and counties directly under one",
	"prefecture":                     "Prefecture-level division name",
	"full_name":                      "Name qualified by province and prefecture",
	"statistical_only":               "统计用 functional zone (开发区, 管理区: county part 71-80), not a GB/T 2260 division",
	"started_at":                     "When the load began (UTC)",
	"committed_at":                   "When the load committed (UTC)",
	"documents":                      "Documents handed to the load",
	"added":                          "New report versions written",
	"unchanged":                      "Documents already stored (same sha256), skipped",
	"superseded":                     "Older versions this load made non-current",
	"reparsed":                       "Stored documents whose parsed data this load replaced (reparse)",
	"program":                        "Program that wrote the batch",
	"load_batches.version":           "Version and commit of the build that wrote the batch (disclosure --version)",
	"division":                       "Name of the division jurisdiction_code names",
	"division_level":                 "Level of that division: province, prefecture or county",

	"jurisdictions.name":    "Division name as in the national table",
	"report_checks.name":    "Check: requests_balance, requests_outcomes, requests_row_total, review_total",
	"report_checks.key":     "Row or column the check covers",
	"reports.checks_failed": "Number of accounting checks (勾稽关系) that do not hold in the printed numbers",
}
