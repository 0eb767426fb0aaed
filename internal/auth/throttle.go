package auth

import (
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/errs"
)

// Login throttling: after too many failures in the window, an account or a client address must
// wait until the oldest failure leaves the window. Counted in Postgres, so that every server
// behind a load balancer sees the same counts.
const (
	throttleWindow     = 15 * time.Minute
	maxFailuresAccount = 5
	maxFailuresIP      = 30
)

func accountKey(email string) string { return "account:" + strings.ToLower(email) }
func ipKey(ip string) string         { return "ip:" + ip }

func (s *Service) checkThrottle(db *gorm.DB, email, ip string) error {
	for _, k := range []struct {
		key string
		max int
	}{{accountKey(email), maxFailuresAccount}, {ipKey(ip), maxFailuresIP}} {
		var row struct {
			N      int
			Oldest *time.Time
		}
		err := db.Raw(`SELECT count(*) AS n, min(failed_at) AS oldest FROM (
				SELECT failed_at FROM login_failures WHERE key = ? AND failed_at > ?
				ORDER BY failed_at DESC LIMIT ?) recent`,
			k.key, s.now().Add(-throttleWindow), k.max).Scan(&row).Error
		if err != nil {
			return err
		}
		if row.N >= k.max && row.Oldest != nil {
			wait := row.Oldest.Add(throttleWindow).Sub(s.now())
			return &errs.Error{Kind: errs.KindTooManyRequests, RetryAfter: wait.Round(time.Second) + time.Second,
				Msg: "Too many failed sign-in attempts. Wait a few minutes and try again."}
		}
	}
	return nil
}

// recordFailure counts a failed login and returns the error to show.
func (s *Service) recordFailure(db *gorm.DB, email, ip string) error {
	now := s.now()
	err := db.Exec(`INSERT INTO login_failures (key, failed_at) VALUES (?, ?), (?, ?)`,
		accountKey(email), now, ipKey(ip), now).Error
	if err != nil {
		return err
	}
	return ErrBadCredentials
}

func (s *Service) clearFailures(db *gorm.DB, email string) error {
	return db.Exec(`DELETE FROM login_failures WHERE key = ?`, accountKey(email)).Error
}
