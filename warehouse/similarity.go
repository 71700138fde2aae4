package warehouse

import (
	"context"
	"database/sql"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// A report copied from the year before with new numbers is a finding in
// itself (and a hint that its numbers deserve a second look). Each current
// report's prose is compared with the prose of the same publisher's current
// report of the previous year: the Jaccard index of their sets of
// shingleSize-character shingles, digits dropped so that changed numbers and
// years do not hide a copy. Pairs are computed once and kept in
// report_similarity; a new version makes a new pair.

const shingleSize = 5

// updateSimilarity computes the pairs of current reports not yet in
// report_similarity and returns how many it added: ahead's first, when
// given (ReadSimilarity, with nothing written since), then any still missing.
func updateSimilarity(ctx context.Context, conn *sql.Conn, ahead *Similarity) (int, error) {
	added := 0
	if ahead != nil {
		n, err := ahead.append(conn)
		if err != nil {
			return 0, err
		}
		added = n
	}
	s, err := readSimilarity(ctx, conn)
	if err != nil {
		return added, err
	}
	n, err := s.append(conn)
	return added + n, err
}

// Similarity is what an update of report_similarity reads: the pairs of
// current reports not in it yet, and their reports' prose.
type Similarity struct {
	pairs [][2]int64
	texts []reportText
	sets  map[int64][]uint64 // by report id, once computed
}

// ReadSimilarity reads what FinishRun's update of report_similarity
// needs, ahead of it and outside any transaction, so that the caller can
// compute it (Compute, CPU only) while the database does other work, a
// checkpoint (RunPass). FinishRun adds the pairs that are still missing then.
func (db *DB) ReadSimilarity(ctx context.Context) (*Similarity, error) {
	return readSimilarity(ctx, db.sql)
}

// querier is a connection, or the database handle outside a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func readSimilarity(ctx context.Context, q querier) (*Similarity, error) {
	rows, err := q.QueryContext(ctx, `
		WITH cur AS (
			SELECT report_id, regexp_replace(identity, '\|[0-9]+$', '') AS who, year
			FROM reports WHERE is_current AND identity IS NOT NULL AND year IS NOT NULL
		)
		SELECT a.report_id, b.report_id
		FROM cur a JOIN cur b ON a.who = b.who AND b.year = a.year - 1
		WHERE NOT EXISTS (SELECT 1 FROM report_similarity s WHERE s.report_id = a.report_id AND s.previous_id = b.report_id)
		ORDER BY a.report_id`)
	if err != nil {
		return nil, err
	}
	s := &Similarity{}
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return nil, err
		}
		s.pairs = append(s.pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(s.pairs) == 0 {
		return s, err
	}
	// Each report's prose once, in chunks so that the IN list stays short.
	seen := map[int64]bool{}
	var ids []int64
	for _, p := range s.pairs {
		for _, id := range p {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	for start := 0; start < len(ids); start += 1000 {
		chunk := ids[start:min(start+1000, len(ids))]
		list := make([]string, len(chunk))
		for i, id := range chunk {
			list[i] = strconv.FormatInt(id, 10) // integers: safe to inline
		}
		rows, err := q.QueryContext(ctx, `SELECT report_id, string_agg(coalesce(heading, '') || ' ' || coalesce(text, ''), ' ' ORDER BY seq)
			FROM report_prose WHERE report_id IN (`+strings.Join(list, ",")+`) GROUP BY report_id`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var t reportText
			var text sql.NullString
			if err := rows.Scan(&t.id, &text); err != nil {
				rows.Close()
				return nil, err
			}
			t.text = text.String
			s.texts = append(s.texts, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Compute shingles every report's prose, on every core (the run report
// waits for it at the end of a run: 2,000 reports took 0.8 s on one), and
// drops the texts. Once is enough.
func (s *Similarity) Compute() {
	if s.sets != nil {
		return
	}
	s.sets = make(map[int64][]uint64, len(s.texts))
	for i, set := range shingleAll(s.texts) {
		s.sets[s.texts[i].id] = set
	}
	s.texts = nil
}

// append computes what is not yet and adds the pairs to report_similarity.
func (s *Similarity) append(conn *sql.Conn) (int, error) {
	if len(s.pairs) == 0 {
		return 0, nil
	}
	s.Compute()
	now := time.Now().UTC()
	err := withAppender(conn, "report_similarity", func(a *duckdb.Appender) error {
		for _, p := range s.pairs {
			j, n := Jaccard(s.sets[p[0]], s.sets[p[1]])
			var jv any
			if n > 0 {
				jv = j
			}
			if err := a.AppendRow(p[0], p[1], jv, int32(n), now); err != nil {
				return err
			}
		}
		return nil
	})
	return len(s.pairs), err
}

// reportText is one report's prose, as readSimilarity reads it.
type reportText struct {
	id   int64
	text string
}

// shingleAll returns the Shingles of each text, computed on GOMAXPROCS
// goroutines.
func shingleAll(texts []reportText) [][]uint64 {
	out := make([][]uint64, len(texts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(texts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(texts); i = int(next.Add(1) - 1) {
				out[i] = Shingles(texts[i].text)
			}
		}()
	}
	wg.Wait()
	return out
}

// Shingles returns the hashed shingleSize-rune shingles of text as a sorted
// set without repeats, keeping letters (Han characters included) only:
// digits, punctuation and spaces are dropped first. A sorted slice costs
// 8 bytes a shingle where a map costs several times that, and a run holds the
// sets of every report pair at once.
//
// A shingle's key is a shift-xor of its five runes (CJK runes are 16 bits,
// so they overlap little): cheaper than a hash function per shingle; a rare
// collision only merges two shingles, which a Jaccard index bears. Shifting
// by 13 bits five times pushes a rune out of the 64-bit key, so the key is
// rolled one letter at a time: k<<13 ^ r is the key of the last five.
func Shingles(text string) []uint64 {
	set := make([]uint64, 0, len(text)/3) // mostly CJK: 3 bytes a rune
	var k uint64
	letters := 0
	for _, r := range text {
		if !isLetter(r) {
			continue
		}
		k = k<<13 ^ uint64(r)
		if letters++; letters >= shingleSize {
			set = append(set, k)
		}
	}
	if len(set) == 0 {
		return nil
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// isLetter is unicode.IsLetter with the reports' common runes first: ASCII,
// and the CJK Unified Ideographs block, letters from end to end.
func isLetter(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	case 0x4E00 <= r && r <= 0x9FFF:
		return true
	}
	return unicode.IsLetter(r)
}

// Jaccard is |a∩b| / |a∪b| of two sets from Shingles and the size of the
// smaller set (0 when either is empty: nothing to compare).
func Jaccard(a, b []uint64) (float64, int) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter), min(len(a), len(b))
}
