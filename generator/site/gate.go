package site

import (
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
			l.gateErrs = append(l.gateErrs, gate.Leak(sc.name, src, l.leakLine(src, run)))
		}
	}
	l.scans = nil
	return time.Since(start)
}

// leakLine is the line of source path where panel run h stands. The gate
// keeps no lines, and a one-off build no text: the source is read and
// parsed again, which only a leak costs.
func (l *Live) leakLine(path string, h uint64) int {
	p, err := content.ReadPage(l.src, path)
	if err != nil {
		return 0
	}
	doc, _ := l.g.parse(p)
	return gate.Line(doc, hasPrep(p), h)
}
