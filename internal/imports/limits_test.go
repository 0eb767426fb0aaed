package imports

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/relance/relance/internal/platform/errs"
)

// endless is a file that never ends: reading it must stop on a limit or a cancelled job.
type endless struct{ line string }

func (e endless) Read(p []byte) (int, error) {
	n := 0
	for n+len(e.line) <= len(p) {
		n += copy(p[n:], e.line)
	}
	if n == 0 {
		n = copy(p, e.line)
	}
	return n, nil
}

func TestReadingStopsWhenTheJobIsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	src, err := newCSVSource(ctx, io.NopCloser(endless{"a;b\n"}), EncodingUTF8, ";", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	limited := &limitedSource{rowSource: src, limits: Limits{MaxRows: 1 << 30, MaxColumns: 10, MaxCellChars: 10}}
	for i := 0; i < 100_000; i++ {
		if _, _, err := limited.next(); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	cancel()
	var err2 error
	for i := 0; i < 1_000_000 && err2 == nil; i++ { // what csv has buffered, then the cancellation
		_, _, err2 = limited.next()
	}
	if !errors.Is(err2, context.Canceled) {
		t.Fatalf("after cancel: %v", err2)
	}
	if err := scanSheet(ctx, endless{`<row><c><v>1</v></c></row>`}, DefaultLimits()); !errors.Is(err, context.Canceled) {
		t.Fatalf("sheet scan after cancel: %v", err)
	}
}

func TestRowsBeyondTheLimitsAreRefusedWithTheirPlace(t *testing.T) {
	l := Limits{MaxRows: 3, MaxColumns: 3, MaxCellChars: 5}
	for name, tc := range map[string]struct{ file, want string }{
		"columns":  {"a;b\n1;2;3;4\n", "Row 2 has a value in column 4: a row may have at most 3 columns."},
		"trailing": {"a;b\n1;2;;;;;\nx\nok\n", ""}, // empty trailing cells are not columns
		"cell":     {"a;b\n1;2\n1;123456\n", "The cell in row 3, column 2 is longer than 5 characters."},
		"accents":  {"a;b\n1;ééééé\n", ""}, // characters, not bytes
		"rows":     {"a\n1\n2\n3\n4\n", "The file has more than 3 rows: split it into several files."},
		// csv reads up to 4 KB ahead of the row it returns: a row gets that much slack.
		"row bytes": {"a\n" + strings.Repeat("x", int(l.maxRowBytes())+8<<10) + "\n", "Row 2 is too long: a row may have at most 3 columns of at most 5 characters."},
	} {
		src, err := newCSVSource(context.Background(), io.NopCloser(strings.NewReader(tc.file)), EncodingUTF8, ";", l)
		if err != nil {
			t.Fatal(err)
		}
		limited := &limitedSource{rowSource: src, limits: l}
		var got error
		for got == nil {
			_, _, got = limited.next()
		}
		msg := ""
		if got != io.EOF {
			msg = fieldMessage(got)
		}
		if msg != tc.want {
			t.Errorf("%s: %q, want %q", name, msg, tc.want)
		}
	}
}

// fieldMessage is the message a person reads for err.
func fieldMessage(err error) string {
	var de *errs.Error
	if errors.As(err, &de) && len(de.Fields) > 0 {
		return de.Fields[0].Message
	}
	return err.Error()
}
