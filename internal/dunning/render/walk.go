package render

import "text/template/parse"

// walk calls visit on n and on every node below it through lists, actions, ifs and pipes, in
// the template's order (checkNode refuses the nodes that would hold others: range, with...).
func walk(n parse.Node, visit func(parse.Node)) {
	visit(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walk(c, visit)
			}
		}
	case *parse.ActionNode:
		walk(n.Pipe, visit)
	case *parse.IfNode:
		walk(n.Pipe, visit)
		walk(n.List, visit)
		if n.ElseList != nil {
			walk(n.ElseList, visit)
		}
	case *parse.PipeNode:
		if n != nil {
			for _, cmd := range n.Cmds {
				for _, a := range cmd.Args {
					walk(a, visit)
				}
			}
		}
	}
}
