package render

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/relance/relance/internal/platform/locale"
)

// Limits on template sources.
const (
	maxSubjectLen = 200
	maxBodyLen    = 20000
)

// Validation messages: keys of the locale catalogue.
const (
	msgSubjectRequired = "template.subject_required"
	msgBodyRequired    = "template.body_required"
	msgTooLong         = "template.too_long"
	msgUnknownVariable = "template.unknown_variable"
	msgNoDot           = "template.no_dot"
	msgNotAllowed      = "template.not_allowed"
	msgNotInSubject    = "template.not_in_subject"
	msgUnclosedAction  = "template.unclosed_action"
	msgUnclosedIf      = "template.unclosed_if"
	msgStrayEnd        = "template.stray_end"
	msgStrayElse       = "template.stray_else"
	msgEmptyIf         = "template.empty_if"
	msgSyntax          = "template.syntax_error"
	msgExecution       = "template.execution_error"
)

// builtins are the text/template functions a template may use in conditions.
var builtins = map[string]bool{
	"and": true, "or": true, "not": true, "len": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
}

// problem is a validation message: its key and values; the zero problem is none.
type problem struct {
	key  string
	args []any
}

func say(key string, args ...any) problem { return problem{key, args} }

func unknownVariable(name string) problem { return say(msgUnknownVariable, strconv.Quote(name)) }

func notAllowed(name string) problem { return say(msgNotAllowed, strconv.Quote(name)) }

// fieldError is a problem with one template field.
type fieldError struct {
	field string
	problem
}

func (e *fieldError) Error() string {
	return "render: " + e.field + ": " + locale.T("en", e.key, e.args...)
}

// parseSource parses one template field and checks it only uses variables, conditions and the
// built-ins above (no range, no data fields, nothing that could loop or read data).
func parseSource(field, src string) (*template.Template, *fieldError) {
	if strings.TrimSpace(src) == "" {
		if field == "subject" {
			return nil, &fieldError{field, say(msgSubjectRequired)}
		}
		return nil, &fieldError{field, say(msgBodyRequired)}
	}
	limit := maxBodyLen
	if field == "subject" {
		limit = maxSubjectLen
	}
	if utf8.RuneCountInString(src) > limit {
		return nil, &fieldError{field, say(msgTooLong, field, limit)}
	}
	t, err := template.New(field).Funcs(placeholderFuncs()).Parse(src)
	if err != nil {
		return nil, &fieldError{field, parseMessage(err)}
	}
	if len(t.Templates()) > 1 {
		return nil, &fieldError{field, notAllowed("define")}
	}
	if msg := checkNode(t.Root, field == "subject"); msg.key != "" {
		return nil, &fieldError{field, msg}
	}
	return t, nil
}

var (
	parseErrRE   = regexp.MustCompile(`^template: \w+:(\d+):(?:\d+:)? ?(.*)$`)
	undefinedRE  = regexp.MustCompile(`function "([^"]*)" not defined|undefined variable "([^"]*)"`)
	unexpectedRE = regexp.MustCompile(`^unexpected (\{\{end\}\}|\{\{else\}\})`)
)

// parseMessage turns a text/template parse error into plain words.
func parseMessage(err error) problem {
	line, detail := 1, err.Error()
	if m := parseErrRE.FindStringSubmatch(detail); m != nil {
		line, _ = strconv.Atoi(m[1])
		detail = m[2]
	}
	if m := undefinedRE.FindStringSubmatch(detail); m != nil {
		return unknownVariable(m[1] + m[2])
	}
	if m := unexpectedRE.FindStringSubmatch(detail); m != nil {
		if m[1] == "{{end}}" {
			return say(msgStrayEnd, line)
		}
		return say(msgStrayElse, line)
	}
	switch {
	case strings.Contains(detail, "unclosed action"):
		return say(msgUnclosedAction, line)
	case strings.HasPrefix(detail, "unexpected EOF"):
		return say(msgUnclosedIf)
	case strings.HasPrefix(detail, "missing value for if"):
		return say(msgEmptyIf, line)
	}
	return say(msgSyntax, line, detail)
}

// checkNode returns the first problem of a parsed template, or "".
func checkNode(root parse.Node, subject bool) problem {
	msg := problem{}
	walk(root, func(n parse.Node) {
		if msg.key == "" {
			msg = nodeProblem(n, subject)
		}
	})
	return msg
}

// nodeProblem is what is wrong with one node itself (walk visits what is below it), or "".
func nodeProblem(n parse.Node, subject bool) problem {
	switch n := n.(type) {
	case nil, *parse.TextNode, *parse.CommentNode, *parse.StringNode, *parse.NumberNode,
		*parse.BoolNode, *parse.NilNode, *parse.ListNode, *parse.ActionNode, *parse.IfNode, *parse.PipeNode:
		return problem{}
	case *parse.IdentifierNode:
		return checkIdentifier(n.Ident, subject)
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			return unknownVariable(n.String())
		}
		return problem{}
	case *parse.FieldNode:
		return dotted(n.Ident[0])
	case *parse.ChainNode:
		return unknownVariable(n.String())
	case *parse.DotNode:
		return unknownVariable(".")
	}
	if action, ok := refusedActions[n.Type()]; ok {
		return notAllowed(action)
	}
	return notAllowed(n.String())
}

// refusedActions are the actions of text/template that reminders may not use.
var refusedActions = map[parse.NodeType]string{parse.NodeRange: "range", parse.NodeWith: "with",
	parse.NodeTemplate: "template", parse.NodeBreak: "break", parse.NodeContinue: "continue"}

func checkIdentifier(name string, subject bool) problem {
	switch {
	case isVariable(name):
		if subject && (name == "invoice_table" || name == "signature") {
			return say(msgNotInSubject, strconv.Quote(name))
		}
		return problem{}
	case builtins[name]:
		return problem{}
	case name == "call" || name == "index" || name == "slice" || name == "print" || name == "printf" ||
		name == "println" || name == "html" || name == "js" || name == "urlquery":
		return notAllowed(name)
	}
	return unknownVariable(name)
}

// dotted explains {{.customer_name}}: the variable exists, only the dot is wrong.
func dotted(name string) problem {
	if isVariable(name) {
		return say(msgNoDot, name)
	}
	return unknownVariable(name)
}

// usesAny reports whether the template mentions one of the names.
func usesAny(n parse.Node, names ...string) bool {
	found := false
	walk(n, func(n parse.Node) {
		if id, ok := n.(*parse.IdentifierNode); ok && slices.Contains(names, id.Ident) {
			found = true
		}
	})
	return found
}

var execErrRE = regexp.MustCompile(`^template: \w+:(\d+):(?:\d+:)? executing "[^"]*" at (.*)$`)

// execMessage turns a text/template execution error into a validation message.
func execMessage(err error) problem {
	line, detail := 1, err.Error()
	if m := execErrRE.FindStringSubmatch(detail); m != nil {
		line, _ = strconv.Atoi(m[1])
		detail = m[2]
	}
	return say(msgExecution, line, detail)
}
