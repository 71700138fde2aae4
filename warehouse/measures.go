package warehouse

// reportMeasuresView gives each report version the headline measures the
// compare and county queries rank (queries/compare.sql, county_years.sql,
// county_reports.sql), computed once here from summary_cells. It is not
// requests_summary: that view adds the cross-year failures and the
// corrections count, a join of every report that makes a page 15–30×
// slower. The measures keep summary_cells' types (DOUBLE), as those
// queries always gave them. Internal, like corrected_values: not exported.
const reportMeasuresView = `CREATE OR REPLACE VIEW report_measures AS
SELECT report_id,
	c_new_total AS received, c_granted_total AS granted, c_handled_total_total AS handled,
	c_granted_total / NULLIF(c_handled_total_total, 0) AS grant_rate,
	c_recon_total AS reconsiderations,
	list_sum([c_lit_direct_total, c_lit_after_recon_total]) AS lawsuits,
	list_sum([c_recon_corrected, c_lit_direct_corrected, c_lit_after_recon_corrected]) AS corrected,
	c_fees_amount_10k_yuan AS fees_10k_yuan
FROM summary_cells`
