package warehouse

import (
	"bufio"
	"io"
	"os"
)

// DuckDB writes CSV as UTF-8 without a BOM and with LF line ends. Excel on a
// Chinese Windows reads such a file as GBK and garbles every character, so
// the Excel variant gets a BOM and CRLF.

// BOM is the UTF-8 byte order mark.
const BOM = "\xEF\xBB\xBF"

// excelize rewrites a CSV file in place with a BOM and CRLF line ends.
func excelize(path string) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := path + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	if err := ToExcelCSV(w, bufio.NewReaderSize(in, 1<<20)); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// ToExcelCSV copies CSV from r to w with a BOM first and every LF that is not
// already part of a CRLF turned into CRLF (inside quoted fields too, as Excel
// itself writes them; CSV readers give such a field back with LF).
func ToExcelCSV(w io.Writer, r io.ByteReader) error {
	bw, ok := w.(io.ByteWriter)
	if !ok {
		b := bufio.NewWriter(w)
		defer b.Flush()
		bw = b
		w = b
	}
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	var prev byte
	for {
		c, err := r.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if c == '\n' && prev != '\r' {
			if err := bw.WriteByte('\r'); err != nil {
				return err
			}
		}
		if err := bw.WriteByte(c); err != nil {
			return err
		}
		prev = c
	}
}
