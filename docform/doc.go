// Package docform says what a document is and decodes its text, for the
// crawler, the parser and the pipeline alike. It does no I/O.
//
//   - form.go: Sniff decides the form (html, text, pdf, docx, xlsx, doc, xls,
//     ole, zip, binary, empty) from the bytes, the Content-Type only breaking
//     ties the bytes leave.
//   - decode.go: Decode returns the text as UTF-8: BOM, then valid UTF-8
//     whatever the labels say, then the HTTP charset, then a <meta>
//     declaration, then the bytes themselves (mostly UTF-8, else GB18030).
package docform
