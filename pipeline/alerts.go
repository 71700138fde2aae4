package pipeline

import (
	"fmt"
	"time"

	"disclosure/queries"
	"disclosure/warehouse"
)

// shanghai is the time zone of the reports' deadlines and of the default
// schedule; time/tzdata is embedded (schedule.go), so it loads everywhere.
var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// today is the date the alerts judge deadlines by: in China.
func today() time.Time { return time.Now().In(shanghai) }

// alertQuery is the named query `alerts` with its defaults, judged on the
// given day.
func alertQuery(day time.Time) (*warehouse.AlertQuery, error) {
	q, ok, err := queries.Get("alerts")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("no named query alerts")
	}
	args, err := q.Args(map[string]string{"as_of": day.Format("2006-01-02")})
	if err != nil {
		return nil, err
	}
	return &warehouse.AlertQuery{SQL: q.SQL, Args: args}, nil
}
