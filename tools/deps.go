//go:build tools

// Package tools pins the project's dependencies before every package uses them.
package tools

import (
	_ "github.com/PuerkitoBio/goquery"
	_ "github.com/duckdb/duckdb-go/v2"
	_ "github.com/gocolly/colly/v2"
	_ "github.com/longbridgeapp/opencc"
	_ "github.com/mattn/go-runewidth"
	_ "github.com/robfig/cron/v3"
	_ "golang.org/x/net/html"
	_ "golang.org/x/net/html/charset"
	_ "golang.org/x/term"
	_ "golang.org/x/text/width"
)
