package api

import "testing"

// jsonFieldAt names the field that holds invalid UTF-8, however deep, so the problem can say which.
func TestJSONFieldAt(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"{\"a\":\"x\xff\"}", "a"},
		{"{\"a\":1,\"b\":{\"c\":[1,\"\xff\"]}}", "b.c[1]"},
		{"{\"a\":[{\"x\":1},{\"y\":\"\xff\"}]}", "a[1].y"},
		{"{\"a\":[{\"x\":1},{\"y\":2}], \"z\": \"\xff\"}", "z"},
		{"{\"\xff\":1}", "\ufffd"},
		{"[\"\xff\"]", "[0]"},
		{"\"\xff\"", "body"},
	} {
		raw := []byte(c.in)
		off := 0
		for i, b := range raw {
			if b == 0xff {
				off = i
			}
		}
		if got := jsonFieldAt(raw, off); got != c.want {
			t.Errorf("%q: %q want %q", c.in, got, c.want)
		}
	}
}
