package parse

// identity is who published a report, for which year and when.
type identity struct {
	title, jurisdiction, agency string
	year                        int
	published                   string
	warnings                    []string
}

// findIdentity reads the identity from the document's text lines.
func findIdentity(lines []string) identity { return identity{} }

// findProse returns the numbered text sections of the report.
func findProse(lines []string) []ProseSection { return nil }
