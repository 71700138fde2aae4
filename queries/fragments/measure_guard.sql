-- measure_guard: the CTE guard, which stops the query with a message naming the measure when
-- $measure is not a numeric column of requests_summary (rather than an empty result).
-- The query declares param measure and joins guard where it reads the measure.
guard AS MATERIALIZED (
	SELECT CASE WHEN NOT EXISTS (
		SELECT 1 FROM information_schema.columns
		WHERE table_name = 'requests_summary' AND column_name = $measure
		  AND data_type IN ('DOUBLE', 'INTEGER', 'BIGINT'))
	THEN error('unknown measure ' || $measure || ': use a numeric column of requests_summary, e.g. received, grant_rate, lawsuits')
	END AS ok
)
