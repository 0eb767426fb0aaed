package jobs

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/relance/relance/internal/platform/db"
)

// depthCollector reports how many jobs wait or run, per queue and state, at scrape time.
type depthCollector struct {
	d    *db.DB
	desc *prometheus.Desc
}

// DepthCollector is a Prometheus collector of the job queue's depth.
func DepthCollector(d *db.DB) prometheus.Collector {
	return &depthCollector{d: d, desc: prometheus.NewDesc("relance_jobs",
		"Background jobs waiting or running, by queue and state.", []string{"queue", "state"}, nil)}
}

func (c *depthCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *depthCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rows, err := c.d.Pool.Query(ctx, `SELECT queue, state::text, count(*) FROM river_job
		WHERE state IN ('available', 'scheduled', 'retryable', 'running') GROUP BY 1, 2`)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var queue, state string
		var n int64
		if err := rows.Scan(&queue, &state, &n); err != nil {
			ch <- prometheus.NewInvalidMetric(c.desc, err)
			return
		}
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), queue, state)
	}
}
