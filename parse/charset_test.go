package parse

import "testing"

func TestCharsetLooksBinary(t *testing.T) {
	if looksBinary("<p>规章 0\t1\r\n</p>") {
		t.Error("text taken for binary")
	}
	if !looksBinary("<html>\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13") {
		t.Error("control characters taken for text")
	}
}
