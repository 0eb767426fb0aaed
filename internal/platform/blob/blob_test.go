package blob

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDir(t *testing.T) {
	ctx := context.Background()
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if n, err := d.Put(ctx, "org/1/a.pdf", strings.NewReader("%PDF-1.4 hello")); err != nil || n != 14 {
		t.Fatalf("put: %d %v", n, err)
	}
	r, err := d.Open(ctx, "org/1/a.pdf")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	r.Close()
	if string(b) != "%PDF-1.4 hello" {
		t.Fatalf("read %q", b)
	}
	if err := d.Delete(ctx, "org/1/a.pdf"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(ctx, "org/1/a.pdf"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if _, err := d.Put(ctx, "../escape", strings.NewReader("x")); err == nil {
		t.Fatal("key escaping the folder accepted")
	}
}
