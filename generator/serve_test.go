package main

import (
	"bufio"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"kitgen/generator/internal/testsite"
)

// TestServeStopsOnInterruptLeavingNothingBehind runs kitgen serve as a user
// does, fetches a page, presses Ctrl+C and checks the site folder holds
// exactly what it held before.
func TestServeStopsOnInterruptLeavingNothingBehind(t *testing.T) {
	dir := testsite.New(t, false)
	before := tree(t, dir)
	out, w := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "-s", dir, "--port", "0"}, w, w)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	var url string
	for lines.Scan() {
		if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(lines.Text()); m != nil {
			url = m[1]
		}
		if strings.HasPrefix(lines.Text(), "Watching for changes") {
			break
		}
	}
	if url == "" {
		t.Fatal("serve printed no URL")
	}
	go io.Copy(io.Discard, out)
	resp, err := http.Get(url + "prep/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET prep/: %d", resp.StatusCode)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("exit %d", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop on Ctrl+C")
	}
	if after := tree(t, dir); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("serve changed the site folder:\nbefore %v\nafter  %v", before, after)
	}
}

func tree(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		names = append(names, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}
