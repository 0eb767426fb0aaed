package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/web/httpx"
)

// Text limits of requests: see httpx (the debtor's pages check the same).
const (
	defaultMaxLength = httpx.DefaultMaxLength
	maxSearchLength  = 200 // the search words of a list (q)
)

// textProblem says what is wrong with s as text of at most max characters: a message key and
// its values, or "".
func textProblem(s string, max int) (string, []any) { return httpx.TextProblem(s, max) }

// formValue reads a field of a form (multipart or urlencoded), refusing text that cannot be stored.
func formValue(c echo.Context, name string, max int) (string, error) {
	s := c.FormValue(name)
	if p, args := textProblem(s, max); p != "" {
		return "", errs.Invalid(name, p, args...)
	}
	return s, nil
}

// checkUTF8 names the field of a JSON document that holds invalid UTF-8 (encoding/json would
// silently turn it into U+FFFD).
func checkUTF8(raw []byte) error {
	if utf8.Valid(raw) {
		return nil
	}
	bad := len(raw)
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size <= 1 {
			bad = i
			break
		}
		i += size
	}
	return errs.Invalid(jsonFieldAt(raw, bad), httpx.MsgInvalidUTF)
}

// jsonFieldAt is the path (a.b[2].c) of the value of a JSON document that spans offset, or "body".
func jsonFieldAt(raw []byte, offset int) string {
	type level struct {
		key     string
		index   int // of the current element, in an array
		isArray bool
		wantKey bool // in an object, the next token is a key
	}
	var stack []*level
	path := func() string {
		var b strings.Builder
		for _, l := range stack {
			switch {
			case l.isArray && l.index >= 0:
				b.WriteString("[" + strconv.Itoa(l.index) + "]")
			case !l.isArray && l.key != "":
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(l.key)
			}
		}
		if b.Len() == 0 {
			return "body"
		}
		return b.String()
	}
	valueEnded := func() {
		if n := len(stack); n > 0 && !stack[n-1].isArray {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		var top *level
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		tok, err := dec.Token()
		if err != nil {
			return path()
		}
		d, isDelim := tok.(json.Delim)
		past := int(dec.InputOffset()) > offset
		switch {
		case isDelim && (d == '}' || d == ']'):
			if past {
				return path()
			}
			stack = stack[:len(stack)-1]
			valueEnded()
		case top != nil && !top.isArray && top.wantKey:
			top.key, top.wantKey = fmt.Sprint(tok), false
			if past {
				return path()
			}
		default:
			if top != nil && top.isArray {
				top.index++
			}
			if past {
				return path()
			}
			if isDelim {
				stack = append(stack, &level{isArray: d == '[', index: -1, wantKey: d == '{'})
			} else {
				valueEnded()
			}
		}
	}
}

// checkText walks a decoded request: no string may hold a NUL byte or run past its limit.
func checkText(v any) error {
	var val errs.Validation
	walkText(reflect.ValueOf(v), "", 0, &val)
	return val.Err()
}

func walkText(v reflect.Value, path string, max int, val *errs.Validation) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkText(v.Elem(), path, max, val)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			limit, _ := strconv.Atoi(f.Tag.Get("maxLength"))
			switch {
			case f.Anonymous && name == "":
				walkText(v.Field(i), path, 0, val)
			case name == "":
				walkText(v.Field(i), joinPath(path, f.Name), limit, val)
			default:
				walkText(v.Field(i), joinPath(path, name), limit, val)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < v.Len(); i++ {
			walkText(v.Index(i), fmt.Sprintf("%s[%d]", path, i), max, val)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := fmt.Sprint(iter.Key().Interface())
			if p, args := textProblem(key, 100); p != "" {
				val.Add(path, p, args...)
				continue
			}
			walkText(iter.Value(), joinPath(path, key), max, val)
		}
	case reflect.String:
		if max == 0 {
			max = defaultMaxLength
		}
		if p, args := textProblem(v.String(), max); p != "" {
			val.Add(path, p, args...)
		}
	}
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
