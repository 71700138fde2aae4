-- summary_filter: the condition that keeps the rows of requests_summary of the chosen division
-- level, publisher kind, province and prefecture (a name, its start or a code).
-- The query declares params level, kind, province and prefecture.
division_level = $level
AND ($kind = 'all' OR agency_kind = $kind)
AND ($province = '' OR province_code = $province OR province LIKE $province || '%')
AND ($prefecture = '' OR prefecture_code = $prefecture OR prefecture LIKE $prefecture || '%')
