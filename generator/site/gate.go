package site

import (
	"maps"
	"slices"
	"time"

	"kitgen/generator/content"
	"kitgen/generator/gate"
)

// check is the leak gate, the build's last step: the gate learned each
// page rendered whole as it rendered it (Live.render); check scans every
// file written for the candidate since it last ran. A finding is an
// error, so that the build stops before the site is swapped in or served.
func (l *Live) check() time.Duration {
	start := time.Now()
	l.gateErrs = nil
	for _, sc := range l.scans {
		if src, run, ok := l.gate.Check(sc.f); ok {
			src, line := l.leakAt(src, run)
			l.gateErrs = append(l.gateErrs, gate.Leak(sc.name, src, line))
		}
	}
	l.scans = nil
	return time.Since(start)
}

// leakAt is the source and line where panel run h stands; src is the
// source when the gate knows it. The gate keeps no lines, and a one-off
// build neither text nor the runs of each source: the sources are read
// and parsed again, which only a leak costs.
func (l *Live) leakAt(src string, h uint64) (string, int) {
	paths := []string{src}
	if src == "" {
		paths = slices.Sorted(maps.Keys(l.sources))
	}
	for _, path := range paths {
		p, err := content.ReadPage(l.src, path)
		if err != nil {
			continue
		}
		doc, _ := l.g.parse(p)
		if line := gate.Line(doc, hasPrep(p), h); line > 0 || src != "" {
			return path, line
		}
	}
	return src, 0
}
