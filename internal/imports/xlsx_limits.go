package imports

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// An XLSX workbook is a zip of XML parts. excelize reads it part by part; these checks make sure
// that no part can cost more than the limits allow before excelize reads it.

// checkZipDirectory reads only the zip's directory (cheap: no inflating) and refuses a workbook
// whose parts add up to more than the unzip limit, or whose parts kept in memory by excelize
// are too large. The declared sizes can be trusted: Go's zip reader fails on a part that
// inflates to more than its declared size.
func checkZipDirectory(ra io.ReaderAt, size int64, l Limits) error {
	entries, err := zipEntryCount(ra, size)
	if err != nil {
		return err
	}
	if entries > maxZipEntries {
		return limitError("imports.too_many_parts", maxZipEntries)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return unreadableWorkbook()
	}
	var total, inMemory uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(l.MaxUnzipSize) || f.UncompressedSize64 > uint64(l.MaxUnzipSize) {
			return unzipTooLargeError(l)
		}
		if !streamedPart(f.Name) || f.UncompressedSize64 <= xlsxInMemoryLimit {
			inMemory += f.UncompressedSize64
		}
	}
	if inMemory > maxInMemoryParts {
		return limitError("imports.parts_too_large", maxInMemoryParts>>20)
	}
	return nil
}

func unreadableWorkbook() error {
	return fileTypeError("imports.workbook_unreadable")
}

// zipEntryCount reads the number of files from the zip's end-of-central-directory record,
// before archive/zip allocates a header for each of them.
func zipEntryCount(ra io.ReaderAt, size int64) (int, error) {
	const eocdLen, maxComment = 22, 0xFFFF
	n := min(size, eocdLen+maxComment)
	buf := make([]byte, n)
	if _, err := ra.ReadAt(buf, size-n); err != nil && err != io.EOF {
		return 0, unreadableWorkbook()
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, unreadableWorkbook()
	}
	count := int(binary.LittleEndian.Uint16(buf[i+10:]))
	if count == 0xFFFF { // ZIP64: more entries than a workbook ever has
		return maxZipEntries + 1, nil
	}
	return count, nil
}

// streamedPart reports whether excelize extracts a part to a temporary file when it is larger
// than its UnzipXMLSizeLimit (the same rule as excelize's ReadZipReader): worksheets and the
// shared strings. Every other part is kept in memory.
func streamedPart(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, `\`, "/"))
	return n == "xl/sharedstrings.xml" || strings.HasPrefix(n, "xl/worksheets/sheet")
}

// checkStreamedParts reads every worksheet and the shared strings once, as a stream, in
// constant memory, and refuses a row longer than the row limit, a text longer than the cell
// limit, more rows than the row limit, or more distinct texts than excelize can index. After
// it, excelize's row iterator never holds more than one bounded row. ctx stops it.
func checkStreamedParts(ctx context.Context, zr *zip.Reader, l Limits) error {
	for _, f := range zr.File {
		if !streamedPart(f.Name) || f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return unreadableWorkbook()
		}
		if strings.EqualFold(strings.ReplaceAll(f.Name, `\`, "/"), "xl/sharedStrings.xml") {
			err = scanSharedStrings(ctx, rc, l)
		} else {
			err = scanSheet(ctx, rc, l)
		}
		_ = rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// scanSheet counts the rows of a worksheet and bounds the bytes of each (and between them).
func scanSheet(ctx context.Context, r io.Reader, l Limits) error {
	budget := &rowBudget{ctx: ctx, r: r, max: l.maxRowBytes(), err: errRowBudget{}}
	d := xml.NewDecoder(budget)
	d.CharsetReader = charset.NewReaderLabel
	rows, row, inRow := 0, 0, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		} else if err != nil {
			if !inRow {
				row++ // the bytes after a row are counted against the next one
			}
			return scanError(ctx, err, rowTooLongError(l, row))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			budget.reset()
			inRow = true
			if rows++; rows > l.MaxRows+1 {
				return tooManyRowsError(l)
			}
			row++
			for _, a := range t.Attr {
				if a.Name.Local == "r" {
					if n, err := strconv.Atoi(a.Value); err == nil {
						row = n
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				budget.reset()
				inRow = false
			case "sheetData":
				return nil // excelize reads no further
			}
		}
	}
}

// scanSharedStrings counts the distinct texts and bounds the bytes of each.
func scanSharedStrings(ctx context.Context, r io.Reader, l Limits) error {
	budget := &rowBudget{ctx: ctx, r: r, max: int64(l.MaxCellChars)*6 + 64<<10, err: errRowBudget{}}
	d := xml.NewDecoder(budget)
	d.CharsetReader = charset.NewReaderLabel
	count := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return scanError(ctx, err, limitError("imports.text_too_long", l.MaxCellChars))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "si" {
				budget.reset()
				if count++; count > maxSharedStrings {
					return limitError("imports.too_many_texts", maxSharedStrings)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "si" {
				budget.reset()
			}
		}
	}
}

// scanError tells a spent budget (the limit's error, limit), a cancelled job and a broken file apart.
func scanError(ctx context.Context, err error, limit error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, errRowBudget{}):
		return limit
	}
	return unreadableWorkbook()
}
