package parse

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cellValue is a cell read as a statistic.
type cellValue struct {
	raw    string
	number *float64 // nil: printed blank or not applicable
	unit   string   // "元" or "万元" when printed with the number
	glued  bool     // several values printed with no separator (glued.go)
	// several: the cell holds several numbers parted by spaces ("2 0 2"),
	// never one number; number is nil and raw keeps them.
	several bool
	// at is where the cell was printed (PDF); nil for forms without
	// positions. A pointer: the matcher holds a value a cell, and inline
	// the page and box took 40 of 88 bytes that most forms leave zero.
	at *printedAt
}

// printedAt is a cell's page and box (Cell.at).
type printedAt struct {
	page int
	box  Box
}

// printedAtOf returns where a cell was printed, nil for page 0 and no box.
func printedAtOf(page int, box Box) *printedAt {
	if page == 0 && box == (Box{}) {
		return nil
	}
	return &printedAt{page, box}
}

// page returns the cell's page, 0 where the form has none.
func (c Cell) page() int {
	if c.at == nil {
		return 0
	}
	return c.at.page
}

// nullMarks are cells printed for "nothing here": CONTRACT.md stores them as
// NULL with the raw text kept, never as 0.
var nullMarks = map[string]bool{
	"": true, "/": true, "-": true, "—": true, "——": true, "--": true, "－": true, "／": true,
	"无": true, "無": true, "-/-": true, "─": true, "–": true, "\\": true,
	// mirrors print "?" for the NBSP of a blank cell (NOTES D.25)
	"?": true, "？": true,
}

// countUnits may follow a count in a cell ("3件"); they say nothing more.
var countUnits = []string{"件", "条", "个", "项", "次", "人", "家", "宗", "笔", "份", "起", "例"}

// changePrefixes open a 本年增/减 cell: "增15", "减4", "增加3", "减少1",
// "減4" on traditional mirrors (NOTES D.25). Longer forms first.
var changePrefixes = []struct {
	text string
	neg  bool
}{{"增加", false}, {"减少", true}, {"新增", false}, {"增", false}, {"减", true}, {"減少", true}, {"減", true}}

// maxValueBytes bounds a printed statistic ("13575394432.52元" is 20 bytes).
const maxValueBytes = 48

// readValue reads a cell as a statistic: integers and decimals, 增15 / 减4,
// signs, thousands separators, amounts in 元 or 万元, blanks and marks.
// ok is false where the cell is not a statistic at all (a label, prose).
func readValue(text string) (v cellValue, ok bool) {
	raw := trimSpace(text)
	if len(raw) > maxValueBytes {
		return cellValue{}, false // prose, not a cell
	}
	// Most cells are a bare count ("0", "12") or a label: both are read
	// here without the general path's dozen scans of the text (readValue
	// runs once a cell, and was an eighth of a plain-text parse).
	// TestReadValueShortcuts holds the two to readRawValue's outcome.
	switch digitsIn(raw) {
	case allDigits:
		f, ok := digitsValue(raw)
		if !ok {
			return cellValue{}, false
		}
		v.raw, v.number = raw, &f
		return v, true
	case noDigits:
		// Without a digit a cell is a statistic only as a null mark: the
		// general path, with no number to find, comes down to this. Most
		// such cells are labels, ruled out by their first rune before
		// the fold and the space scan.
		if !mayBeNullMark(raw) {
			return cellValue{}, false
		}
		if _, null := nullMark(foldASCII(raw)); null {
			v.raw = raw
			return v, true
		}
		return cellValue{}, false
	}
	if !valueRunesOnly(raw) {
		if hasZeroWidth(raw) {
			// "4\u200B5", "0\u200B0\u200B0": a zero-width character
			// between digits is read as the space it shows as, so
			// "1 300" and "0 0 0" rules decide (several numbers are
			// kept only where they fill their row).
			return readValue(zeroWidthAsSpace(raw))
		}
		return cellValue{}, false // "1.属于国家秘密": a label with a digit
	}
	return readRawValue(raw)
}

// hasZeroWidth reports whether s holds a character isZeroWidth drops.
func hasZeroWidth(s string) bool {
	return strings.ContainsFunc(s, isZeroWidth)
}

// zeroWidthAsSpace returns s with a space for each zero-width character.
func zeroWidthAsSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if isZeroWidth(r) {
			return ' '
		}
		return r
	}, s)
}

// valueRunes holds every non-ASCII rune that readRawValue can accept in a
// statistic: its prefixes, units and marks, the brackets around a unit,
// list separators, currency signs, what foldASCII folds and the spaces
// nullMark and numberList drop. Any other rune (most of a label) stays in
// the folded cell, where every accepting path finds only ASCII digits and
// signs besides those words: such a cell is no statistic.
var valueRunes = func() map[rune]bool {
	t := map[rune]bool{}
	words := []string{"万元", "万", "元", "¥￥", "(（)）", "、；", "萬條個項筆"} // and the traditional forms of units, which readRawValue folds
	words = append(words, countUnits...)
	for _, p := range changePrefixes {
		words = append(words, p.text)
	}
	for m := range nullMarks {
		words = append(words, m)
	}
	for _, w := range words {
		for _, r := range w {
			t[r] = true
		}
	}
	for r := rune(utf8.RuneSelf); r <= 0xFFFF; r++ {
		if foldASCIIRune(r) != r || unicode.IsSpace(r) {
			t[r] = true
		}
	}
	return t
}()

// valueRunesOnly reports whether every non-ASCII rune of s is in valueRunes
// (an invalid byte is not).
func valueRunesOnly(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !valueRunes[r] || r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// readRawValue is readValue's general path, over a trimmed cell of at most
// maxValueBytes.
func readRawValue(raw string) (v cellValue, ok bool) {
	v.raw = raw
	s := foldASCII(toSimplified(raw)) // a traditional mirror's "96.42萬", "3條" (NOTES D.25)
	if _, ok, multi := numberList(s); ok {
		v.several = true // "2 0 2" is three numbers, never 202
		return v, true
	} else if multi {
		return cellValue{}, false // digits in several parts are never one number
	}
	s, null := nullMark(s)
	if null {
		return v, true
	}
	neg := false
	for _, p := range changePrefixes {
		if strings.HasPrefix(s, p.text) {
			s, neg = s[len(p.text):], p.neg
			break
		}
	}
	signed := strings.TrimLeft(s, "¥￥")
	yen := len(signed) < len(s) // a currency sign before an amount
	s = unbracketUnit(signed)
	switch {
	case strings.HasSuffix(s, "万元"):
		s, v.unit = strings.TrimSuffix(s, "万元"), "万元"
	case strings.HasSuffix(s, "万"): // "96.42万": money in 万元
		s, v.unit = strings.TrimSuffix(s, "万"), "万元"
	case strings.HasSuffix(s, "元"):
		s, v.unit = strings.TrimSuffix(s, "元"), "元"
	default:
		for _, u := range countUnits {
			if strings.HasSuffix(s, u) {
				s = strings.TrimSuffix(s, u)
				break
			}
		}
	}
	if !isNumeral(s) {
		return cellValue{}, false
	}
	if strings.Contains(s, ",") {
		if !thousandsGrouped(s) {
			return cellValue{}, false
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return cellValue{}, false
	}
	if neg {
		f = -f
	}
	v.number = &f
	if yen && v.unit == "" && f != 0 {
		// "¥15000": the sign says money, not whether in 元 or 万元; the
		// header's 万元 had made it 15000 万元. No unit to trust (amount).
		v.unit = "?"
	}
	return v, true
}

// digitsValue reads a string of ASCII digits. Up to 15 digits the integer is
// below 2^53, so float64 holds it exactly and it is what ParseFloat returns:
// summed by hand, without ParseFloat's general reader (every count in a
// report comes here).
func digitsValue(s string) (float64, bool) {
	if len(s) > 15 {
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	n := int64(0)
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return float64(n), true
}

// The digits a cell holds, for readValue's shortcuts.
const (
	someDigits = iota // digits beside other characters
	allDigits         // ASCII digits only (and at least one)
	noDigits          // no digit, ASCII or full-width
)

// digitsIn says which digits s holds. A full-width digit (U+FF10–FF19,
// EF BC 90–99 in UTF-8) counts as a digit: foldASCII makes it one.
func digitsIn(s string) int {
	digits, other := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = true
		case wideDigitAt(s, i):
			return someDigits
		default:
			other = true
		}
	}
	switch {
	case !digits:
		return noDigits
	case !other:
		return allDigits
	}
	return someDigits
}

// nullMarkStarts holds the first rune of every null mark. A trimmed cell
// whose first rune, folded, is not one of them is no null mark: nullMark
// drops spaces, none of which is left at a trimmed cell's start, and folds
// rune by rune, so that rune stays first.
var nullMarkStarts = func() map[rune]bool {
	t := map[rune]bool{}
	for m := range nullMarks {
		if r, _ := utf8.DecodeRuneInString(m); m != "" {
			t[r] = true
		}
	}
	return t
}()

// mayBeNullMark reports whether trimmed text may be a null mark: empty, or
// starting with what folds to a null mark's first rune.
func mayBeNullMark(raw string) bool {
	if raw == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(raw)
	return nullMarkStarts[foldASCIIRune(r)]
}

// nullMark drops the spaces from a folded cell and reports whether what is
// left is one of nullMarks.
func nullMark(s string) (string, bool) {
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		s = strings.Join(strings.Fields(s), "")
	}
	return s, nullMarks[s]
}

// unbracketUnit drops the brackets around a unit printed after a number,
// "9527(件)", "3（条）", "1.2(万元)", keeping the unit.
func unbracketUnit(s string) string {
	if !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "）") {
		return s
	}
	open := strings.LastIndexAny(s, "(（")
	if open <= 0 {
		return s
	}
	_, openSize := utf8.DecodeRuneInString(s[open:])
	_, closeSize := utf8.DecodeLastRuneInString(s)
	if open+openSize > len(s)-closeSize {
		return s
	}
	unit := s[open+openSize : len(s)-closeSize]
	if unit != "万元" && unit != "元" && unit != "万" && !slices.Contains(countUnits, unit) {
		return s
	}
	return s[:open] + unit
}

// numberList splits a cell (folded) that lists several numbers: "2 0 2",
// "0、0、0", "1;2", "0,0,0" (a comma that does not group thousands), "2 0 2件".
// ok: every part reads as a number; multi: two or more parts hold digits,
// and the cell is then never one number, whatever the parts are.
func numberList(s string) (fields []string, ok, multi bool) {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '、' || r == ';' || r == '；' || r == ',' }) < 0 {
		return nil, false, false
	}
	commaSeparates := strings.Contains(s, ",") && !strings.ContainsAny(s, " \t") && !thousandsGrouped(s)
	fields = strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '、' || r == ';' || r == '；' || r == ',' && commaSeparates
	})
	digits := 0
	for _, f := range fields {
		if strings.ContainsAny(f, "0123456789") {
			digits++
		}
	}
	if digits < 2 {
		return nil, false, false
	}
	for _, f := range fields {
		if v, ok := readValue(f); !ok || v.number == nil || v.several {
			return nil, false, true
		}
	}
	return fields, true, true
}

// severalValues reads a cell of several numbers as one value per number.
func severalValues(v cellValue) []cellValue {
	fields, _, _ := numberList(foldASCII(v.raw))
	var out []cellValue
	for _, f := range fields {
		n, _ := readValue(f)
		out = append(out, n)
	}
	return out
}

// isNumeral reports whether s is a plain signed decimal such as "-185",
// "+3", "9116.36" or "1,300".
func isNumeral(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		case c == ',':
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1 && s[0] != '.' && s[len(s)-1] != '.'
}

// thousandsGrouped reports whether the commas in s group thousands
// ("12,345", "12,345.6"), as opposed to separating two numbers ("1,9").
func thousandsGrouped(s string) bool {
	intPart := strings.TrimLeft(s, "+-")
	if i := strings.IndexByte(intPart, '.'); i >= 0 {
		if strings.IndexByte(intPart[i:], ',') >= 0 {
			return false // "1.500,50": dots group and a comma is the decimal point, in other hands
		}
		intPart = intPart[:i]
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// foldASCII folds full-width digits, signs and separators to ASCII so that
// "１２" and "－４" read like "12" and "-4".
func foldASCII(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(foldASCIIRune, s)
}

// foldASCIIRune is foldASCII's rule for one rune.
func foldASCIIRune(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r == '－' || r == '−':
		return '-'
	case r == '＋':
		return '+'
	case r == '．':
		return '.'
	case r == '，':
		return ','
	case r == '\u00a0' || r == '\u3000':
		return ' '
	}
	return r
}

// toTenThousandYuan converts an amount printed in 元 to 万元.
func toTenThousandYuan(v cellValue) cellValue {
	if v.number != nil && v.unit == "元" {
		f := *v.number / 10000
		v.number = &f
		v.unit = "万元"
	}
	return v
}
