package main

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, c := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go build in a checkout", debug.BuildInfo{
			GoVersion: "go1.26.8",
			Main:      debug.Module{Path: "kitgen", Version: "v0.0.0-20261120100000-9a6b05310000+dirty"},
			Settings: settings("GOOS", "linux", "GOARCH", "amd64", "vcs", "git",
				"vcs.revision", "9a6b0531c2d4e5f60718293a4b5c6d7e8f901234", "vcs.time", "2026-11-20T10:00:00Z", "vcs.modified", "true"),
		}, "kitgen v0.0.0-20261120100000-9a6b05310000+dirty (revision 9a6b0531c2d4e5f60718293a4b5c6d7e8f901234, 2026-11-20T10:00:00Z, with uncommitted changes) go1.26.8 linux/amd64"},
		{"a clean checkout", debug.BuildInfo{
			GoVersion: "go1.26.8",
			Main:      debug.Module{Path: "kitgen", Version: "v1.2.0"},
			Settings:  settings("GOOS", "darwin", "GOARCH", "arm64", "vcs.revision", "abc", "vcs.time", "2026-11-20T10:00:00Z", "vcs.modified", "false"),
		}, "kitgen v1.2.0 (revision abc, 2026-11-20T10:00:00Z) go1.26.8 darwin/arm64"},
		{"go install of a release", debug.BuildInfo{
			GoVersion: "go1.26.8",
			Main:      debug.Module{Path: "kitgen", Version: "v1.2.0"},
			Settings:  settings("GOOS", "linux", "GOARCH", "amd64"),
		}, "kitgen v1.2.0 (no revision: built outside a checkout, or with -buildvcs=false) go1.26.8 linux/amd64"},
		{"no build information", debug.BuildInfo{}, "kitgen (devel) (no revision: built outside a checkout, or with -buildvcs=false)"},
	} {
		if got := version(&c.bi); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
