#!/usr/bin/env python3
"""Write HTML variants of a fixture report for LibreOffice to convert (see make.sh).

usage: variants.py SRC.html OUTDIR
  X.landscape.html  A4 landscape pages (tables reflow and cross pages elsewhere)
  X.norules.html    table 三 printed without any ruling lines
  X.bigtype.html    larger table type, so tables 三 and 四 cross page breaks mid-table
"""
import os, re, sys

src, out = sys.argv[1], sys.argv[2]
base = os.path.basename(src)[:-len('.html')]
html = open(src, encoding='utf-8').read()

land = html.replace('size: 21cm 29.7cm', 'size: 29.7cm 21cm')
open(os.path.join(out, base + '.landscape.html'), 'w', encoding='utf-8').write(land)

# table 三 is the second <table>: drop its border attribute and cell borders
parts = html.split('<table')
t = parts[2]
end = t.index('</table>')
body = t[:end].replace('border="1"', 'border="0"').replace('border:1px solid #000000', 'border:none')
parts[2] = body + t[end:]
open(os.path.join(out, base + '.norules.html'), 'w', encoding='utf-8').write('<table'.join(parts))

big = re.sub(r'font-size:10\.5pt', 'font-size:14pt', html)
open(os.path.join(out, base + '.bigtype.html'), 'w', encoding='utf-8').write(big)
