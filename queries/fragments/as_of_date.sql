-- as_of_date: the day the 31 March deadline is judged on: the as_of parameter, refused when it is
-- no date, or today in China (a server's clock may be UTC, 8 hours behind).
-- The query declares param as_of.
CASE WHEN $as_of = '' THEN CAST(timezone('Asia/Shanghai', current_timestamp) AS DATE)
	ELSE coalesce(TRY_CAST($as_of AS DATE), error('as_of ' || $as_of || ': want a date YYYY-MM-DD')) END
