package gate

import (
	"slices"
	"testing"

	"kitgen/generator/content"
	"kitgen/generator/markdown"
)

// plain is the fingerprint of text read as plain words.
func plain(s string) Fingerprint { return Scan("", []byte(s)) }

// TestScanReadsWordsHoweverThePageWritesThem: the same words, escaped,
// marked up, split by tags or made into an id or an attribute, give the
// same runs.
func TestScanReadsWordsHoweverThePageWritesThem(t *testing.T) {
	for _, tt := range []struct{ html, words string }{
		{"<p>Tell me <em>more</em> about it</p>", "tell me more about it"},
		{"<p>Trade&#39;s &amp; the <strong>best</strong> ask</p>", "trade s the best ask"},
		{`<h2 id="meet-interviewer-name-5-mins">Meet …</h2>`, "meet interviewer name 5 mins"},
		{`<img alt="Ask about the rubric" src="x.png">`, "ask about the rubric"},
		{"<p>PRÜFUNG Größe Übung Straße</p>", "prüfung größe übung straße"},
		{"<p>line one\nline two three</p>", "line one line two three"},
	} {
		got, want := Scan("x.html", []byte(tt.html)), plain(tt.words)
		for _, h := range want {
			if _, ok := slices.BinarySearch(got, h); !ok {
				t.Errorf("%q lacks the runs of %q", tt.html, tt.words)
				break
			}
		}
	}
}

// TestScanKeepsApartWhatStandsApart: an attribute's words do not run on
// into the text around the tag, and words under four make no run.
func TestScanKeepsApartWhatStandsApart(t *testing.T) {
	if got := Scan("x.html", []byte(`<p>alpha beta <a href="gamma-delta">epsilon</a> zeta</p>`)); slices.Contains(got, plain("beta gamma delta epsilon")[0]) {
		t.Error("an attribute value runs on into the text")
	}
	if got := plain("three short words"); len(got) != 0 {
		t.Errorf("three words made %d runs", len(got))
	}
	if got := plain("one two three four five"); len(got) != 2 {
		t.Errorf("five words made %d runs, want 2", len(got))
	}
}

// TestGateCountsSourcesInAndOut: a run is the panel's only while no source
// gives it to the candidate, and forgetting a source forgets its runs.
func TestGateCountsSourcesInAndOut(t *testing.T) {
	run := plain("the strong answer names trade offs")
	g := New()
	g.Set(&Source{Path: "a.md", panel: run})
	if src, _, ok := g.Check(run); !ok || src != "a.md" {
		t.Fatalf("Check = %q, %v; want a.md", src, ok)
	}
	g.Set(&Source{Path: "b.md", candidate: run})
	if _, _, ok := g.Check(run); ok {
		t.Error("a run another source says aloud is stopped")
	}
	g.Remove("b.md")
	if _, _, ok := g.Check(run); !ok {
		t.Error("a run is let through after the source that said it aloud is gone")
	}
	g.Remove("a.md")
	if _, _, ok := g.Check(run); ok || len(g.panel) != 0 {
		t.Errorf("a forgotten source still counts: %d runs", len(g.panel))
	}
}

// TestGateAddCountsWithoutKeeping: a source added, as a one-off build
// adds them, counts as one set does, but the gate cannot name it.
func TestGateAddCountsWithoutKeeping(t *testing.T) {
	run := plain("the strong answer names trade offs")
	g := New()
	g.Add(&Source{Path: "a.md", panel: run})
	if src, _, ok := g.Check(run); !ok || src != "" {
		t.Fatalf("Check = %q, %v; want a leak of no named source", src, ok)
	}
	g.Add(&Source{Path: "b.md", candidate: run})
	if _, _, ok := g.Check(run); ok {
		t.Error("a run another source says aloud is stopped")
	}
	if len(g.sources) != 0 {
		t.Errorf("the gate kept %d sources", len(g.sources))
	}
}

// TestLearnReadsAdmonitionsAsTheirPlace: a callout's title and body are
// the panel's where the panel alone reads the place around it, and the
// candidate's where they read it too.
func TestLearnReadsAdmonitionsAsTheirPlace(t *testing.T) {
	p, err := content.ParsePage("content/k.md", []byte("---\nid: k\ntype: interview_script\nvisibility: public\n---\n"+
		"## Open (5 mins) {audience=both}\n\n:::tip[Tip title said aloud here]\nBoth tip body said aloud.\n:::\n\n"+
		"::: panel\n:::danger Danger title for the panel\nDanger body for the panel.\n:::\n:::\n\n"+
		"## Unmarked (5 mins)\n\n:::caution Caution title words here\nUnmarked caution body text.\n:::\n"))
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := content.Parse(markdown.New(), p, content.IndexKatas(nil))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	g := New()
	g.Set(Learn(doc, true))
	for _, s := range []string{"caution title words here", "unmarked caution body text", "danger title for the panel", "danger body for the panel"} {
		if _, _, ok := g.Check(plain(s)); !ok {
			t.Errorf("the gate lets through %q", s)
		}
	}
	for _, s := range []string{"tip title said aloud here", "both tip body said aloud"} {
		if _, _, ok := g.Check(plain(s)); ok {
			t.Errorf("the gate stops %q", s)
		}
	}
}
