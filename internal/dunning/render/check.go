package render

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"
)

// Limits on template sources.
const (
	maxSubjectLen = 200
	maxBodyLen    = 20000
)

// Validation messages. They are plain English; the API translates them by this exact text.
const (
	msgSubjectRequired = "subject is required"
	msgBodyRequired    = "body is required"
	msgTooLong         = "%s is longer than %d characters"
	msgUnknownVariable = "unknown variable %q"
	msgNoDot           = "write {{%s}} without the leading dot"
	msgNotAllowed      = "%q cannot be used in templates"
	msgNotInSubject    = "%q cannot be used in the subject"
	msgUnclosedAction  = "a {{ is not closed by }} on line %d"
	msgUnclosedIf      = "an {{if}} is not closed by {{end}}"
	msgStrayEnd        = "{{end}} without a matching {{if}} on line %d"
	msgStrayElse       = "{{else}} without a matching {{if}} on line %d"
	msgEmptyIf         = "{{if}} needs a variable on line %d, e.g. {{if penalties}}"
	msgSyntax          = "syntax error on line %d: %s"
	msgExecution       = "cannot fill in the template on line %d: %s"
)

// builtins are the text/template functions a template may use in conditions.
var builtins = map[string]bool{
	"and": true, "or": true, "not": true, "len": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
}

// fieldError is a problem with one template field, in the words of the validation messages.
type fieldError struct{ field, message string }

func (e *fieldError) Error() string { return "render: " + e.field + ": " + e.message }

// parseSource parses one template field and checks it only uses variables, conditions and the
// built-ins above (no range, no data fields, nothing that could loop or read data).
func parseSource(field, src string) (*template.Template, *fieldError) {
	if strings.TrimSpace(src) == "" {
		if field == "subject" {
			return nil, &fieldError{field, msgSubjectRequired}
		}
		return nil, &fieldError{field, msgBodyRequired}
	}
	limit := maxBodyLen
	if field == "subject" {
		limit = maxSubjectLen
	}
	if utf8.RuneCountInString(src) > limit {
		return nil, &fieldError{field, fmt.Sprintf(msgTooLong, field, limit)}
	}
	t, err := template.New(field).Funcs(placeholderFuncs()).Parse(src)
	if err != nil {
		return nil, &fieldError{field, parseMessage(err)}
	}
	if len(t.Templates()) > 1 {
		return nil, &fieldError{field, fmt.Sprintf(msgNotAllowed, "define")}
	}
	if msg := checkNode(t.Root, field == "subject"); msg != "" {
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
func parseMessage(err error) string {
	line, detail := 1, err.Error()
	if m := parseErrRE.FindStringSubmatch(detail); m != nil {
		line, _ = strconv.Atoi(m[1])
		detail = m[2]
	}
	if m := undefinedRE.FindStringSubmatch(detail); m != nil {
		return fmt.Sprintf(msgUnknownVariable, m[1]+m[2])
	}
	if m := unexpectedRE.FindStringSubmatch(detail); m != nil {
		if m[1] == "{{end}}" {
			return fmt.Sprintf(msgStrayEnd, line)
		}
		return fmt.Sprintf(msgStrayElse, line)
	}
	switch {
	case strings.Contains(detail, "unclosed action"):
		return fmt.Sprintf(msgUnclosedAction, line)
	case strings.HasPrefix(detail, "unexpected EOF"):
		return msgUnclosedIf
	case strings.HasPrefix(detail, "missing value for if"):
		return fmt.Sprintf(msgEmptyIf, line)
	}
	return fmt.Sprintf(msgSyntax, line, detail)
}

// checkNode returns the first problem of a parsed template, or "".
func checkNode(root parse.Node, subject bool) string {
	msg := ""
	walk(root, func(n parse.Node) {
		if msg == "" {
			msg = nodeProblem(n, subject)
		}
	})
	return msg
}

// nodeProblem is what is wrong with one node itself (walk visits what is below it), or "".
func nodeProblem(n parse.Node, subject bool) string {
	switch n := n.(type) {
	case nil, *parse.TextNode, *parse.CommentNode, *parse.StringNode, *parse.NumberNode,
		*parse.BoolNode, *parse.NilNode, *parse.ListNode, *parse.ActionNode, *parse.IfNode, *parse.PipeNode:
		return ""
	case *parse.IdentifierNode:
		return checkIdentifier(n.Ident, subject)
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			return fmt.Sprintf(msgUnknownVariable, n.String())
		}
		return ""
	case *parse.FieldNode:
		return dotted(n.Ident[0])
	case *parse.ChainNode:
		return fmt.Sprintf(msgUnknownVariable, n.String())
	case *parse.DotNode:
		return fmt.Sprintf(msgUnknownVariable, ".")
	}
	if action, ok := refusedActions[n.Type()]; ok {
		return fmt.Sprintf(msgNotAllowed, action)
	}
	return fmt.Sprintf(msgNotAllowed, n.String())
}

// refusedActions are the actions of text/template that reminders may not use.
var refusedActions = map[parse.NodeType]string{parse.NodeRange: "range", parse.NodeWith: "with",
	parse.NodeTemplate: "template", parse.NodeBreak: "break", parse.NodeContinue: "continue"}

func checkIdentifier(name string, subject bool) string {
	switch {
	case isVariable(name):
		if subject && (name == "invoice_table" || name == "signature") {
			return fmt.Sprintf(msgNotInSubject, name)
		}
		return ""
	case builtins[name]:
		return ""
	case name == "call" || name == "index" || name == "slice" || name == "print" || name == "printf" ||
		name == "println" || name == "html" || name == "js" || name == "urlquery":
		return fmt.Sprintf(msgNotAllowed, name)
	}
	return fmt.Sprintf(msgUnknownVariable, name)
}

// dotted explains {{.customer_name}}: the variable exists, only the dot is wrong.
func dotted(name string) string {
	if isVariable(name) {
		return fmt.Sprintf(msgNoDot, name)
	}
	return fmt.Sprintf(msgUnknownVariable, name)
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
func execMessage(err error) string {
	line, detail := 1, err.Error()
	if m := execErrRE.FindStringSubmatch(detail); m != nil {
		line, _ = strconv.Atoi(m[1])
		detail = m[2]
	}
	return fmt.Sprintf(msgExecution, line, detail)
}
