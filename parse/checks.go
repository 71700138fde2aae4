package parse

func runChecks(values []Value) []Check { return []Check{} }
