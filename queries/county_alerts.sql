-- county_alerts: What needs a look in one division: its alerts of the last completed run, its cross-year failures and its reports' failed checks?
-- One row per alert: the last completed run's run_alerts of the division (late or missing
-- reports, vanished reports, the same text as last year), each cross-year check its current
-- reports fail (view cross_year_checks), and each current report with failed in-report checks.
-- param: code=  the division's 六位代码
SELECT a.alert, a.year, a.agency, a.report_id, a.detail
FROM run_alerts a
WHERE a.jurisdiction_code = $code AND a.alert <> 'cross_year'
  AND a.run_id = (SELECT max(run_id) FROM runs WHERE status = 'completed')
UNION ALL
SELECT 'cross_year', x.year, x.agency, x.report_id, x.detail
FROM cross_year_checks x
WHERE x.jurisdiction_code = $code AND NOT x.ok
UNION ALL
SELECT 'failed_checks', r.year, r.agency, r.report_id, r.checks_failed || ' 项勾稽校验未通过'
FROM current_reports r
WHERE r.jurisdiction_code = $code AND r.checks_failed > 0
ORDER BY year DESC NULLS LAST, alert, agency;
