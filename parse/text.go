package parse

// readText is being written: text → cells and lines.
func readText(s string) document { return document{form: formText} }
