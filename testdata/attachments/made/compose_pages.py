#!/usr/bin/env python3
"""compose.py IN.qdf.pdf OUT.pdf SPEC.json
Rebuild a PDF (QDF from `qpdf --qdf --object-streams=disable`) with new pages made from its pages.
SPEC: {"pages": [{"media": [W, H], "rotate": R, "inline": bool,
                  "draw": [{"src": 1, "cm": [a,b,c,d,e,f]}, ...]}, ...]}
inline=true (one draw): the source content stream is wrapped in `q cm ... Q` (no XObject);
otherwise each source page becomes a Form XObject drawn with `q cm /FxN Do Q`.
The output has a fresh xref; run qpdf over it to normalise."""
import json, re, sys

src = open(sys.argv[1], 'rb').read()
spec = json.load(open(sys.argv[3]))
ints = {int(m.group(1)): int(m.group(2)) for m in re.finditer(rb'(?m)^(\d+) 0 obj\n(\d+)\nendobj', src)}
objs = {}  # num -> [dict_bytes, stream_bytes or None]
pos = 0
hdr = re.compile(rb'(?m)^(\d+) 0 obj\n')
while True:
    m = hdr.search(src, pos)
    if not m: break
    n = int(m.group(1)); p = m.end()
    e = src.index(b'endobj', p)
    s = src.find(b'stream\n', p)
    if s != -1 and s < e and src[p:s].rstrip().endswith(b'>>'):
        d = src[p:s]
        lm = re.search(rb'/Length (\d+)( 0 R)?', d)
        L = ints[int(lm.group(1))] if lm.group(2) else int(lm.group(1))
        data = src[s + 7:s + 7 + L]
        e = src.index(b'endobj', s + 7 + L)
        objs[n] = [d, data]
    else:
        objs[n] = [src[p:e], None]
    pos = e + 6
# pages in order from the Pages tree (flat, as LibreOffice writes)
cat = next(n for n, (d, s) in objs.items() if s is None and b'/Type /Catalog' in d)
pages_n = int(re.search(rb'/Pages (\d+) 0 R', objs[cat][0]).group(1))
kids = [int(k) for k in re.findall(rb'(\d+) 0 R', re.search(rb'/Kids \[(.*?)\]', objs[pages_n][0], re.S).group(1))]
def page_info(n):
    d = objs[n][0]
    c = int(re.search(rb'/Contents (\d+) 0 R', d).group(1))
    r = re.search(rb'/Resources (\d+) 0 R', d).group(1).decode()
    mb = [float(x) for x in re.search(rb'/MediaBox \[(.*?)\]', d, re.S).group(1).split()]
    return c, r, mb
nxt = max(objs) + 1
def new(d, data=None):
    global nxt
    objs[nxt] = [d, data]; nxt += 1
    return nxt - 1
forms = {}
def form(sp):
    if sp not in forms:
        c, r, mb = page_info(kids[sp - 1])
        d = ('<< /Type /XObject /Subtype /Form /BBox [%g %g %g %g] /Resources %s 0 R >>\n' % (*mb, r)).encode()
        forms[sp] = new(d, objs[c][1])
    return forms[sp]
newkids = []
for pg in spec['pages']:
    W, H = pg['media']
    res0 = page_info(kids[pg['draw'][0]['src'] - 1])[1]
    if pg.get('inline') and len(pg['draw']) == 1:
        dr = pg['draw'][0]
        c = page_info(kids[dr['src'] - 1])[0]
        body = ('q %s cm\n' % ' '.join('%g' % v for v in dr['cm'])).encode() + objs[c][1] + b'\nQ\n'
        cs = new(b'<< >>\n', body)
        res = '%s 0 R' % res0
    else:
        body = b''; xo = []
        for i, dr in enumerate(pg['draw']):
            f = form(dr['src'])
            body += ('q %s cm /Fx%d Do Q\n' % (' '.join('%g' % v for v in dr['cm']), i)).encode()
            xo.append('/Fx%d %d 0 R' % (i, f))
        cs = new(b'<< >>\n', body)
        res = '<< /XObject << %s >> /ProcSet [/PDF /Text] >>' % ' '.join(xo)
    rot = (' /Rotate %d' % pg['rotate']) if pg.get('rotate') else ''
    pd = ('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g]%s /Resources %s /Contents %d 0 R >>\n'
          % (pages_n, W, H, rot, res, cs)).encode()
    newkids.append(new(pd))
objs[pages_n][0] = ('<< /Type /Pages /Count %d /Kids [%s] >>\n' % (len(newkids), ' '.join('%d 0 R' % k for k in newkids))).encode()
for k in kids: objs.pop(k, None)
out = bytearray(b'%PDF-1.6\n%\xe2\xe3\xcf\xd3\n'); off = {}
for n in sorted(objs):
    d, data = objs[n]
    off[n] = len(out)
    if data is None:
        out += b'%d 0 obj\n' % n + d + b'endobj\n'
    else:
        d = re.sub(rb'/Length \d+( 0 R)?', b'', d.rstrip())
        assert d.endswith(b'>>')
        d = d[:-2] + b' /Length %d >>' % len(data)
        out += b'%d 0 obj\n' % n + d + b'\nstream\n' + data + b'\nendstream\nendobj\n'
x = len(out); N = max(objs) + 1
out += b'xref\n0 %d\n0000000000 65535 f \n' % N
for n in range(1, N):
    out += (b'%010d 00000 n \n' % off[n]) if n in off else b'0000000000 65535 f \n'
out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (N, cat, x)
open(sys.argv[2], 'wb').write(out)
