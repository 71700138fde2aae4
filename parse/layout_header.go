package parse

// headerTable is a table printed without ruling lines.
type headerTable struct {
	y    float64
	rows [][]layoutCell
	rest []textLine
}

func tablesByHeader(lines []textLine) []headerTable { return nil }
