// Package demo seeds the demo organisation that `make run` shows a newcomer.
package demo

import (
	"context"

	"github.com/relance/relance/internal/app"
)

// The demo owner's credentials, printed by `relance seed --demo`.
const (
	Organization = "Démo SARL"
	Email        = "demo@relance.test"
	Password     = "relance-demo"
	OwnerName    = "Camille Démo"
)

// Seed creates the demo organisation and its owner when missing. Running it again changes nothing.
func Seed(ctx context.Context, a *app.App) error {
	_, err := a.Auth.EnsureOwner(ctx, Organization, OwnerName, Email, Password, "fr")
	return err
}
