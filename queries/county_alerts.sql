-- county_alerts: What needs a look in one division: its alerts of the last completed run and its reports' failed checks?
-- One row per alert: the last completed run's run_alerts of the division (missing reports,
-- vanished reports, the same text as last year, cross-year failures), and each current report
-- with failed in-report checks. run_alerts, not the alerts query: that one compares every
-- publisher's years on each call, seconds on a national warehouse.
-- param: code=  the division's 六位代码
SELECT a.alert, a.year, a.agency, a.report_id, a.detail
FROM run_alerts a
WHERE a.jurisdiction_code = $code
  AND a.run_id = (SELECT max(run_id) FROM runs WHERE status = 'completed')
UNION ALL
SELECT 'failed_checks', r.year, r.agency, r.report_id, r.checks_failed || ' 项勾稽校验未通过'
FROM current_reports r
WHERE r.jurisdiction_code = $code AND r.checks_failed > 0
ORDER BY year DESC NULLS LAST, alert, agency;
