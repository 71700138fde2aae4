package parse

import "errors"

// decodeLegacy decodes GB18030/GBK/GB2312 text.
func decodeLegacy(data []byte) (string, error) {
	return "", errors.New("legacy charsets are not implemented yet")
}
