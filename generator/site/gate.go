package site

import "time"

// check is the leak gate, the build's last step: the gate learned each
// page rendered whole as it rendered it (Live.render); check scans every
// file written for the candidate since it last ran. A finding is an
// error, so that the build stops before the site is swapped in or served.
func (l *Live) check() time.Duration {
	start := time.Now()
	l.gateErrs = nil
	for _, sc := range l.scans {
		if d := l.gate.Check(sc.name, sc.f); d != nil {
			l.gateErrs = append(l.gateErrs, d)
		}
	}
	l.scans = nil
	return time.Since(start)
}
