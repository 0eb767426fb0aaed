// Package migrations holds the SQL schema of Relance, applied in order by goose.
package migrations

import "embed"

// FS holds every numbered migration file.
//
//go:embed *.sql
var FS embed.FS
