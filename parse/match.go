package parse

type matched struct {
	template string
	values   []Value
	warnings []string
}

func match(cells []Cell) matched { return matched{} }
