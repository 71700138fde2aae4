package sitesim

import (
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// GBK re-encodes a UTF-8 page as GBK and makes its <meta> say so. Many
// county sites still serve GBK or GB2312 and declare it only in <meta>, so
// the page is best served with a bare "text/html" Content-Type. A character
// GBK lacks becomes its HTML character reference, as browsers' form
// encoders do.
func GBK(page string) []byte {
	page = strings.Replace(page, "charset=utf-8", "charset=gbk", 1)
	enc := encoding.HTMLEscapeUnsupported(simplifiedchinese.GBK.NewEncoder())
	out, err := enc.Bytes([]byte(page))
	if err != nil { // only invalid UTF-8 gets here; the demo's text is valid
		panic("sitesim: GBK: " + err.Error())
	}
	return out
}
