// Package buildinfo says which build of disclosure is running: version,
// commit and build date (set by the Makefile through -ldflags -X, else
// read from the Go build information), for --version and provenance.
package buildinfo

import (
	"runtime/debug"
)

// Set by the Makefile: -ldflags "-X disclosure/internal/buildinfo.version=…".
var (
	version = ""
	commit  = ""
	date    = ""
)

// Info is one build's identity.
type Info struct {
	Version, Commit, Date string
	Modified              bool // built from a tree with uncommitted changes
}

// Read returns the build's identity: the -ldflags values where set, else
// what the Go toolchain recorded (the VCS revision and time of a build in
// a git checkout), else "dev" and "unknown".
func Read() Info {
	i := Info{Version: version, Commit: commit, Date: date}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if i.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			i.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if i.Commit == "" {
					i.Commit = s.Value
				}
			case "vcs.time":
				if i.Date == "" {
					i.Date = s.Value
				}
			case "vcs.modified":
				i.Modified = s.Value == "true"
			}
		}
	}
	if i.Version == "" {
		i.Version = "dev"
	}
	if i.Commit == "" {
		i.Commit = "unknown"
	}
	if i.Date == "" {
		i.Date = "unknown"
	}
	return i
}

// Short is version and commit in one word, for provenance columns.
func (i Info) Short() string {
	c := i.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	s := i.Version + "+" + c
	if i.Modified {
		s += "-dirty"
	}
	return s
}
