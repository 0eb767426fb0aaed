package api_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/google/uuid"
)

// badUTF8 stands for invalid UTF-8 inside a JSON string: encoding/json cannot write such a
// string, so the marshalled body has this placeholder replaced by raw bytes.
const badUTF8 = "\u0007INVALID-UTF8\u0007"

// tenKB is 10 KB of letters that do not compress, so that it reaches the database at full size
// (a btree index entry holds at most ~2.7 KB).
var tenKB = incompressible(10 * 1024)

func incompressible(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(r.IntN(26))
	}
	return string(b)
}

// badValue is one hostile value for a parameter or property.
type badValue struct {
	label   string
	v       any
	foreign bool // v is an id of organisation B (sent by A)
}

// idKinds maps a property or query parameter name to the kind of object its id names.
var idKinds = map[string]string{
	"customer_id": "customer", "invoice_id": "invoice", "invoice_ids": "invoice", "payment_id": "payment",
	"credit_note_id": "creditnote", "scenario_id": "scenario", "default_scenario_id": "scenario",
	"step_id": "step", "accounting_owner_id": "user", "sales_owner_id": "user", "user_id": "user",
	"organization_id": "organization", "contact_id": "contact", "link_id": "link",
}

// pathKinds maps the path segment before an {id} to the kind of object it names.
var pathKinds = map[string]string{
	"customers": "customer", "invoices": "invoice", "credit-notes": "creditnote", "payments": "payment",
	"scenarios": "scenario", "actions": "action", "disputes": "dispute", "promises": "promise",
	"portal-links": "link", "questions": "question", "bank-detail-changes": "bankchange", "imports": "import",
	"invitations": "invitation", "api-keys": "apikey", "members": "user", "contacts": "contact",
}

// notIDs are path parameters that name no tenant object (opaque tokens).
var notIDs = map[string]bool{"/t/o/{token}": true, "/t/c/{token}": true}

// idKind is the kind of object a property names, "" when it is not an id.
func idKind(name string, schema map[string]any) string {
	if k := idKinds[name]; k != "" {
		return k
	}
	if name == "id" && str(schema["format"]) == "uuid" {
		return "step" // a scenario step's own id in a scenario body
	}
	return ""
}

func isDate(name string, schema map[string]any) bool {
	return str(schema["format"]) == "date" || strings.HasSuffix(name, "_date") || strings.HasSuffix(name, "_on") ||
		name == "as_of" || name == "due_from" || name == "due_to" || name == "paused_until"
}

// baseValue is a plausible value of schema for an owner of ids: examples and enums first.
func baseValue(name string, schema map[string]any, ids map[string]string) any {
	if k := idKind(name, schema); k != "" {
		if name == "id" {
			return nil
		}
		if str(schema["type"]) == "array" {
			return []any{ids[k]}
		}
		return ids[k]
	}
	if e := arr(schema["enum"]); len(e) > 0 {
		return e[0]
	}
	if ex, ok := schema["example"]; ok {
		return ex
	}
	switch str(schema["type"]) {
	case "string":
		switch {
		case isDate(name, schema):
			return parisToday().Format("2006-01-02")
		case strings.Contains(name, "email") || name == "reply_to":
			return "sweep@example.test"
		case name == "password":
			return "correct horse battery staple"
		case name == "currency":
			return "EUR"
		}
		return "Sweep"
	case "integer", "number":
		return 100
	case "boolean":
		return false
	case "array":
		if items := obj(schema["items"]); items != nil && str(items["type"]) != "object" && items["properties"] == nil {
			return []any{}
		}
		return []any{baseValue(name, obj(schema["items"]), ids)}
	}
	if props := obj(schema["properties"]); props != nil {
		out := map[string]any{}
		for p, s := range props {
			if v := baseValue(p, obj(s), ids); v != nil {
				out[p] = v
			}
		}
		return out
	}
	if str(schema["type"]) == "object" {
		return map[string]any{}
	}
	return nil
}

// badValues are the hostile values for one property of schema: wrong types, NUL bytes, invalid
// UTF-8, 10 KB strings, huge and negative numbers, impossible dates, and ids of organisation B.
func badValues(name string, schema map[string]any, foreign map[string]string) []badValue {
	out := []badValue{}
	switch t := str(schema["type"]); {
	case t == "integer" || t == "number":
		out = append(out, badValue{label: "text", v: "abc"}, badValue{label: "-1", v: -1}, badValue{label: "1.5", v: 1.5},
			badValue{label: "10^13+1", v: int64(10_000_000_000_001)}, badValue{label: "5e18", v: int64(5_000_000_000_000_000_000)},
			badValue{label: "maxint64", v: int64(9_223_372_036_854_775_807)}, badValue{label: "minint64", v: int64(-9_223_372_036_854_775_808)},
			badValue{label: "1e30", v: json.Number("1e30")})
		if m, ok := schema["maximum"].(float64); ok {
			out = append(out, badValue{label: "maximum+1", v: json.Number(fmt.Sprintf("%.0f", m+1))})
		}
		if m, ok := schema["minimum"].(float64); ok {
			out = append(out, badValue{label: "minimum-1", v: json.Number(fmt.Sprintf("%.0f", m-1))})
		}
	case t == "boolean":
		out = append(out, badValue{label: "text", v: "yes"}, badValue{label: "2", v: 2})
	case t == "array":
		out = append(out, badValue{label: "not an array", v: "x"})
		for _, b := range badValues(name, resolveItems(schema), foreign) {
			b.label = "[" + b.label + "]"
			b.v = []any{b.v}
			out = append(out, b)
		}
	case t == "object" || schema["properties"] != nil:
		out = append(out, badValue{label: "not an object", v: "x"}, badValue{label: "array", v: []any{}})
	default: // strings
		if m, ok := schema["maxLength"].(float64); ok {
			out = append(out, badValue{label: "maxLength+1", v: incompressible(int(m) + 1)})
		}
		out = append(out, badValue{label: "number", v: 12345}, badValue{label: "object", v: map[string]any{}},
			badValue{label: "NUL", v: "a\x00b"}, badValue{label: "invalid UTF-8", v: badUTF8}, badValue{label: "10 KB", v: tenKB})
		if isDate(name, schema) {
			out = append(out, badValue{label: "2026-02-30", v: "2026-02-30"}, badValue{label: "year 99999", v: "99999-01-01"},
				badValue{label: "year 1", v: "0001-01-01"})
		}
		if len(arr(schema["enum"])) > 0 {
			out = append(out, badValue{label: "not in enum", v: "not-in-enum"})
		}
		if k := idKind(name, schema); k != "" {
			out = append(out, badValue{label: "not a uuid", v: "not-a-uuid"}, badValue{label: "unknown uuid", v: uuid.NewString()})
			if id := foreign[k]; id != "" {
				out = append(out, badValue{label: "B's " + k, v: id, foreign: true})
			}
		}
	}
	return out
}

func resolveItems(schema map[string]any) map[string]any {
	if items := obj(schema["items"]); items != nil {
		return items
	}
	return map[string]any{"type": "string"}
}

// queryString writes v as a query, path or form value.
func queryString(v any) string {
	switch x := v.(type) {
	case string:
		if x == badUTF8 {
			return "\xff\xfe"
		}
		return x
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// marshalBody writes a JSON body, with placeholders turned into invalid UTF-8.
func marshalBody(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	placeholder, _ := json.Marshal(badUTF8)
	return []byte(strings.ReplaceAll(string(b), strings.Trim(string(placeholder), `"`), "\xff\xfe"))
}
