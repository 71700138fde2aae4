package parse

import "errors"

// ErrUnreadable marks a document in a form parse reads whose content cannot
// be read as text: a scan, a PDF whose characters do not decode, a
// password-protected file. errors.As gives the *UnreadableError and its
// Reason, which callers record (run report, `query unreadable`) instead of
// storing anything from the document.
var ErrUnreadable = errors.New("unreadable document")

// Reasons an UnreadableError gives; they are stored as they are.
const (
	ReasonImageOnly   = "image-only"    // pages are pictures (a scan): no text at all
	ReasonNoTextLayer = "no text layer" // text objects whose characters do not decode to text
	ReasonEncrypted   = "encrypted"     // needs a password
	ReasonNotWord     = "not word binary"
)

// UnreadableError says why a document cannot be read.
type UnreadableError struct {
	Reason string // one of the Reason… constants
	Detail string // what was seen, for a person
}

func (e *UnreadableError) Error() string {
	if e.Detail == "" {
		return "unreadable: " + e.Reason
	}
	return "unreadable: " + e.Reason + " (" + e.Detail + ")"
}

// Is makes errors.Is(err, ErrUnreadable) hold.
func (e *UnreadableError) Is(target error) bool { return target == ErrUnreadable }

// UnreadableReason returns the reason when err is an UnreadableError, else "".
func UnreadableReason(err error) string {
	var u *UnreadableError
	if errors.As(err, &u) {
		return u.Reason
	}
	return ""
}
