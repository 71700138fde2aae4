package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Kind says what role a URL plays on its site. It decides what the crawler
// looks for in the page and what the Sink does with the body.
type Kind string

const (
	KindRobots     Kind = "robots"     // /robots.txt of a host
	KindListing    Kind = "listing"    // the registered page, a column, or one of its pages
	KindReport     Kind = "report"     // a page (or file) whose link text names an annual report
	KindAttachment Kind = "attachment" // a file linked from a report page (.pdf .doc .docx .wps .xls .xlsx)
)

// URLState is what the crawler remembers about one URL between crawls. The
// fields mirror the columns of the warehouse's url_state.
type URLState struct {
	URL      string `json:"url"`
	Site     string `json:"site"`                // Site.ID() of the registry row that found it
	SiteCode string `json:"site_code,omitempty"` // that row's 六位代码 (crawl context for identity)
	Kind     Kind   `json:"kind"`

	// Validators from the last 200 response, sent back as If-None-Match and
	// If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// SHA256 of the last body stored (hex); a 304 re-reads that body from the
	// raw store.
	SHA256 string `json:"sha256,omitempty"`
	// ContentType as served with that body (its charset helps re-reading it).
	ContentType string `json:"content_type,omitempty"`

	FirstSeen   time.Time `json:"first_seen"`            // first crawl that found the URL
	LastChanged time.Time `json:"last_changed,omitzero"` // last time SHA256 took a new value
	LastFetched time.Time `json:"last_fetched,omitzero"` // last request, whatever its outcome
	LastStatus  int       `json:"last_status"`           // HTTP status of that request; 0 for a network error
	LastError   string    `json:"last_error,omitempty"`  // why the last request failed, if it did
	Gone        bool      `json:"gone,omitempty"`        // no longer on its site (404/410, or unlisted)
	GoneSince   time.Time `json:"gone_since,omitzero"`   // when Gone was set
	GoneReason  string    `json:"gone_reason,omitempty"` // "404", "410", "unlisted"
}

// State is the crawler's memory between runs, one record per URL. The
// warehouse keeps it in url_state (pipeline/crawlrecord.go adapts it); MemState is
// the in-memory (optionally file-backed) implementation used by tests and
// by `disclosure crawl --no-load`.
//
// Implementations must be safe for concurrent use: the crawler calls them
// from several workers at once.
type State interface {
	// Get returns the record for url; ok is false when the URL was never seen.
	Get(ctx context.Context, url string) (st URLState, ok bool, err error)
	// Put creates or replaces the record for st.URL.
	Put(ctx context.Context, st URLState) error
	// Site lists every record whose Site is site (gone ones included), so the
	// crawler can mark what disappeared.
	Site(ctx context.Context, site string) ([]URLState, error)
}

// MemState keeps URL records in memory. With a path (OpenFileState) it is
// loaded from and saved to one JSON file (crawls that do not load); the
// warehouse's url_state replaces it otherwise.
type MemState struct {
	mu     sync.RWMutex
	m      map[string]URLState
	bySite map[string]map[string]bool // site → URLs
	path   string
}

// NewMemState returns an empty in-memory State.
func NewMemState() *MemState {
	return &MemState{m: map[string]URLState{}, bySite: map[string]map[string]bool{}}
}

func (s *MemState) putLocked(st URLState) {
	if old, ok := s.m[st.URL]; ok && old.Site != st.Site {
		delete(s.bySite[old.Site], st.URL)
	}
	s.m[st.URL] = st
	set := s.bySite[st.Site]
	if set == nil {
		set = map[string]bool{}
		s.bySite[st.Site] = set
	}
	set[st.URL] = true
}

// OpenFileState loads a MemState from path (missing file: empty state);
// Save writes it back.
func OpenFileState(path string) (*MemState, error) {
	s := NewMemState()
	s.path = path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("crawl state: %w", err)
	}
	var list []URLState
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("crawl state %s: %w", path, err)
	}
	for _, st := range list {
		s.putLocked(st)
	}
	return s, nil
}

// Get implements State.
func (s *MemState) Get(_ context.Context, url string) (URLState, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.m[url]
	return st, ok, nil
}

// Put implements State.
func (s *MemState) Put(_ context.Context, st URLState) error {
	if st.URL == "" {
		return errors.New("crawl state: record without URL")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putLocked(st)
	return nil
}

// Site implements State.
func (s *MemState) Site(_ context.Context, site string) ([]URLState, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []URLState
	for u := range s.bySite[site] {
		out = append(out, s.m[u])
	}
	slices.SortFunc(out, func(a, b URLState) int { return strings.Compare(a.URL, b.URL) })
	return out, nil
}

// All returns every record, sorted by URL.
func (s *MemState) All() []URLState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]URLState, 0, len(s.m))
	for _, st := range s.m {
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b URLState) int { return strings.Compare(a.URL, b.URL) })
	return out
}

// Save writes the state to its file (atomically: temp file + rename), if it
// has one.
func (s *MemState) Save() error {
	if s.path == "" {
		return nil
	}
	data, err := json.MarshalIndent(s.All(), "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("crawl state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".state-*")
	if err != nil {
		return fmt.Errorf("crawl state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("crawl state %s: %w", s.path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("crawl state %s: %w", s.path, err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("crawl state: %w", err)
	}
	return nil
}
