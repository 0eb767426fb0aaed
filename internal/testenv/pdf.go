package testenv

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
)

// PDFText is what a PDF's compressed content streams say, inflated: drawing operators with the
// text in them (the escaped parentheses and backslashes of text strings unescaped), enough for a
// test to find the words a PDF shows.
func PDFText(doc []byte) string {
	var out strings.Builder
	rest := doc
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			break
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:j])); err == nil {
			b, _ := io.ReadAll(zr)
			out.Write(b)
		}
		rest = rest[j+len("endstream"):]
	}
	return strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`).Replace(out.String())
}
