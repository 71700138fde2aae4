package warehouse

// crawlDDL is the migration that gives the crawler's memory and its fetch
// log a home beside reports (they join on sha256 and source_url = url).
// Neither table has a foreign key: a fetch is logged whether or not its
// document ever becomes a report, and nothing here is ever deleted.
// IF NOT EXISTS: tests rewind the schema version without dropping tables.
const crawlDDL = `
CREATE TABLE IF NOT EXISTS url_state (
	url           VARCHAR PRIMARY KEY,
	site          VARCHAR NOT NULL,  -- the registry row's URL that found it
	site_code     VARCHAR,           -- that row's 六位代码
	kind          VARCHAR NOT NULL,  -- robots, listing, report, attachment
	etag          VARCHAR,           -- validators of the last 200, sent back next crawl
	last_modified VARCHAR,
	sha256        VARCHAR,           -- last body stored (raw store key)
	content_type  VARCHAR,
	first_seen    TIMESTAMP,
	last_changed  TIMESTAMP,         -- when sha256 last took a new value
	last_fetched  TIMESTAMP,
	last_status   INTEGER,           -- 0: no response
	last_error    VARCHAR,
	gone          BOOLEAN NOT NULL DEFAULT false,
	gone_since    TIMESTAMP,
	gone_reason   VARCHAR            -- 404, 410, unlisted
);

CREATE TABLE IF NOT EXISTS fetch_log (
	fetched_at    TIMESTAMP NOT NULL, -- when the request started (UTC)
	site          VARCHAR,
	site_code     VARCHAR,
	kind          VARCHAR,
	url           VARCHAR NOT NULL,   -- as discovered (a redirect hop: where the chain began)
	final_url     VARCHAR,            -- where this request went
	referrer      VARCHAR,
	link_text     VARCHAR,
	status        INTEGER,            -- 0: no response (network error, robots.txt refusal)
	content_type  VARCHAR,
	sniffed       VARCHAR,            -- what the bytes are: html, pdf, ole, zip, text, binary
	etag          VARCHAR,
	last_modified VARCHAR,
	headers       VARCHAR,            -- JSON of the provenance headers kept
	bytes         BIGINT,
	sha256        VARCHAR,
	raw_path      VARCHAR,
	changed       BOOLEAN,
	not_modified  BOOLEAN,
	attempt       INTEGER,
	retrying      BOOLEAN,
	duration_ms   DOUBLE,
	error         VARCHAR
);
`
