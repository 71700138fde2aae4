-- report_cells: Which values did one report print, with researchers' corrections applied?
-- One row per cell read (or corrected): value NULL where the cell was printed blank, raw the
-- printed text, corrected whether a researcher's correction replaced the parser's value.
-- param: id=0  report_id
SELECT section, row, col, value, raw, corrected, parsed_value
FROM corrected_values
WHERE report_id = CAST($id AS BIGINT)
ORDER BY section, row, col;
