package parse

// headerTable is a table printed without ruling lines.
type headerTable struct {
	y    float64
	rest []textLine
}

func (t headerTable) cells(page int, row *int) []Cell { return nil }
func (t headerTable) lines() []string                 { return nil }

func tablesByHeader(lines []textLine) []headerTable { return nil }
