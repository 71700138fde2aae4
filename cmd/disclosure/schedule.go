package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

func scheduleCommand() *cobra.Command {
	var f crawlFlags
	var spec, tz string
	c := &cobra.Command{
		Use:   "schedule",
		Short: "run `run` on a cron spec (default 02:00 Asia/Shanghai) until stopped; JSON logs",
		Long: `Run the pass of ` + "`disclosure run`" + ` on a schedule until stopped (SIGINT/SIGTERM finish
the current write, record the pass as interrupted, then stop). Every pass is a row of runs,
one skipped because another run held the lock too. Logs are JSON lines on stderr.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if !c.Flags().Changed("log") {
				f.logFormat = "json"
			}
			if err := f.setup(c.ErrOrStderr()); err != nil {
				return err
			}
			loc, err := time.LoadLocation(tz)
			if err != nil {
				return usageError{fmt.Errorf("--tz %q: %w", tz, err)}
			}
			ctx, stop := signalContext()
			defer stop()
			return pipeline.Schedule(ctx, spec, loc, f.opt, f.store, c.ErrOrStderr())
		},
	}
	f.register(c.Flags())
	c.Flags().StringVar(&spec, "cron", pipeline.DefaultCron, "when to run: 5-field cron (minute hour day month weekday) or @daily, @every 6h …")
	c.Flags().StringVar(&tz, "tz", "Asia/Shanghai", "time zone of --cron")
	return c
}
