#!/usr/bin/env python3
"""Write a fixture report as PDFs whose CJK text has NO ToUnicode map (see make.sh).

usage: cmap_pdf.py REPORT.html OUTDIR

  X.gbk.pdf        Type0 font STSong-Light (not embedded), /Encoding /GBK-EUC-H: the codes are GBK
                   bytes; a reader must map them through the predefined CMap and Adobe-GB1 to get
                   Unicode (pdfplumber and pypdf print "(cid:NNNN)"). Must read exactly.
  X.nounicode.pdf  the same text as Identity-H CIDs of an Adobe-Identity font with no ToUnicode: no
                   way back to Unicode. Must be reported unreadable, never stored.

The layout is plain: paragraphs wrapped at the text width, each table row (<tr>) a band of equal
cells with ruling lines, so a cell's text is the HTML cell's text.
"""
import html.parser, os, sys, zlib

src, out = sys.argv[1], sys.argv[2]
base = os.path.basename(src)[:-len('.html')]


class Blocks(html.parser.HTMLParser):
    """Paragraphs and tables (rows of cell texts) of the report body."""
    def __init__(self):
        super().__init__()
        self.blocks, self.text, self.row, self.table, self.in_td, self.skip = [], '', None, None, False, 0

    def handle_starttag(self, tag, attrs):
        if tag in ('title', 'style', 'div'):
            self.skip += 1
        elif tag == 'table':
            self.table = []
        elif tag == 'tr':
            self.row = []
        elif tag == 'td':
            self.in_td, self.text = True, ''

    def handle_endtag(self, tag):
        if tag in ('title', 'style', 'div'):
            self.skip -= 1
        elif tag == 'td':
            self.row.append(self.text.strip())
            self.in_td, self.text = False, ''
        elif tag == 'tr':
            self.table.append(self.row)
        elif tag == 'table':
            self.blocks.append(('table', self.table))
            self.table = None
        elif tag == 'p' and not self.in_td and self.table is None and not self.skip:
            if self.text.strip():
                self.blocks.append(('p', self.text.strip()))
            self.text = ''

    def handle_data(self, data):
        if not self.skip:
            self.text += data


p = Blocks()
p.feed(open(src, encoding='utf-8').read())

W, H, L, R, T, B = 595, 842, 72, 523, 72, 770


def wrap(s, per):
    """Lines of at most per characters; a last line of one character takes one more from the line
    before. PDFium drops a text object of ONE glyph in a font it has no program for (its box is
    empty without the glyph outline), so a non-embedded font loses such a line: a known limit of
    reading these files (see the README), kept out of this fixture so that it tests the CMap."""
    lines = [s[i:i + per] for i in range(0, len(s), per)] or ['']
    if len(lines) > 1 and len(lines[-1]) == 1:
        lines[-2], lines[-1] = lines[-2][:-1], lines[-2][-1] + lines[-1]
    return lines


def layout(encode):
    """Pages of content-stream operators; encode(str) -> hex string of codes."""
    pages, ops, y = [], [], T

    def newpage():
        nonlocal ops, y
        pages.append(ops)
        ops, y = [], T

    def text(x, yy, size, s):
        ops.append('BT /F1 %g Tf %.2f %.2f Td <%s> Tj ET' % (size, x, H - yy, encode(s)))

    for kind, b in p.blocks:
        if kind == 'p':
            size = 14
            per = int((R - L) // size)
            for i in range(0, len(b), per):
                if y + size * 1.5 > B:
                    newpage()
                text(L, y + size, size, b[i:i + per])
                y += size * 1.5
            continue
        size = 7
        for cells in b:
            cw = (R - L) / max(1, len(cells))
            per = max(2, int((cw - 4) // size))
            wrapped = [wrap(c, per) for c in cells]
            h = max(len(w) for w in wrapped) * (size + 2) + 6
            if y + h > B:
                newpage()
            ops.append('0.5 w %g %g m %g %g l S %g %g m %g %g l S' % (L, H - y, R, H - y, L, H - y - h, R, H - y - h))
            for k in range(len(cells) + 1):
                x = L + k * cw
                ops.append('%g %g m %g %g l S' % (x, H - y, x, H - y - h))
            for k, lines in enumerate(wrapped):
                for j, line in enumerate(lines):
                    if line:
                        text(L + k * cw + 2, y + 3 + (j + 1) * (size + 2) - 2, size, line)
            y += h
        y += 10
    pages.append(ops)
    return pages


def write(path, pages, font_objs):
    objs = []  # (number, bytes)
    n_font = 3
    kids = []
    for i, ops in enumerate(pages):
        content = zlib.compress('\n'.join(ops).encode('latin-1'))
        cnum, pnum = 10 + 2 * i, 11 + 2 * i
        objs.append((cnum, b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(content) + content + b'\nendstream'))
        objs.append((pnum, ('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R '
                            '/Resources << /Font << /F1 %d 0 R >> >> >>' % (W, H, cnum, n_font)).encode()))
        kids.append('%d 0 R' % pnum)
    objs.append((1, b'<< /Type /Catalog /Pages 2 0 R >>'))
    objs.append((2, ('<< /Type /Pages /Kids [%s] /Count %d >>' % (' '.join(kids), len(kids))).encode()))
    objs.extend(font_objs)
    objs.sort()
    data = bytearray(b'%PDF-1.5\n%\xe2\xe3\xcf\xd3\n')
    offsets = {}
    for num, body in objs:
        offsets[num] = len(data)
        data += b'%d 0 obj\n' % num + body + b'\nendobj\n'
    top = max(offsets) + 1
    xref = len(data)
    data += b'xref\n0 %d\n0000000000 65535 f \n' % top
    for i in range(1, top):
        data += (b'%010d 00000 n \n' % offsets[i]) if i in offsets else b'0000000000 65535 f \n'
    data += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (top, xref)
    open(path, 'wb').write(data)


# 1. GBK-EUC-H: codes are GBK bytes (one byte for ASCII), decoded by the predefined CMap.
gbk = lambda s: s.encode('gbk', errors='replace').hex().upper()
write(os.path.join(out, base + '.gbk.pdf'), layout(gbk), [
    (3, b'<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [4 0 R] >>'),
    (4, b'<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light '
        b'/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>'),
    (5, b'<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] '
        b'/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>'),
])

# 2. Identity-H over an Adobe-Identity font, no ToUnicode: CIDs are glyph numbers, nothing maps back.
ident = lambda s: ''.join('%04X' % ((ord(c) * 7) % 60000 + 1) for c in s)
write(os.path.join(out, base + '.nounicode.pdf'), layout(ident), [
    (3, b'<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+FangSong /Encoding /Identity-H /DescendantFonts [4 0 R] >>'),
    (4, b'<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+FangSong '
        b'/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 >>'),
    (5, b'<< /Type /FontDescriptor /FontName /ABCDEF+FangSong /Flags 6 /FontBBox [0 -200 1000 800] '
        b'/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 800 /StemV 80 >>'),
])
