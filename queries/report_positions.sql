-- report_positions: Where on its pages was each value of one PDF report printed?
-- One row per value read from a PDF: its page and the box of its printed text, in PDF points
-- from the page's top-left corner, with the page's size. None for HTML, text or Word reports.
-- param: id=0  report_id
SELECT section, row, col, page, x0, y0, x1, y1, page_width, page_height
FROM value_positions
WHERE report_id = CAST($id AS BIGINT)
ORDER BY section, row, col;
