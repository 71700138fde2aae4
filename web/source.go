package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"disclosure/docform"
	"disclosure/warehouse"
)

// The source view: the stored document as text and tables (escaped — the
// county's markup and scripts never run here), with the cell a value was
// read from highlighted. For HTML and text the parser keeps no positions,
// so the cell is found again the way a reader would: the row by its label,
// the column by its place among the row's last cells (table 四: by position
// in its run). A PDF is shown as an image of the page with the value's
// stored box marked (pdfpage.go).

var cellRe = regexp.MustCompile(`^[a-z_]+/[a-z_0-9]+/[a-z_0-9]+$`)

// srcBlock is a paragraph or a table of the source.
type srcBlock struct {
	Text string
	// Pre, Mark and Post split a paragraph around the highlighted text.
	Pre, Mark, Post string
	Rows            [][]srcCell
	Hit             bool // the paragraph holds the row's label
	table           bool
}

func (b srcBlock) IsTable() bool { return b.table }

type srcCell struct {
	Text   string
	Hit    bool // the cell the value was read from
	RowHit bool // the cell's row is the value's row
}

func (s *Server) sourcePage(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	cell, page, bad := q.Get("cell"), 0, error(nil)
	if cell != "" && !cellRe.MatchString(cell) {
		bad = badParam{fmt.Sprintf("parameter cell=%q: want section/row/col", truncate(cell, 60))}
	} else if p := q.Get("page"); p != "" {
		page, bad = pageNumber("page", p)
	}
	params, rep, data, err := s.document(r.Context(), q, bad, "cell", "page")
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	raw := ""
	cells, err := s.run(r.Context(), "report_cells", params)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	cellRows := cells.Rows
	if cell != "" {
		known := false
		for _, c := range cells.Rows {
			if str(c["section"])+"/"+str(c["row"])+"/"+str(c["col"]) == cell {
				raw, known = str(c["raw"]), true
			}
		}
		if !known {
			s.fail(w, r, notFound{fmt.Sprintf("report %s has no cell %s", params["id"], cell)}, false)
			return
		}
	}
	form := docform.Sniff(data, "")
	var blocks []srcBlock
	var pdf *pdfView
	var pages map[string]int
	note := ""
	switch form {
	case docform.PDF:
		if page > 0 {
			// Counting the pages starts the PDF reader: no warming needed.
			if err := pageInDocument(r.Context(), data, params["id"], page); err != nil {
				s.fail(w, r, err, false)
				return
			}
		} else {
			warmPDFReader()
		}
		pos := s.positions(r.Context(), params["id"])
		pages = pagesOf(pos)
		pdf = newPDFView(params["id"], cell, page, pos)
	case docform.HTML:
		text, _ := docform.Decode(data, "")
		blocks = htmlBlocks(text)
	case docform.Text:
		text, _ := docform.Decode(data, "")
		for _, line := range strings.Split(string(text), "\n") {
			if strings.TrimSpace(line) != "" {
				blocks = append(blocks, srcBlock{Text: line})
			}
		}
	default:
		note = fmt.Sprintf("这是 %s 文件，无法在页面中按单元格显示；请下载原件查看。", form)
	}
	found := highlight(blocks, cell, raw, str(rep["template"]))
	if pdf != nil {
		found = pdf.Mark != nil
	}
	tables := layout(str(rep["template"]), cellRows, pages)
	render(w, "source", map[string]any{
		"Title": "原文：" + str(rep["title"]), "Nav": "report", "R": rep, "ID": params["id"], "Cell": cell, "Raw": raw, "Tables": tables,
		"Blocks": blocks, "Note": note, "Found": found, "HasRaw": s.opt.Data != "", "PDF": pdf,
	})
}

// document reads the report a request for its stored document names
// (/source, /raw, /page): its identity and the document. The request's id
// is checked first (as report_info takes it), then bad, the handler's
// verdict on its own parameters (named in own), then the report: the answer
// is the first error, whatever follows it.
func (s *Server) document(ctx context.Context, q url.Values, bad error, own ...string) (map[string]string, map[string]any, []byte, error) {
	params, err := checked("report_info", q, own...)
	if err == nil {
		err = bad
	}
	if err != nil {
		return nil, nil, nil, err
	}
	rep, err := s.reportInfo(ctx, params)
	if err != nil {
		return nil, nil, nil, err
	}
	if s.opt.Data == "" {
		return nil, nil, nil, fmt.Errorf("the server was started without --data: the stored documents are not available")
	}
	raw, err := s.rawStore()
	if err != nil {
		return nil, nil, nil, err
	}
	data, err := raw.Get(str(rep["sha256"]))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("the stored document of report %s: %w", params["id"], err)
	}
	return params, rep, data, nil
}

// rawDocument is /raw?id=N: the stored document, always as a download
// (never rendered in this origin: a county page's scripts must not run here).
func (s *Server) rawDocument(w http.ResponseWriter, r *http.Request) {
	params, rep, data, err := s.document(r.Context(), query(r), nil)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	ext := map[docform.Form]string{docform.HTML: "html", docform.Text: "txt", docform.PDF: "pdf", docform.DOCX: "docx", docform.DOC: "doc"}[docform.Sniff(data, "")]
	if ext == "" {
		ext = "bin"
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="report-%s-%s.%s"`, params["id"], str(rep["sha256"])[:12], ext))
	w.Write(data)
}

// htmlBlocks reads a page's tables and paragraphs, skipping scripts and styles.
func htmlBlocks(page []byte) []srcBlock {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	var out []srcBlock
	var para strings.Builder
	flush := func() {
		if t := strings.TrimSpace(para.String()); t != "" {
			out = append(out, srcBlock{Text: t})
		}
		para.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Head):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Table:
			flush()
			out = append(out, srcBlock{table: true, Rows: tableRows(n)})
			return
		case n.Type == html.TextNode:
			para.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.P, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.Tr:
				flush()
			}
		}
	}
	walk(doc)
	flush()
	return out
}

// tableRows is a table's rows of cell texts (a nested table's cells are
// read as its own rows, in order).
func tableRows(t *html.Node) [][]srcCell {
	var rows [][]srcCell
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
			var row []srcCell
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					row = append(row, srcCell{Text: strings.Join(strings.Fields(textOf(c)), " ")})
				}
			}
			rows = append(rows, row)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(t)
	return rows
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// han keeps a label's Chinese characters: printed labels differ in
// numbering, spaces and punctuation, rarely in their characters.
func han(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func sameText(a, b string) bool {
	return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}

// highlight marks where the value of cell (section/row/col, printed as
// raw) was read; it reports whether the exact cell was found.
func highlight(blocks []srcBlock, cell, raw, template string) bool {
	if cell == "" {
		return false
	}
	parts := strings.SplitN(cell, "/", 3)
	section, row, col := parts[0], parts[1], parts[2]
	var label string
	var rowCols, rowKeys, secCols []string
	for _, k := range warehouse.Keys() {
		if k.Section != section || (template != "" && !contains(k.Templates, template)) {
			continue
		}
		if !contains(rowKeys, k.Row) {
			rowKeys = append(rowKeys, k.Row)
		}
		if !contains(secCols, k.Col) {
			secCols = append(secCols, k.Col)
		}
		if k.Row == row {
			label = k.RowLabel
			rowCols = append(rowCols, k.Col)
		}
	}
	want := han(label)
	if len([]rune(want)) > 8 {
		want = string([]rune(want)[:8])
	}
	// Table 四 prints its values as one run of rows × columns.
	if section == "review" {
		idx := indexOf(rowKeys, row)*len(secCols) + indexOf(secCols, col)
		n := len(rowKeys) * len(secCols)
		for bi := range blocks {
			for ri, cells := range blocks[bi].Rows {
				if len(cells) >= n && numeric(cells[len(cells)-n:]) {
					c := &blocks[bi].Rows[ri][len(cells)-n+idx]
					c.Hit = true
					return sameText(c.Text, raw)
				}
			}
		}
	}
	for bi := range blocks {
		b := &blocks[bi]
		if !b.table {
			if want != "" && strings.Contains(han(b.Text), want) {
				b.Hit = true
				return markInText(b, label, raw)
			}
			continue
		}
		for ri, cells := range b.Rows {
			rowText := ""
			for _, c := range cells {
				rowText += c.Text
			}
			if want == "" || !strings.Contains(han(rowText), want) {
				continue
			}
			for ci := range cells {
				b.Rows[ri][ci].RowHit = true
			}
			i := len(cells) - len(rowCols) + indexOf(rowCols, col)
			if i >= 0 && i < len(cells) && sameText(cells[i].Text, raw) {
				b.Rows[ri][i].Hit = true
				return true
			}
			for ci, c := range cells {
				if raw != "" && sameText(c.Text, raw) {
					b.Rows[ri][ci].Hit = true
					return true
				}
			}
			return false
		}
	}
	return false
}

// markInText marks, in a paragraph that holds the row's label, the raw
// text printed first after the label (or the label itself).
func markInText(b *srcBlock, label, raw string) bool {
	text := b.Text
	at := -1
	for _, l := range []string{label, han(label)} {
		r := []rune(l)
		for n := len(r); n >= 4 && at < 0; n-- {
			at = strings.Index(text, string(r[:n]))
			if at >= 0 {
				at += len(string(r[:n]))
			}
		}
	}
	if at < 0 {
		return false
	}
	if raw != "" {
		if i := strings.Index(text[at:], raw); i >= 0 && i < 200 {
			b.Pre, b.Mark, b.Post = text[:at+i], raw, text[at+i+len(raw):]
			return true
		}
	}
	return false
}

func numeric(cells []srcCell) bool {
	for _, c := range cells {
		t := strings.TrimSpace(c.Text)
		if t == "" {
			continue
		}
		if !strings.ContainsAny(t[:1], "0123456789/-—无") {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool { return indexOf(list, s) >= 0 }

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
