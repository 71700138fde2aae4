-- last_ended_run: the run_id of the latest run that ended (not skipped, not still running: a
-- running run's sites are written when it ends).
(SELECT max(run_id) FROM runs WHERE status NOT IN ('skipped', 'running'))
