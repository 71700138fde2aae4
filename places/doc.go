// Package places knows China's administrative divisions and the bodies that
// publish annual reports: which division a report belongs to, and what kind
// of publisher wrote it. It does no I/O beyond its embedded data.
//
//	divisions.go  the national division table (data/divisions.csv, towns.csv)
//	names.go      name variants: short names, agency suffixes, text cleaning
//	resolve.go    the resolver: evidence (site, fields, title, body) → 六位代码
//	publisher.go  publisher kinds: a division's government, department, town …
package places
