package dunning

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/relance/relance/internal/auth"
	"github.com/relance/relance/internal/ledger"
	"github.com/relance/relance/internal/platform/errs"
	"github.com/relance/relance/internal/platform/page"
)

// ActionFilter narrows the outbox.
type ActionFilter struct {
	Status     string
	Channel    string
	Stage      string
	CustomerID *uuid.UUID
	InvoiceID  *uuid.UUID
}

// ActionSummary is an outbox row.
type ActionSummary struct {
	ID           uuid.UUID
	CustomerID   uuid.UUID
	CustomerName string
	Stage        string
	Channel      string
	Status       string
	SkipReason   string
	Origin       string
	PlannedOn    time.Time
	SendAt       *time.Time
	SentAt       *time.Time
	OpenedAt     *time.Time
	ClickedAt    *time.Time
	OpenCount    int
	ClickCount   int
	Error        string
	Attempts     int
	Subject      string
	Language     string
	ToAddresses  pq.StringArray `gorm:"type:text[]"`
	CcAddresses  pq.StringArray `gorm:"type:text[]"`
	MessageID    string
	InvoiceCount int
	TotalCents   int64
	Currency     string
}

// ActionDetail is an outbox entry with its invoices and, once sent, the message.
type ActionDetail struct {
	ActionSummary
	BodyText     string
	BodyHTML     string           `gorm:"column:body_html"`
	SMTPResponse string           `gorm:"column:smtp_response"`
	Items        []ActionItemView `gorm:"-"`
}

// ActionItemView is one invoice of an action.
type ActionItemView struct {
	InvoiceID     uuid.UUID
	InvoiceNumber string
	StepID        uuid.UUID
	OffsetDays    int
	BalanceCents  int64
	Status        string
	SkipReason    string
}

var actionSorts = map[string]string{"planned_on": "a.planned_on", "status": "a.status", "customer": "lower(c.name)",
	"sent_at": "a.sent_at"}

// ValidActionSort reports whether sort names an outbox column.
func ValidActionSort(sort string) bool { return page.ValidSort(sort, actionSorts) }

const actionColumns = `a.id, a.customer_id, c.name AS customer_name, a.stage, a.channel, a.status, a.skip_reason,
	a.origin, a.planned_on, a.send_at, a.sent_at, a.opened_at, a.clicked_at, a.open_count, a.click_count, a.error,
	a.attempts, a.subject, a.language, a.to_addresses, a.cc_addresses, a.message_id,
	(SELECT count(*) FROM dunning_action_items x WHERE x.organization_id = a.organization_id AND x.action_id = a.id) AS invoice_count,
	(SELECT coalesce(sum(x.balance_cents), 0) FROM dunning_action_items x WHERE x.organization_id = a.organization_id AND x.action_id = a.id) AS total_cents,
	(SELECT min(i.currency) FROM dunning_action_items x JOIN ledger_invoices i ON i.organization_id = x.organization_id AND i.id = x.invoice_id
	  WHERE x.organization_id = a.organization_id AND x.action_id = a.id) AS currency`

// ListActions is the outbox: newest first unless sorted otherwise.
func (s *Service) ListActions(ctx context.Context, p auth.Principal, f ActionFilter, q page.Query) (page.Result[ActionSummary], error) {
	var v errs.Validation
	v.Check(f.Status == "" || oneOf(f.Status, []string{StatusQueued, StatusSending, StatusSent, StatusFailed,
		StatusSkipped, StatusPending, StatusDone, StatusUncertain, "opened", "clicked"}), "status", "dunning.unknown_status")
	v.Check(f.Channel == "" || oneOf(f.Channel, Channels), "channel", "dunning.choose_channel")
	v.Check(f.Stage == "" || oneOf(f.Stage, Stages), "stage", "dunning.choose_stage")
	v.Check(ValidActionSort(q.Sort), "sort", "common.unknown_sort_column")
	if err := v.Err(); err != nil {
		return page.Result[ActionSummary]{}, err
	}
	query := s.db.WithContext(ctx).Table("dunning_actions a").Select(actionColumns).
		Joins("JOIN ledger_customers c ON c.organization_id = a.organization_id AND c.id = a.customer_id").
		Where("a.organization_id = ?", p.OrganizationID)
	switch f.Status {
	case "":
	case "opened":
		query = query.Where("a.opened_at IS NOT NULL")
	case "clicked":
		query = query.Where("a.clicked_at IS NOT NULL")
	default:
		query = query.Where("a.status = ?", f.Status)
	}
	if f.Channel != "" {
		query = query.Where("a.channel = ?", f.Channel)
	}
	if f.Stage != "" {
		query = query.Where("a.stage = ?", f.Stage)
	}
	if f.CustomerID != nil {
		query = query.Where("a.customer_id = ?", *f.CustomerID)
	}
	if f.InvoiceID != nil {
		query = query.Where(`EXISTS (SELECT 1 FROM dunning_action_items x WHERE x.organization_id = a.organization_id
			AND x.action_id = a.id AND x.invoice_id = ?)`, *f.InvoiceID)
	}
	if q.Normalize().Q != "" {
		query = query.Where("(c.name ILIKE ? OR a.subject ILIKE ?)", q.Like(), q.Like())
	}
	return page.Fetch[ActionSummary](query, q, actionSorts, "a.planned_on DESC, a.created_at DESC", "a.id")
}

// GetAction returns one outbox entry with its invoices.
func (s *Service) GetAction(ctx context.Context, p auth.Principal, id uuid.UUID) (ActionDetail, error) {
	var d ActionDetail
	db := s.db.WithContext(ctx)
	err := db.Table("dunning_actions a").Select(actionColumns+", a.body_text, a.body_html, a.smtp_response").
		Joins("JOIN ledger_customers c ON c.organization_id = a.organization_id AND c.id = a.customer_id").
		Where("a.organization_id = ? AND a.id = ?", p.OrganizationID, id).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return d, errs.ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.Items = []ActionItemView{}
	err = db.Raw(`SELECT x.invoice_id, i.number AS invoice_number, x.step_id, x.offset_days, x.balance_cents, x.status,
			x.skip_reason
		  FROM dunning_action_items x JOIN ledger_invoices i ON i.organization_id = x.organization_id AND i.id = x.invoice_id
		 WHERE x.organization_id = ? AND x.action_id = ? ORDER BY i.due_date, i.number`, p.OrganizationID, id).Scan(&d.Items).Error
	return d, err
}

// CancelAction skips a queued email or a pending task; its invoices' steps stay done.
func (s *Service) CancelAction(ctx context.Context, p auth.Principal, id uuid.UUID) (ActionDetail, error) {
	err := s.txAs(ctx, p, auth.RoleCollector, func(tx *gorm.DB) error {
		a, err := lockAction(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		if !oneOf(a.Status, []string{StatusQueued, StatusPending, StatusFailed, StatusUncertain}) {
			return ErrActionState
		}
		if err := tx.Exec(`UPDATE dunning_action_items SET status = 'skipped', skip_reason = ? WHERE organization_id = ?
			AND action_id = ? AND status = 'planned'`, ReasonCancelledBy, p.OrganizationID, id).Error; err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE dunning_actions SET status = 'skipped', skip_reason = ?, updated_at = now() WHERE id = ?`,
			ReasonCancelledBy, id).Error; err != nil {
			return err
		}
		return record(tx, p, "reminder_cancelled", &a.CustomerID, nil, ledger.JSON{"action_id": a.ID, "stage": a.Stage, "channel": a.Channel})
	})
	if err != nil {
		return ActionDetail{}, err
	}
	return s.GetAction(ctx, p, id)
}

// RetryAction queues a failed email again, to be sent at once; or an uncertain one, which may
// have reached the customer already, when a user chooses to send it again.
func (s *Service) RetryAction(ctx context.Context, p auth.Principal, id uuid.UUID) (ActionDetail, error) {
	err := s.txAs(ctx, p, auth.RoleCollector, func(tx *gorm.DB) error {
		a, err := lockAction(tx, p.OrganizationID, id)
		if err != nil {
			return err
		}
		if (a.Status != StatusFailed && a.Status != StatusUncertain) || a.Channel != "email" {
			return ErrActionState
		}
		if err := tx.Exec(`UPDATE dunning_actions SET status = 'queued', error = '', handed_at = NULL, send_at = now(),
			updated_at = now() WHERE id = ?`, id).Error; err != nil {
			return err
		}
		if err := record(tx, p, "reminder_retried", &a.CustomerID, nil, ledger.JSON{"action_id": a.ID,
			"was": a.Status}); err != nil {
			return err
		}
		return s.enqueueSends(ctx, tx, []createdAction{{ID: a.ID, OrganizationID: a.OrganizationID, Channel: a.Channel,
			SendAt: s.opts.Now()}})
	})
	if err != nil {
		return ActionDetail{}, err
	}
	return s.GetAction(ctx, p, id)
}

func lockAction(tx *gorm.DB, org, id uuid.UUID) (Action, error) {
	var a Action
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("organization_id = ? AND id = ?", org, id).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return a, errs.ErrNotFound
	}
	return a, err
}
