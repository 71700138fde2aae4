# Makes a DOCX variant of the synthetic report in which a NUMBER is printed across columns or rows
# and an extra column makes up the row's cell count, so a reader that matches cells by order reads
# the row one place off (parse/testdata/spans has the HTML cases; NOTES A.2).
# usage: python3 span_docx.py SRC.docx colspan|vmerge OUT.docx
#   colspan: table 二's 规章 row prints its first value across two columns (the next cell removed)
#            and the table gets an empty trailing column; likewise table 三's 予以公开 row (18 across
#            自然人 and 商业企业); table 四's data row prints its first value (2) across two columns
#            and the table gets a 备注 column (its data cell 1).
#   vmerge:  table 三's 属于国家秘密 row prints its 自然人 value (1) across that row and the next
#            (其他法律行政法规禁止公开, whose own cell is merged away: w:vMerge), and the table gets a
#            备注 column (the header merged down its three rows, blank data cells).
# span_colspan.docx and span_vmerge.docx are made from ../synthetic/synthetic_yining_2023.docx; their
# .doc and .pdf twins by LibreOffice (soffice --headless --convert-to 'doc:MS Word 97' / pdf); see
# make.sh. They have no .tsv: what they print is ambiguous in the spanned rows, which a reader must
# leave out (parse TestSpannedNumberInWordAndPDF).
import re, sys, zipfile

SRC, KIND, OUT = sys.argv[1:4]
s = zipfile.ZipFile(SRC).read('word/document.xml').decode()
TC = re.compile(r'<w:tc>.*?</w:tc>', re.S)
TR = re.compile(r'<w:tr[ >].*?</w:tr>', re.S)


def text(tc):
    return ''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', tc))


def width(tc):
    return int(re.search(r'<w:tcW w:w="(\d+)"', tc).group(1))


def set_width(tc, w):
    return re.sub(r'<w:tcW w:w="\d+"', '<w:tcW w:w="%d"' % w, tc, count=1)


def tc_prop(tc, prop):  # a property added after the cell's width (schema order: tcW, gridSpan, vMerge)
    m = re.search(r'<w:tcW [^>]*/>', tc)
    return tc[:m.end()] + prop + tc[m.end():]


def blank(tc):  # the cell with its runs removed (its paragraph kept)
    return re.sub(r'<w:r>.*?</w:r>', '', tc, flags=re.S)


def numeric(tc):
    return re.fullmatch(r'[0-9.]+', text(tc)) is not None


def span_first_value(row):
    """The row's first number across two columns: gridSpan 2, the next cell removed."""
    cells = TC.findall(row)
    k = next(i for i, c in enumerate(cells) if numeric(c))
    a, b = cells[k], cells[k + 1]
    merged = tc_prop(set_width(a, width(a) + width(b)), '<w:gridSpan w:val="2"/>')
    start = row.index(a)
    end = row.index(b, start + len(a)) + len(b)
    return row[:start] + merged + row[end:]


def add_column(tbl, cells):
    """Appends one cell to each row (cells[i](template tc) -> new tc) and a column to the grid."""
    tbl = tbl.replace('</w:tblGrid>', '<w:gridCol w:w="700"/></w:tblGrid>', 1)
    out, pos = [], 0
    for i, m in enumerate(TR.finditer(tbl)):
        row = m.group(0)
        last = TC.findall(row)[-1]
        new = cells(i, blank(re.sub(r'<w:gridSpan w:val="\d+"/>|<w:vMerge[^>]*/>', '', set_width(last, 700))))
        k = row.rindex('</w:tc>') + len('</w:tc>')
        out.append(tbl[pos:m.start()] + row[:k] + new + row[k:])
        pos = m.end()
    return ''.join(out) + tbl[pos:]


def with_text(tc, t):
    return tc.replace('</w:p>', '<w:r><w:t>%s</w:t></w:r></w:p>' % t, 1)


def edit_row(tbl, label, fn):
    for m in TR.finditer(tbl):
        if label in m.group(0):
            return tbl[:m.start()] + fn(m.group(0)) + tbl[m.end():]
    raise SystemExit('no row ' + label)


starts = [m.start() for m in re.finditer('<w:tbl>', s)]
bounds = [(a, s.index('</w:tbl>', a) + len('</w:tbl>')) for a in starts]
tbls = [s[a:b] for a, b in bounds]
t2, t3, t4 = tbls
if KIND == 'colspan':
    t2 = add_column(edit_row(t2, '>规章<', span_first_value), lambda i, c: c)
    t3 = add_column(edit_row(t3, '予以公开', span_first_value), lambda i, c: c)
    t4 = edit_row(t4, '>2<', span_first_value)
    t4 = add_column(t4, lambda i, c: [tc_prop(with_text(c, '备注'), '<w:vMerge w:val="restart"/>'),
                                      tc_prop(c, '<w:vMerge/>'), tc_prop(c, '<w:vMerge/>'), with_text(c, '1')][i])
elif KIND == 'vmerge':
    def restart(row):
        cells = TC.findall(row)
        c = next(c for c in cells if numeric(c))
        return row.replace(c, tc_prop(c, '<w:vMerge w:val="restart"/>'), 1)

    def cont(row):
        cells = TC.findall(row)
        c = next(c for c in cells if numeric(c))
        return row.replace(c, tc_prop(blank(c), '<w:vMerge/>'), 1)
    t3 = edit_row(edit_row(t3, '属于国家秘密', restart), '其他法律行政', cont)
    t3 = add_column(t3, lambda i, c: tc_prop(with_text(c, '备注'), '<w:vMerge w:val="restart"/>') if i == 0
                    else tc_prop(c, '<w:vMerge/>') if i < 3 else c)
else:
    raise SystemExit('kind: colspan|vmerge')
doc = s[:bounds[0][0]]
for i, t in enumerate((t2, t3, t4)):
    doc += t + s[bounds[i][1]:bounds[i + 1][0] if i + 1 < len(bounds) else len(s)]
zin = zipfile.ZipFile(SRC)
zout = zipfile.ZipFile(OUT, 'w', zipfile.ZIP_DEFLATED)
for it in zin.infolist():
    data = zin.read(it.filename)
    if it.filename == 'word/document.xml':
        data = doc.encode()
    zout.writestr(it, data)
zout.close()
