package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"disclosure/pipeline"
)

// sitesCommand is `disclosure sites check|find`: growing the registry.
func sitesCommand() *cobra.Command {
	c := &cobra.Command{
		Use:   "sites",
		Short: "check the registered sites, or find a new county's annual-report column",
		Args:  noArgs,
	}
	c.AddCommand(sitesCheckCommand(), sitesFindCommand())
	return c
}

func sitesCheckCommand() *cobra.Command {
	opt := pipeline.DefaultCrawlOptions()
	c := &cobra.Command{
		Use:   "check",
		Short: "probe each registered column once: platform, entries listed, 网站标识码, blocked or moved",
		Long: `Probe each enabled site's registered column once, politely (robots.txt obeyed, --delay
between requests to one host), and print per site: the platform recognised (or static), the
entries listed, the 网站标识码 the page carries and whose it is, and whether the site blocks a
plain client (JS challenge, script-only shell) or moved to another host. Run it after adding
counties to the sites file. Exits 1 when a site needs a look.`,
		Example: "  disclosure sites check --sites my-sites.csv",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := checkPolite(opt); err != nil {
				return err
			}
			ctx, stop := signalContext()
			defer stop()
			checks, err := pipeline.CheckSites(ctx, opt)
			if len(checks) > 0 {
				if werr := pipeline.WriteSiteChecks(c.OutOrStdout(), checks); werr != nil {
					return werr
				}
			}
			if err != nil {
				return err
			}
			if n := pipeline.SitesNeedingALook(checks); n > 0 {
				return fmt.Errorf("%d of %d sites need a look", n, len(checks))
			}
			return nil
		},
	}
	politeFlags(c.Flags(), &opt)
	acceptDBFlag(c.Flags())
	return c
}

func sitesFindCommand() *cobra.Command {
	opt := pipeline.DefaultCrawlOptions()
	c := &cobra.Command{
		Use:   "find URL",
		Short: "walk from a county portal's root to its annual-report column and propose a registry row",
		Long: `Start from a county portal's root and walk as a crawl registered there would, by the
crawler's own rules: 首页 → 政府信息公开 → 年报 → year folders, platform columns (gkmlpt, Hanweb …)
listed as their scripts list them, politely (robots.txt, --delay). Each column met is shown
(platform, entries listed, reports reached, 网站标识码, blocked); the one reaching most reports
is proposed as a sites-file row.`,
		Example: "  disclosure sites find https://www.example.gov.cn/",
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("want one URL: the portal's root")}
			}
			if err := checkPolite(opt); err != nil {
				return err
			}
			ctx, stop := signalContext()
			defer stop()
			cands, err := pipeline.FindReportColumn(ctx, opt, args[0])
			if err != nil {
				return err
			}
			return pipeline.WriteColumnCandidates(c.OutOrStdout(), cands)
		},
	}
	politeFlags(c.Flags(), &opt)
	acceptDBFlag(c.Flags())
	return c
}
