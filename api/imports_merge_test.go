package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// An all-or-nothing import that fails in the middle of its merge, after its new customers are
// inserted and while its invoices go in, leaves the ledger exactly as it was: no customer, no
// invoice, no update of an existing invoice, no timeline entry, nothing left in staging. The
// failure is one only the database sees at merge time (a trigger installed by the test raises
// on the 7th of 10 new invoices), so the dry run finds nothing wrong. Run again without the
// trigger, the same import goes through.
func TestImportFailureMidMergeWritesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.signup("Acme", "owner@acme.test")
	first := e.importFile(owner.AccessToken, "invoices", "first.csv", windows1252(t, frenchInvoices))
	if first.Status != "done" || first.Report.Created != 3 {
		t.Fatalf("first import: %s %+v", first.Status, first.Report)
	}

	// FA-2025-003 changes its total; ten invoices are new, for C001, C002 and two new customers.
	var file strings.Builder
	file.WriteString(strings.Replace(frenchInvoices, "99,90;16,65", "120,00;20,00", 1))
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&file, "FB-2025-%03d;C%03d;Client %d;15/03/2025;14/04/2025;%d,00;0,00\r\n", i, 1+i%4, 1+i%4, 100*i)
	}
	type snapshot struct{ customers, invoices, activities, total003 int }
	ledger := func() snapshot {
		return snapshot{
			customers:  e.count(`SELECT count(*) FROM customers`),
			invoices:   e.count(`SELECT count(*) FROM invoices`),
			activities: e.count(`SELECT count(*) FROM activities`),
			total003:   e.count(`SELECT total_cents FROM invoices WHERE number = 'FA-2025-003'`),
		}
	}
	before := ledger()

	im := e.uploaded(owner.AccessToken, "invoices", "second.csv", windows1252(t, file.String()))
	im = e.runImport(owner.AccessToken, im.ID, "dry-run", nil)
	if im.Status != "validated" || im.Report.ErrorRows != 0 || im.Report.WouldCreate != 10 || im.Report.WouldUpdate != 1 ||
		im.Report.CustomersCreated != 2 {
		t.Fatalf("dry run: %s %+v", im.Status, im.Report)
	}

	ctx := context.Background()
	if _, err := e.app.DB.Pool.Exec(ctx, `
		CREATE FUNCTION test_fail_mid_merge() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			RAISE EXCEPTION 'test: failure in the middle of the merge, at %', NEW.number;
		END $$;
		CREATE TRIGGER test_fail_mid_merge BEFORE INSERT ON invoices
			FOR EACH ROW WHEN (NEW.number = 'FB-2025-007') EXECUTE FUNCTION test_fail_mid_merge();`); err != nil {
		t.Fatal(err)
	}
	im = e.runImport(owner.AccessToken, im.ID, "commit", map[string]any{"all_or_nothing": true})
	if im.Status != "failed" || im.Failure == "" || strings.Contains(im.Failure, "test:") {
		t.Fatalf("commit with a failing merge: status %s, failure %q", im.Status, im.Failure)
	}
	if after := ledger(); after != before {
		t.Fatalf("the failed merge wrote: before %+v, after %+v", before, after)
	}
	if n := e.count(`SELECT count(*) FROM import_invoice_rows WHERE import_id = $1`, im.ID) +
		e.count(`SELECT count(*) FROM import_customer_keys WHERE import_id = $1`, im.ID); n != 0 {
		t.Fatalf("%d rows left in staging", n)
	}
	if n := e.count(`SELECT count(*) FROM customers WHERE name LIKE 'Client %'`); n != 0 {
		t.Fatalf("%d customers of the failed import", n)
	}

	// Not a lasting failure: once the cause is gone, the same import runs to the end.
	if _, err := e.app.DB.Pool.Exec(ctx, `DROP TRIGGER test_fail_mid_merge ON invoices`); err != nil {
		t.Fatal(err)
	}
	im = e.runImport(owner.AccessToken, im.ID, "commit", map[string]any{"all_or_nothing": true})
	if im.Status != "done" || im.Report.Created != 10 || im.Report.Updated != 1 || im.Report.CustomersCreated != 2 {
		t.Fatalf("commit again: %s %+v", im.Status, im.Report)
	}
	if after := ledger(); after.invoices != before.invoices+10 || after.customers != before.customers+2 || after.total003 != 12000 {
		t.Fatalf("after the second commit: %+v (before %+v)", after, before)
	}
}
