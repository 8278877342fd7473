package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"kitgen/generator/serve"
)

func init() {
	commands["serve"] = command{
		summary:  "preview the site: build it, serve it and reload the browser on every save",
		synopsis: "[-s SOURCE] [--port 1313] [--bind 127.0.0.1] [--allowed-hosts HOSTS] [--open] [--poll 500ms]",
		doc:      "Builds SOURCE into memory, serves it and rebuilds on every save; open pages reload by themselves.\nNothing is written to disk. Stop with Ctrl+C.",
		run:      runServe,
	}
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stdout, stderr)
	src := fs.String("s", ".", "the site `SOURCE` folder, holding content/")
	port := fs.Int("port", 1313, "the `PORT` to listen on; 0 picks a free one")
	bind := fs.String("bind", "127.0.0.1", "the `ADDRESS` to listen on; 0.0.0.0 lets other machines in")
	open := fs.Bool("open", false, "open the site in the browser")
	poll := fs.Duration("poll", 0, "watch by listing the files every `INTERVAL` (for example 500ms) instead of through notifications")
	allowed := fs.String("allowed-hosts", "", "answer requests for these `HOSTS` too, comma separated (.example.com allows every name under it);\nlocalhost and IP addresses are always answered, other names get 403, against DNS rebinding")
	rest, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if !fs.noArgs(rest) {
		return 2
	}
	// Listen for Ctrl+C before anything starts, so that it always stops the
	// server cleanly.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	portSet := false
	fs.Visit(func(f *flag.Flag) { portSet = portSet || f.Name == "port" })
	o := serve.Options{Source: *src, Addr: net.JoinHostPort(*bind, strconv.Itoa(*port)), AllowedHosts: strings.FieldsFunc(*allowed, func(r rune) bool { return r == ',' }), Poll: *poll, Log: stdout}
	s, err := serve.Start(o)
	if err != nil && errors.Is(err, syscall.EADDRINUSE) && !portSet {
		fmt.Fprintf(stdout, "kitgen: port %d is in use; taking a free one\n", *port)
		o.Addr = net.JoinHostPort(*bind, "0")
		s, err = serve.Start(o)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kitgen: %v\n", err)
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintln(stderr, "\tanother server has that port; choose another with --port, or --port 0 for any free one")
		}
		return 1
	}
	u := s.URL()
	fmt.Fprintf(stdout, "Serving %s at %s\n  panel guides:   %spanel/\n  candidate prep: %sprep/\n", *src, u, u, u)
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintln(stdout, "kitgen: listening beyond this machine: anyone who can reach it can read the panel guides")
	}
	fmt.Fprintf(stdout, "Watching for changes %s. Press Ctrl+C to stop.\n", s.Watching())
	if *open {
		openBrowser(u, stderr)
	}
	<-ctx.Done()
	start := time.Now()
	err = s.Close()
	fmt.Fprintf(stdout, "\nkitgen: stopped in %d ms\n", time.Since(start).Milliseconds())
	if err != nil {
		fmt.Fprintf(stderr, "kitgen: %v\n", err)
		return 1
	}
	return 0
}

func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "kitgen: could not open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go cmd.Wait()
}
