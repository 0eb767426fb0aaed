package internal_test

// The SQL-ownership test: each domain owns its tables (docs/architecture.md, "Domains and the
// tables they own"). It reads the ownership map and the deliberate exceptions from that page, the
// schema from migrations/, and every SQL string of every non-test Go file under internal/, and
// fails on a table named by a package that neither owns it, nor reads it through a view its owner
// publishes, nor is listed as an exception.

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const architectureDoc = "../docs/architecture.md"

// TestEachDomainOwnsItsTables fails on every place where a package names a table it does not own.
func TestEachDomainOwnsItsTables(t *testing.T) {
	schema := readSchema(t, "../migrations")
	doc := readOwnership(t, architectureDoc)
	checkMap(t, schema, doc)

	var found []string
	used := map[string]bool{}
	for _, ref := range scanPackages(t, ".") {
		if verdict := doc.judge(ref, schema); verdict != "" {
			found = append(found, fmt.Sprintf("%s:%d: %s names %s (%s)", ref.file, ref.line, ref.pkg, ref.name, verdict))
		} else if doc.owner[ref.name] != ref.pkg {
			used[ref.pkg+" "+ref.name] = true
		}
	}
	// The exceptions stay few: one no code needs any more goes.
	for pkg, tables := range doc.exceptions {
		for name := range tables {
			if !used[pkg+" "+name] {
				t.Errorf("%s: internal/%s no longer names %s: drop it from \"Deliberate exceptions\"", architectureDoc, pkg, name)
			}
		}
	}
	if len(found) > 0 {
		t.Errorf("%d places name another domain's table; read it through the owner's exported functions or a view it publishes (docs/architecture.md, \"The rule\"):\n%s",
			len(found), strings.Join(found, "\n"))
	}
}

// TestSQLScannerFindsTables keeps the scanner honest on the shapes of SQL the code uses.
func TestSQLScannerFindsTables(t *testing.T) {
	cases := []struct{ sql, want string }{
		{"INSERT INTO timeline_entries (id) SELECT id FROM ledger_invoices", "timeline_entries* ledger_invoices"},
		{"DELETE FROM promises WHERE id IN (SELECT id FROM ledger_customers)", "promises* ledger_customers"},
		{"SELECT 1 FROM ledger_customers WHERE id = ? FOR UPDATE", "ledger_customers*"},
		{"SELECT 1 FROM disputes d JOIN ledger_customers c ON true FOR UPDATE OF d", "disputes ledger_customers"},
		{"SELECT a FROM invoices i JOIN customers c ON c.id = i.customer_id", "invoices customers"},
		{"SELECT 1 FROM public.invoices, payments p, LATERAL (SELECT 1 FROM allocations) x", "invoices payments allocations"},
		{"WITH invoices AS (SELECT 1 FROM payments) SELECT * FROM invoices", "payments"},
		{"WITH a AS MATERIALIZED (SELECT 1), b AS (SELECT 2) SELECT * FROM a JOIN b ON true JOIN contacts k ON true", "contacts"},
		{"INSERT INTO activities (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = 2", "activities*"},
		{"UPDATE ONLY invoices SET x = extract(day FROM due_date) WHERE a IS DISTINCT FROM b", "invoices*"},
		{"DELETE FROM allocations USING payments WHERE true", "allocations*"},
		{"SELECT 1 FROM unnest(?::uuid[]) AS u(id) -- FROM customers\n", ""},
		{"SELECT 'FROM customers' FROM generate_series(1, 2)", ""},
		{"TRUNCATE TABLE import_customer_rows; COPY import_invoice_rows FROM STDIN", "import_customer_rows* import_invoice_rows*"},
	}
	for _, c := range cases {
		var got []string
		for _, r := range sqlTables(c.sql) {
			if r.write {
				r.name += "*"
			}
			got = append(got, r.name)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("sqlTables(%q) = %q, want %q", c.sql, strings.Join(got, " "), c.want)
		}
	}
}

// schema: what the migrations create.
type schema struct {
	tables map[string]string // name → migration file
	views  map[string]string
}

var createRe = regexp.MustCompile(`(?i)\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:UNLOGGED\s+)?(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_.]*)`)

func readSchema(t *testing.T, dir string) schema {
	t.Helper()
	s := schema{tables: map[string]string{}, views: map[string]string{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations in %s: %v", dir, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		up, _, _ := strings.Cut(string(b), "-- +goose Down")
		for _, m := range createRe.FindAllStringSubmatch(up, -1) {
			name := unqualified(strings.ToLower(m[2]))
			if strings.EqualFold(m[1], "view") {
				s.views[name] = filepath.Base(f)
			} else {
				s.tables[name] = filepath.Base(f)
			}
		}
	}
	return s
}

// ownership: what docs/architecture.md says.
type ownership struct {
	owner      map[string]string          // table or view → owning package ("ledger", "platform/ratelimit")
	views      map[string]bool            // published views
	appendable map[string]bool            // views other domains may insert into
	exceptions map[string]map[string]bool // package → tables it may name anyway
}

var (
	codeRe = regexp.MustCompile("`([^`]+)`( \\(appendable\\))?")
	pkgRe  = regexp.MustCompile(`^internal/([a-z0-9_/]+?)/?$`)
)

// readOwnership reads the two tables of docs/architecture.md: "Domains and the tables they own"
// (package | tables | views it publishes) and "Deliberate exceptions" (package | tables | why).
func readOwnership(t *testing.T, path string) ownership {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o := ownership{owner: map[string]string{}, views: map[string]bool{}, appendable: map[string]bool{},
		exceptions: map[string]map[string]bool{}}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
			continue
		}
		if !strings.HasPrefix(line, "|") || (section != "Domains and the tables they own" && section != "Deliberate exceptions") {
			continue
		}
		cells := strings.Split(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "|"), "|"), "|")
		if len(cells) < 3 {
			continue
		}
		pkg := pkgRe.FindStringSubmatch(strings.Trim(strings.TrimSpace(cells[0]), "`"))
		if pkg == nil {
			continue // header or separator row
		}
		names := func(cell string) (out []string) {
			for _, m := range codeRe.FindAllStringSubmatch(cell, -1) {
				out = append(out, m[1])
				if m[2] != "" {
					o.appendable[m[1]] = true
				}
			}
			return out
		}
		if section == "Deliberate exceptions" {
			if o.exceptions[pkg[1]] == nil {
				o.exceptions[pkg[1]] = map[string]bool{}
			}
			for _, n := range names(cells[1]) {
				o.exceptions[pkg[1]][n] = true
			}
			continue
		}
		for i, cell := range cells[1:3] {
			for _, n := range names(cell) {
				if prev, ok := o.owner[n]; ok {
					t.Errorf("%s: %s is owned by both internal/%s and internal/%s", path, n, prev, pkg[1])
				}
				o.owner[n] = pkg[1]
				if i == 1 {
					o.views[n] = true
				}
			}
		}
	}
	if len(o.owner) == 0 {
		t.Fatalf("%s has no \"Domains and the tables they own\" table", path)
	}
	return o
}

// checkMap: every table and view of the schema has one owner on the page, and the page names no
// table that does not exist (nor a published view that is a table, or the reverse).
func checkMap(t *testing.T, s schema, o ownership) {
	t.Helper()
	for name, file := range s.tables {
		if _, ok := o.owner[name]; !ok {
			t.Errorf("table %s (%s) has no owner in %s", name, file, architectureDoc)
		} else if o.views[name] {
			t.Errorf("%s lists table %s as a view", architectureDoc, name)
		}
	}
	for name, file := range s.views {
		if !o.views[name] {
			t.Errorf("view %s (%s) is not listed as published by its owner in %s", name, file, architectureDoc)
		}
	}
	for name := range o.owner {
		if s.tables[name] == "" && s.views[name] == "" {
			t.Errorf("%s names %s, which no migration creates", architectureDoc, name)
		}
	}
	for pkg, tables := range o.exceptions {
		for name := range tables {
			if o.owner[name] == "" {
				t.Errorf("%s: exception for internal/%s names %s, which has no owner", architectureDoc, pkg, name)
			}
		}
	}
}

// judge says why ref breaks the rule, or "" when it does not.
func (o ownership) judge(ref tableRef, s schema) string {
	if s.tables[ref.name] == "" && s.views[ref.name] == "" {
		return "" // not ours: a CTE, a function, River's tables
	}
	owner := o.owner[ref.name]
	switch {
	case owner == ref.pkg, o.exceptions[ref.pkg][ref.name]:
		return ""
	case o.views[ref.name] && ref.write && !o.appendable[ref.name]:
		return "writes a view of internal/" + owner + ", which is read only"
	case o.views[ref.name]:
		return ""
	case owner == "":
		return "a table without owner"
	}
	return "owned by internal/" + owner
}

// tableRef is one place where a package names a table.
type tableRef struct {
	pkg, file, name string
	line            int
	write           bool // INSERT, UPDATE, DELETE, TRUNCATE, COPY
}

// scanPackages reads every non-test Go file under root (internal/).
func scanPackages(t *testing.T, root string) []tableRef {
	t.Helper()
	var refs []tableRef
	dynamic := map[string]bool{} // "dir func index": a parameter a function's SQL uses as a table name
	var calls []callSite
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path == "testenv" {
			return filepath.SkipDir // the test harness: code for tests, like _test.go files
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		r, params, c := scanFile(t, path, packageKey(path))
		refs = append(refs, r...)
		for _, p := range params {
			dynamic[p] = true
		}
		calls = append(calls, c...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A table named by a caller: s.openAttachment(ctx, "disputes", …) with FROM `+table+`.
	for _, c := range calls {
		if dynamic[c.key] {
			refs = append(refs, c.ref)
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].file != refs[j].file {
			return refs[i].file < refs[j].file
		}
		return refs[i].line < refs[j].line
	})
	return refs
}

// packageKey names the domain a file belongs to: "ledger" for internal/ledger/…, "dunning" for
// internal/dunning/render/…, "platform/jobs" for internal/platform/jobs/….
func packageKey(path string) string {
	parts := strings.Split(filepath.ToSlash(path), "/")
	if parts[0] == "platform" && len(parts) > 2 {
		return "platform/" + parts[1]
	}
	return parts[0]
}

// callSite is a string literal passed to a function of the same package, as the table it
// would be if the function's SQL uses that parameter as a table name (key: "dir func index").
type callSite struct {
	key string
	ref tableRef
}

// scanFile collects the tables a Go file names: in SQL strings (constants and concatenations of
// them), GORM's .Table("x alias"), TableName() methods and pgx.Identifier{"x"}; and, for tables
// a function takes as a parameter, which parameters those are and the literals passed to
// functions of the package.
func scanFile(t *testing.T, path, pkg string) (refs []tableRef, dynamic []string, calls []callSite) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	var fn *ast.FuncDecl // the function being read
	params := func() map[string]int {
		out := map[string]int{}
		if fn != nil {
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, name := range field.Names {
					out[name.Name] = i
					i++
				}
			}
		}
		return out
	}
	add := func(line int, name string, write bool) {
		if strings.HasPrefix(name, "__param_") {
			dynamic = append(dynamic, dir+" "+fn.Name.Name+" "+strings.Trim(strings.TrimPrefix(name, "__param_"), "_"))
			return
		}
		refs = append(refs, tableRef{pkg: pkg, file: "internal/" + filepath.ToSlash(path), line: line, name: name, write: write})
	}
	named := func(e ast.Expr) {
		if s, ok := stringConst(e); ok && len(strings.Fields(s)) > 0 {
			add(fset.Position(e.Pos()).Line, unqualified(strings.ToLower(strings.Fields(s)[0])), false)
		}
	}
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Table" && len(n.Args) > 0 {
				named(n.Args[0])
			}
			callee := ""
			switch f := n.Fun.(type) {
			case *ast.Ident:
				callee = f.Name
			case *ast.SelectorExpr:
				callee = f.Sel.Name
			}
			for i, a := range n.Args {
				if s, ok := stringConst(a); ok && len(strings.Fields(s)) > 0 {
					calls = append(calls, callSite{key: fmt.Sprintf("%s %s %d", dir, callee, i), ref: tableRef{pkg: pkg,
						file: "internal/" + filepath.ToSlash(path), line: fset.Position(a.Pos()).Line,
						name: unqualified(strings.ToLower(strings.Fields(s)[0]))}})
				}
			}
		case *ast.FuncDecl:
			if n.Name.Name == "TableName" && n.Recv != nil && n.Body != nil {
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if r, ok := m.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
						named(r.Results[0])
					}
					return true
				})
			}
		case *ast.CompositeLit:
			if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Identifier" {
				for _, e := range n.Elts {
					named(e)
				}
			}
		case *ast.BinaryExpr:
			if n.Op != token.ADD {
				return true
			}
			if segs, ok := concatenation(n, params()); ok {
				for _, r := range sqlInSegments(segs) {
					add(fset.Position(r.pos).Line+r.line, r.name, r.write)
				}
				return false
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				s, _ := strconv.Unquote(n.Value)
				for _, r := range sqlInSegments([]segment{{s, n.Pos()}}) {
					add(fset.Position(r.pos).Line+r.line, r.name, r.write)
				}
			}
		}
		return true
	}
	for _, d := range f.Decls {
		fn, _ = d.(*ast.FuncDecl)
		ast.Inspect(d, visit)
	}
	return refs, dynamic, calls
}

// stringConst is the value of a string literal.
func stringConst(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// segment is one literal piece of a string expression; pieces that are not literals (a constant
// named elsewhere, a function's result) are blanks, scanned where they are defined.
type segment struct {
	text string
	pos  token.Pos
}

// concatenation flattens a + b + c when at least one operand is a string literal; a parameter
// of the enclosing function (params: name → index) stands as __param_<index>__.
func concatenation(e *ast.BinaryExpr, params map[string]int) ([]segment, bool) {
	var segs []segment
	literal := false
	var walk func(ast.Expr)
	walk = func(x ast.Expr) {
		if b, ok := x.(*ast.BinaryExpr); ok && b.Op == token.ADD {
			walk(b.X)
			walk(b.Y)
			return
		}
		if s, ok := stringConst(x); ok {
			literal = true
			segs = append(segs, segment{s, x.Pos()})
			return
		}
		if id, ok := x.(*ast.Ident); ok {
			if i, ok := params[id.Name]; ok {
				segs = append(segs, segment{fmt.Sprintf(" __param_%d__ ", i), token.NoPos})
				return
			}
		}
		segs = append(segs, segment{" ", token.NoPos})
	}
	walk(e)
	return segs, literal
}

// segmentRef is a table found in a segment, line counted from the segment's first line.
type segmentRef struct {
	name  string
	pos   token.Pos
	line  int
	write bool
}

// sqlLooking: upper-case SQL keywords, as the code writes them (English sentences are not SQL).
var sqlLooking = regexp.MustCompile(`\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|FROM|JOIN|TRUNCATE|COPY)\b`)

func sqlInSegments(segs []segment) []segmentRef {
	var all strings.Builder
	starts := make([]int, len(segs))
	for i, s := range segs {
		starts[i] = all.Len()
		all.WriteString(s.text)
	}
	text := all.String()
	if !sqlLooking.MatchString(text) {
		return nil
	}
	var out []segmentRef
	for _, r := range sqlTables(text) {
		i := sort.Search(len(starts), func(i int) bool { return starts[i] > r.offset }) - 1
		out = append(out, segmentRef{name: r.name, pos: segs[i].pos, line: strings.Count(text[starts[i]:r.offset], "\n"), write: r.write})
	}
	return out
}

// sqlRef is a table named at a byte offset of a SQL text.
type sqlRef struct {
	name   string
	offset int
	write  bool
}

type sqlToken struct {
	text   string // identifiers lower-cased; punctuation as is
	ident  bool
	offset int
}

// tokenize splits SQL into identifiers and punctuation, dropping comments and string constants.
func tokenize(sql string) []sqlToken {
	var toks []sqlToken
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return toks
			}
			i += end + 4
		case c == '\'':
			i++
			for i < len(sql) && !(sql[i] == '\'' && (i+1 >= len(sql) || sql[i+1] != '\'')) {
				if sql[i] == '\'' {
					i++
				}
				i++
			}
			i++
		case c == '"':
			end := strings.IndexByte(sql[i+1:], '"')
			if end < 0 {
				return toks
			}
			toks = append(toks, sqlToken{strings.ToLower(sql[i+1 : i+1+end]), true, i})
			i += end + 2
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(sql) && (sql[j] == '_' || sql[j] == '$' || sql[j] >= 'a' && sql[j] <= 'z' || sql[j] >= 'A' && sql[j] <= 'Z' || sql[j] >= '0' && sql[j] <= '9') {
				j++
			}
			toks = append(toks, sqlToken{strings.ToLower(sql[i:j]), true, i})
			i = j
		case c == ':' && strings.HasPrefix(sql[i:], "::"): // a cast: skip the type name
			i += 2
			for i < len(sql) && (sql[i] == '_' || sql[i] == '[' || sql[i] == ']' || sql[i] >= 'a' && sql[i] <= 'z' || sql[i] >= '0' && sql[i] <= '9') {
				i++
			}
		case strings.IndexByte("(),.;", c) >= 0:
			toks = append(toks, sqlToken{string(c), false, i})
			i++
		default:
			i++
		}
	}
	return toks
}

// notAlias: words that end a FROM item rather than name it.
var notAlias = map[string]bool{
	"where": true, "join": true, "left": true, "right": true, "inner": true, "full": true, "cross": true,
	"natural": true, "on": true, "using": true, "set": true, "order": true, "group": true, "having": true,
	"limit": true, "offset": true, "union": true, "except": true, "intersect": true, "returning": true,
	"for": true, "window": true, "values": true, "select": true, "default": true, "lateral": true,
	"tablesample": true, "with": true, "do": true, "as": true, "and": true, "or": true, "outer": true,
}

// sqlTables lists the relations a SQL text names after FROM, JOIN, UPDATE, INTO, TABLE, TRUNCATE
// and COPY, leaving out its CTEs, function calls (unnest, generate_series) and subqueries.
func sqlTables(sql string) []sqlRef {
	toks := tokenize(sql)
	at := func(i int) string {
		if i >= 0 && i < len(toks) {
			return toks[i].text
		}
		return ""
	}
	closing := func(i int) int { // index after the parenthesis opened at i
		depth := 0
		for ; i < len(toks); i++ {
			switch {
			case !toks[i].ident && toks[i].text == "(":
				depth++
			case !toks[i].ident && toks[i].text == ")":
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	ctes := map[string]bool{}
	for i := range toks {
		// name AS ( … ), name AS [NOT] MATERIALIZED ( … ), name(cols) AS ( … ) after WITH or a comma
		if toks[i].ident && (at(i-1) == "with" || at(i-1) == "recursive" || at(i-1) == ",") {
			j := i + 1
			if at(j) == "(" {
				j = closing(j)
			}
			if at(j) == "as" && (at(j+1) == "(" || at(j+1) == "materialized" || at(j+1) == "not") {
				ctes[toks[i].text] = true
			}
		}
	}
	var refs []sqlRef
	// relation reads one FROM item at i (a table, a function call or a subquery, then its alias)
	// and returns the index after it.
	relation := func(i int, calls, write bool) int {
		for at(i) == "lateral" || at(i) == "only" {
			i++
		}
		switch {
		case at(i) == "(":
			i = closing(i)
		case i < len(toks) && toks[i].ident:
			start := i
			for at(i+1) == "." && i+2 < len(toks) && toks[i+2].ident {
				i += 2
			}
			if calls && at(i+1) == "(" {
				return closing(i + 1)
			}
			if !ctes[toks[i].text] {
				refs = append(refs, sqlRef{toks[i].text, toks[start].offset, write})
			}
			i++
		default:
			return i
		}
		if at(i) == "as" {
			i++
		}
		if i < len(toks) && toks[i].ident && !notAlias[at(i)] {
			i++
		}
		if at(i) == "(" {
			i = closing(i)
		}
		return i
	}
	var funcs []string // the function (or "") each open parenthesis belongs to
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if !tok.ident {
			switch tok.text {
			case "(":
				fn := ""
				if i > 0 && toks[i-1].ident {
					fn = toks[i-1].text
				}
				funcs = append(funcs, fn)
			case ")":
				if len(funcs) > 0 {
					funcs = funcs[:len(funcs)-1]
				}
			}
			continue
		}
		inside := ""
		if len(funcs) > 0 {
			inside = funcs[len(funcs)-1]
		}
		switch tok.text {
		case "from":
			if at(i-1) == "distinct" || inside == "extract" || inside == "substring" || inside == "trim" || inside == "overlay" || at(i+1) == "stdin" {
				continue
			}
			for j := relation(i+1, true, at(i-1) == "delete"); at(j) == ","; {
				j = relation(j+1, true, false)
			}
		case "join":
			relation(i+1, true, false)
		case "update":
			if at(i-1) != "for" && at(i-1) != "do" && at(i+1) != "set" && at(i+1) != "of" {
				relation(i+1, true, true)
			}
		case "into", "copy", "truncate":
			if at(i+1) != "table" && at(i+1) != "(" {
				relation(i+1, false, true)
			}
		case "table":
			j := i + 1
			for at(j) == "if" || at(j) == "not" || at(j) == "exists" || at(j) == "only" {
				j++
			}
			if at(i-1) != "returns" {
				relation(j, false, true)
			}
		}
	}
	// SELECT … FOR UPDATE (or SHARE) without OF locks every row it reads: a lock on another
	// domain's rows is the owner's to take.
	for i := range toks {
		if at(i) == "for" && (at(i+1) == "update" || at(i+1) == "share" || at(i+1) == "no" || at(i+1) == "key") {
			j := i + 1
			for at(j) == "no" || at(j) == "key" || at(j) == "update" || at(j) == "share" {
				j++
			}
			if at(j) != "of" {
				for k := range refs {
					refs[k].write = true
				}
			}
		}
	}
	return refs
}

// unqualified drops a schema: public.invoices → invoices.
func unqualified(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}
