package auth

import (
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/errs"
)

// Login throttling backs off, it never locks an account: failures are counted per account and
// address, per address, and per account, over a sliding window, in Postgres (every server behind
// a load balancer sees the same counts).
//
//   - one address on one account: 5 failures, then that address waits for that account;
//   - one address over every account (spraying): 30 failures, then that address waits;
//   - one account from everywhere (an attack from many addresses): past 20 failures, each address
//     gets 2 tries on the account instead of 5.
//
// The right password from an address that has not failed is always let through, so that
// someone else's guesses cannot keep an owner out of their own account.
const (
	throttleWindow         = 15 * time.Minute
	maxFailuresPair        = 5
	maxFailuresIP          = 30
	accountUnderAttack     = 20
	maxFailuresUnderAttack = 2
)

func accountKey(email string) string  { return "account:" + strings.ToLower(email) }
func ipKey(ip string) string          { return "ip:" + ip }
func pairKey(email, ip string) string { return "pair:" + strings.ToLower(email) + "|" + ip }
func tooManyLogins(wait time.Duration) error {
	return errs.New(errs.KindTooManyRequests, "auth.too_many_sign_ins").RetryIn(wait.Round(time.Second) + time.Second)
}

// recentFailures counts key's failures in the window, up to max, and tells when the oldest of
// those counted leaves it.
func (s *Service) recentFailures(db *gorm.DB, key string, max int) (int, time.Duration, error) {
	var row struct {
		N      int
		Oldest *time.Time
	}
	err := db.Raw(`SELECT count(*) AS n, min(failed_at) AS oldest FROM (
			SELECT failed_at FROM login_failures WHERE key = ? AND failed_at > ?
			ORDER BY failed_at DESC LIMIT ?) recent`,
		key, s.now().Add(-throttleWindow), max).Scan(&row).Error
	if err != nil || row.Oldest == nil {
		return row.N, 0, err
	}
	return row.N, row.Oldest.Add(throttleWindow).Sub(s.now()), nil
}

func (s *Service) checkThrottle(db *gorm.DB, email, ip string) error {
	for _, k := range []struct {
		key string
		max int
	}{{ipKey(ip), maxFailuresIP}, {pairKey(email, ip), maxFailuresPair}} {
		n, wait, err := s.recentFailures(db, k.key, k.max)
		if err != nil {
			return err
		}
		if n >= k.max {
			return tooManyLogins(wait)
		}
	}
	n, wait, err := s.recentFailures(db, pairKey(email, ip), maxFailuresUnderAttack)
	if err != nil || n < maxFailuresUnderAttack {
		return err
	}
	if attacks, _, err := s.recentFailures(db, accountKey(email), accountUnderAttack); err != nil {
		return err
	} else if attacks >= accountUnderAttack {
		return tooManyLogins(wait)
	}
	return nil
}

// recordFailure counts a failed login and returns the error to show.
func (s *Service) recordFailure(db *gorm.DB, email, ip string) error {
	now := s.now()
	err := db.Exec(`INSERT INTO login_failures (key, failed_at) VALUES (?, ?), (?, ?), (?, ?)`,
		accountKey(email), now, ipKey(ip), now, pairKey(email, ip), now).Error
	if err != nil {
		return err
	}
	return ErrBadCredentials
}

// clearFailures forgets this address's failures on the account after a success there. The
// account's count from everywhere stays: it tells whether the account is under attack.
func (s *Service) clearFailures(db *gorm.DB, email, ip string) error {
	return db.Exec(`DELETE FROM login_failures WHERE key = ?`, pairKey(email, ip)).Error
}
