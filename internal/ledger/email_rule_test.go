package ledger_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/relance/relance/internal/platform/locale"
	"github.com/relance/relance/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// The data-quality check of imported contacts (SQL) and every form and API call (locale.Email)
// answer alike on what an email address is.
func TestTheEmailRuleIsTheSameInSQL(t *testing.T) {
	d := testenv.DB(t)
	ctx := context.Background()
	for _, s := range []string{
		"jean@example.fr", "  Jean.Dupont+relance@Example.FR \n", "o'brien@example.co.uk", "jean@exämple.fr",
		"jean@xn--exmple-cua.fr", "jean@sub-domain.example.fr", "élodie@exemple.fr", "a!#$%&*/=?^_`{|}~-@example.fr",
		"Jean <jean@example.fr>", "<jean@example.fr>", "jean@example.fr (Jean)", "jean@localhost",
		"jean.dupont@localhost", `"jean dupont"@example.fr`, "jean.@example.fr", ".jean@example.fr", "je..an@example.fr",
		"jean@example.f", "jean@example.123", "jean@-example.fr", "jean@example-.fr", "jean@example..fr",
		"jean@example.fr.", "jean@@example.fr", "jean@exa mple.fr", "jean,paul@example.fr", "a@b.fr, c@d.fr",
		"jean", "", "jean@[192.168.0.1]", "j@" + strings.Repeat("a", 250) + ".fr",
	} {
		var inSQL bool
		if err := d.Pool.QueryRow(ctx, `SELECT relance_email_valid($1)`, s).Scan(&inSQL); err != nil {
			t.Fatal(err)
		}
		if inGo := locale.ValidEmail(s); inSQL != inGo {
			t.Errorf("%q: locale.Email says %v, SQL says %v", s, inGo, inSQL)
		}
	}
}

// A customer is flagged for an invalid email only when one of its contacts has one by that rule.
func TestInvalidEmailFlag(t *testing.T) {
	d := testenv.DB(t)
	ctx := context.Background()
	org := testenv.Organization(t, d, "Démo")
	flagged := func(emails ...string) bool {
		t.Helper()
		customer := uuid.Must(uuid.NewV7())
		if _, err := d.Pool.Exec(ctx, `INSERT INTO customers (id, organization_id, name) VALUES ($1, $2, 'Client')`, customer, org); err != nil {
			t.Fatal(err)
		}
		for _, e := range emails {
			if _, err := d.Pool.Exec(ctx, `INSERT INTO contacts (id, organization_id, customer_id, email) VALUES ($1, $2, $3, $4)`,
				uuid.Must(uuid.NewV7()), org, customer, e); err != nil {
				t.Fatal(err)
			}
		}
		var problems []string
		err := d.Pool.QueryRow(ctx, `SELECT relance_refresh_customer_quality($1, ARRAY[$2::uuid]);
			`, org, customer).Scan(new(any))
		if err == nil {
			err = d.Pool.QueryRow(ctx, `SELECT data_problems FROM customers WHERE id = $1`, customer).Scan(&problems)
		}
		if err != nil {
			t.Fatal(err)
		}
		return slices.Contains(problems, "invalid_email")
	}
	if flagged("compta@exämple.fr", "jean@example.fr") {
		t.Error("an internationalised domain is flagged")
	}
	if !flagged("jean@example.fr", "jean.@example.fr") {
		t.Error("jean.@example.fr is not flagged")
	}
}
