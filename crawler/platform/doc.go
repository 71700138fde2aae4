// Package platform lists the report columns of the CMS platforms county
// government sites run on, where the list is not in the page's links: a
// script names the page files, an inline XML record set and a proxy, a JSON
// API, or an HTML fragment fetched by XHR. It never bypasses a challenge:
// a page that keeps its list from a plain client is a Blocked result with
// its evidence.
//
// # Calling it
//
// The crawler fetches a column page and calls
//
//	l, err := platform.List(ctx, page, fetcher, platform.Options{MaxPages: 100})
//
// List checks for a JS challenge (Challenge), picks the adapter by what the
// page shows (Detect: URL shape, scripts, markup; never a list of sites),
// and walks the column to its end. ErrNoPlatform means a plain page: the
// crawler's own static discovery applies (after Shell has ruled out a
// JS-only shell, which List does). The Fetcher is the crawler's (paced,
// robots.txt-obeying, size-capped); HTTPFetcher is a plain one for tests.
//
// A Listing carries the Items (title, absolute URL, date, attachments),
// each URL once; the pages and API calls read (Pages, Requests); the total
// the platform declared (Declared, -1 when none: fewer items than declared
// means part of the column could not be reached); Truncated when the page
// cap stopped the walk; and Blocked (Kind js-challenge, js-shell or
// no-list, with URL, status and the marker seen) when the walk met a wall.
//
// # Layout
//
//	platform.go     Request, Page, Fetcher, Adapter, Listing; Detect, List
//	walk.go         the page budget and de-duplication every walk shares
//	sign.go         the substring tests each Recognize makes before its regex
//	blocked.go      Blocked, Challenge (瑞数 $_ts, 加速乐 __jsl_clearance, WZWS), Shell
//	items.go        list markup → Items (record = the link's li/tr/dl/p)
//	trs.go          TRS createPageHTML (4- and 6-argument), var countPage
//	hanweb.go       大汉 jcms: inline <datastore>, dataproxy.jsp, uid&pageNum
//	hanwebxxgk.go   大汉 信息公开 module: search.jsp, xxgkAnnualReport.jsp
//	gkmlpt.go       Guangdong gkmlpt: _CONFIG SID/TREE, /api/all; GkmlptArticle
//	fujian.go       Fujian TRS: static <dl> list, POST /fjdzapp/search
//	publiccolumn.go /public/column/{organId}: /site/label publicInfoList fragments
//	sitecode.go     网站标识码 from SiteIDCode / _jiucuo_ / footer; Owner
//	probe.go        ProbeColumn: one look at a column for `sites check`
//	text.go         charset decoding for reading pages
//	platformsim/    Hanweb and gkmlpt sites served from a list of reports
//	testdata/sites/ imitation sites, fixed bytes + route tables (see its README)
//
// Every pattern comes from third-party scrapers and archives
// (PLATFORMS.md in the project's shared notes), not from live sites; each
// is pinned down by an imitation site under testdata/sites.
package platform
