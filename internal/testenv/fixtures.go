package testenv

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/platform/db"
)

// Organization adds an organisation named name to d and returns its id.
func Organization(t testing.TB, d *db.DB, name string) uuid.UUID {
	t.Helper()
	org := uuid.Must(uuid.NewV7())
	if _, err := d.Pool.Exec(context.Background(), `INSERT INTO organizations (id, name) VALUES ($1, $2)`, org, name); err != nil {
		t.Fatal(err)
	}
	return org
}
