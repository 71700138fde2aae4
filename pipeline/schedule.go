package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Shanghai on machines without a zoneinfo database

	"github.com/robfig/cron/v3"

	"disclosure/warehouse"
)

// DefaultCron is when the nightly pass runs: 02:00, when county sites are
// quiet, in the time zone of --tz.
const DefaultCron = "0 2 * * *"

// Schedule is `disclosure schedule`: RunPass on a cron spec in loc until
// ctx ends. Every pass is recorded in runs, including one skipped because
// another run held the lock.
func Schedule(ctx context.Context, spec string, loc *time.Location, o CrawlOptions, store Store, log io.Writer) error {
	return schedule(ctx, spec, loc, o.logger(), func(pctx context.Context) {
		scheduledPass(pctx, o, store, log)
	})
}

// schedule runs pass on spec until ctx ends, then stops taking new passes,
// cancels the running one (which finishes its current write and records
// itself as interrupted) and waits for it. A pass still running when the
// next is due makes that one skip; a panicking pass is logged and the
// schedule goes on.
func schedule(ctx context.Context, spec string, loc *time.Location, log *slog.Logger, pass func(context.Context)) error {
	cl := cronLogger{log}
	// SkipIfStillRunning outside Recover: a recovered panic still releases
	// the "running" slot; the other way round one panic would skip every
	// later pass.
	c := cron.New(cron.WithLocation(loc), cron.WithLogger(cl),
		cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)))
	sched, err := parseSpec(spec, loc)
	if err != nil {
		return err
	}
	passCtx, cancelPass := context.WithCancel(context.Background())
	defer cancelPass()
	id := c.Schedule(sched, cron.FuncJob(func() { pass(passCtx) }))
	c.Start()
	log.Info("schedule started", "cron", spec, "tz", loc.String(), "next", c.Entry(id).Next.Format(time.RFC3339), "pid", os.Getpid())
	<-ctx.Done()
	log.Info("stopping: no new passes; a running pass finishes its current write and records itself")
	stopped := c.Stop() // no new passes
	cancelPass()
	<-stopped.Done()
	log.Info("schedule stopped")
	return nil
}

// parseSpec reads spec as cron.New's own parser does, and refuses one
// that never fires (0 0 30 2 *) or an @every under a second (@every 1ms,
// @every 0s, @every -1h: cron would run it every second, a crawl loop; a
// five-field spec fires at most once a minute).
func parseSpec(spec string, loc *time.Location) (cron.Schedule, error) {
	if d, ok := strings.CutPrefix(strings.TrimSpace(spec), "@every "); ok {
		if every, err := time.ParseDuration(strings.TrimSpace(d)); err == nil && every < time.Second {
			return nil, fmt.Errorf("--cron %q: want an interval of a second or more", spec)
		}
	}
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("--cron %q: %w", spec, err)
	}
	first := sched.Next(time.Now().In(loc))
	if first.IsZero() {
		return nil, fmt.Errorf("--cron %q: it never fires", spec)
	}
	return sched, nil
}

// scheduledPass is one pass of the schedule; its outcome goes to the log
// (the run report is in the warehouse).
func scheduledPass(ctx context.Context, o CrawlOptions, store Store, log io.Writer) {
	logger := o.logger()
	res, err := RunPass(ctx, "schedule", o, store, log)
	var locked *LockedError
	switch {
	case errors.As(err, &locked):
		logger.Error("pass skipped: another run holds the lock", "holder", locked.Holder, "lock", locked.Path)
		recordSkipped(store, logger, locked.Error())
	case err != nil:
		logger.Error("pass did not complete", "err", err.Error())
	}
	if res == nil {
		return
	}
	for _, s := range res.Sites {
		if s.Error != "" {
			logger.Warn("site failed", "run", res.RunID, "site", s.URL, "code", s.Code, "name", s.Name, "err", s.Error)
		}
	}
	for _, a := range res.Alerts {
		logger.Warn("alert", "run", res.RunID, "alert", a.Kind, "code", a.Code, "place", a.Place, "year", a.Year, "detail", a.Detail)
	}
}

// recordSkipped notes in runs that a scheduled pass found the lock taken.
func recordSkipped(store Store, logger *slog.Logger, why string) {
	host, _ := os.Hostname()
	start := warehouse.RunStart{Trigger: "schedule", Started: time.Now(), Host: host, PID: os.Getpid(), Program: warehouse.Program}
	err := store.Write(func(db *warehouse.DB) error {
		_, err := db.RecordSkipped(context.Background(), start, why)
		return err
	})
	if err != nil {
		logger.Error("recording the skipped pass", "err", err.Error())
	}
}

// cronLogger lets cron log through slog.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Warn("pass skipped: the previous one is still running")
		return
	}
	c.l.Debug("cron: "+msg, kv...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err.Error())...)
}
