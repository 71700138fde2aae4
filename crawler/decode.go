package crawler

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"path"
	"strings"
)

// decodingTransport removes a response's content encoding while the body is
// read, so that the size cap, applied by the reader, counts decoded bytes.
// Go's transport decodes only the gzip it asked for itself; colly decodes
// "x-gzip" and .gz paths after its cap, without limit, and a 2 MB body
// expanding to 2 GiB then takes the whole process down. Here gzip, x-gzip
// and deflate (zlib or raw) are decoded as a stream, layered codings in
// reverse order, and a .gz path served without Content-Encoding is
// decompressed too when its bytes are gzip. An encoding not known here (br,
// compress) is left as served: the bytes are then stored as they came.
type decodingTransport struct {
	base http.RoundTripper
}

// DecodingTransport wraps base (nil: http.DefaultTransport) so that a body
// read through it is decoded as a crawl decodes it, and a cap on the
// bytes read counts decoded bytes: for the one-off probes of `disclosure
// sites`, which fetch outside a crawl.
func DecodingTransport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &decodingTransport{base: base}
}

// decodedHeader tells the fetcher which encoding was removed (it is deleted
// before the headers are kept): a refusal then says the cap counted
// decoded bytes.
const decodedHeader = "X-Disclosure-Decoded"

func (t *decodingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil || res.Uncompressed || req.Method == http.MethodHead {
		return res, err
	}
	var codings []string
	for _, v := range res.Header.Values("Content-Encoding") {
		for _, c := range strings.Split(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	for _, c := range codings {
		if c != "gzip" && c != "x-gzip" && c != "deflate" {
			return res, nil // not ours to decode: keep the bytes as served
		}
	}
	if len(codings) == 0 && !strings.EqualFold(path.Ext(req.URL.Path), ".gz") {
		return res, nil
	}
	body := bufio.NewReader(res.Body)
	var r io.Reader = body
	if len(codings) == 0 {
		// colly would gunzip a .xml.gz; a .gz path is decoded here when it
		// really holds gzip, under the same cap.
		if magic, _ := body.Peek(2); len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
			res.Body = readCloser{body, res.Body}
			return res, nil
		}
		codings = []string{"gzip (.gz path)"}
		r = &lazyReader{open: func() (io.Reader, error) { return gzip.NewReader(body) }}
	} else {
		for i := len(codings) - 1; i >= 0; i-- {
			r = decoder(codings[i], r)
		}
	}
	res.Body = readCloser{r, res.Body}
	res.Uncompressed = true // colly decodes no further
	res.ContentLength = -1
	res.Header.Set(decodedHeader, strings.Join(codings, ", "))
	return res, nil
}

// decoder wraps r in the reader of one content coding. The reader is made
// on the first Read, so that a bad header is an error of the body read
// (the response itself still arrives).
func decoder(coding string, r io.Reader) io.Reader {
	return &lazyReader{open: func() (io.Reader, error) {
		if coding == "deflate" {
			// RFC 9110's deflate is zlib; some servers send raw deflate.
			br := bufio.NewReader(r)
			if h, err := br.Peek(2); err == nil && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 && h[0]&0x0f == 8 {
				return zlib.NewReader(br)
			}
			return flate.NewReader(br), nil
		}
		return gzip.NewReader(r)
	}}
}

type lazyReader struct {
	open func() (io.Reader, error)
	r    io.Reader
	err  error
}

func (l *lazyReader) Read(p []byte) (int, error) {
	if l.r == nil && l.err == nil {
		l.r, l.err = l.open()
	}
	if l.err != nil {
		return 0, l.err
	}
	return l.r.Read(p)
}

type readCloser struct {
	io.Reader
	io.Closer
}
