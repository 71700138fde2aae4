#!/usr/bin/env python3
"""Turn a landscape PDF into one whose pages are portrait with /Rotate 90 and the content drawn
turned, so it DISPLAYS the same: how some exporters and scanners store landscape pages. A reader
that ignores /Rotate sees the text running up the page. (See make.sh.)

usage: rotate_pdf.py IN.qdf.pdf OUT.qdf.pdf    (QDF from `qpdf --qdf --object-streams=disable`;
       run fix-qdf and qpdf on the result)
"""
import re, sys

src = open(sys.argv[1], 'rb').read().decode('latin-1')
W, H = '841.889763779528', '595.303937007874'
portrait = '/MediaBox [\n    0\n    0\n    %s\n    %s\n  ]' % (H, W)
landscape = re.compile(r'/MediaBox \[\s*0\s*0\s*' + re.escape(W) + r'\s*' + re.escape(H) + r'\s*\]')
contents = set()


def page(m):
    body = m.group(0)
    c = re.search(r'/Contents (\d+) 0 R', body)
    if c:
        contents.add(c.group(1))
    body = landscape.sub(portrait, body)
    return body.replace('/Type /Page\n', '/Rotate 90\n  /Type /Page\n')


src = re.sub(r'\d+ 0 obj\n<<(?:(?!endobj).)*?/Type /Page\n>>', page, src, flags=re.S)
src = landscape.sub(portrait, src)  # the page tree's inherited box


def stream(m):
    if m.group(1) not in contents:
        return m.group(0)
    return m.group(2) + 'q 0 1 -1 0 %s 0 cm\n' % H + m.group(3) + '\nQ\n' + m.group(4)


src = re.sub(r'(?s)^((\d+) 0 obj\n<<.*?>>\nstream\n)(.*?)(\nendstream)', lambda m: stream(type('M', (), {
    'group': lambda self, i: {0: m.group(0), 1: m.group(2), 2: m.group(1), 3: m.group(3), 4: m.group(4)}[i]})()), src, flags=re.M)
open(sys.argv[2], 'wb').write(src.encode('latin-1'))
