package serve

import (
	"io/fs"
	"path/filepath"
	"time"
)

// poll finds changes by listing the watched folders every so often: slower
// and costlier than notifications, but it works where they do not reach —
// network drives, WSL2's Windows folders, a system out of inotify watches.
type poll struct {
	root  string
	every time.Duration
	out   chan event
	done  chan struct{}
	last  map[string]stamp
}

type stamp struct {
	mod  time.Time
	size int64
	mode fs.FileMode
}

func newPoll(root string, every time.Duration) *poll {
	p := &poll{root: root, every: every, out: make(chan event, 256), done: make(chan struct{})}
	p.last = p.scan()
	go p.run()
	return p
}

func (p *poll) Events() <-chan event { return p.out }

func (p *poll) Close() error {
	close(p.done)
	return nil
}

func (p *poll) run() {
	defer close(p.out)
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		now := p.scan()
		for rel, s := range now {
			if old, ok := p.last[rel]; !ok || old != s {
				p.send(event{path: rel})
			}
		}
		for rel := range p.last {
			if _, ok := now[rel]; !ok {
				p.send(event{path: rel})
			}
		}
		p.last = now
	}
}

func (p *poll) send(e event) {
	select {
	case p.out <- e:
	case <-p.done:
	}
}

// scan stamps every relevant file and folder below the watched folders.
func (p *poll) scan() map[string]stamp {
	m := map[string]stamp{}
	_ = filepath.WalkDir(p.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == p.root {
			return nil
		}
		rel, _ := filepath.Rel(p.root, path)
		rel = filepath.ToSlash(rel)
		if !relevant(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if fi, err := d.Info(); err == nil {
			m[rel] = stamp{fi.ModTime(), fi.Size(), fi.Mode()}
		}
		return nil
	})
	return m
}
