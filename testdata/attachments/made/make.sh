#!/bin/bash
# Recipe for the fixtures in this directory (run by hand; the outputs are committed, CI never runs it).
# Needs (Debian 12): libreoffice-writer-nogui fonts-noto-cjk fonts-wqy-zenhei poppler-utils img2pdf python3
set -euo pipefail
M=$(cd "$(dirname "$0")" && pwd)
A=$(cd "$M/.." && pwd)
export FONTCONFIG_FILE=$M/fonts.conf
PROFILE=$(mktemp -d /tmp/lo_profile.XXXXXX); WORK=$(mktemp -d /tmp/made.XXXXXX)
LO=(soffice "-env:UserInstallation=file://$PROFILE" --headless --infilter="HTML (StarWriter)")
S=$A/synthetic/synthetic_yining_2023
python3 "$M/variants.py" "$S.html" "$WORK"
for v in landscape norules bigtype; do
  "${LO[@]}" --convert-to pdf:writer_pdf_Export --outdir "$M" "$WORK/synthetic_yining_2023.$v.html"
  cp "$S.pdf.tsv" "$M/synthetic_yining_2023.$v.pdf.tsv"
done
# the no-rules variant also as Word 97 and as a CID-font PDF
"${LO[@]}" --convert-to 'doc:MS Word 97' --outdir "$M" "$WORK/synthetic_yining_2023.norules.html"
cp "$S.pdf.tsv" "$M/synthetic_yining_2023.norules.doc.tsv"
# a scan: the first three pages as pictures, no text at all
pdftoppm -r 50 -gray -jpeg -jpegopt quality=40 -f 1 -l 3 "$S.pdf" "$WORK/p"
img2pdf "$WORK"/p-*.jpg -o "$M/synthetic_yining_2023.scan.pdf"
# CJK in a non-embedded font through a predefined CMap, no ToUnicode (reads), and in Identity-H
# CIDs with no way back to Unicode (must be refused)
python3 "$M/cmap_pdf.py" "$A/seed_yining_2023.html" "$M"
cp "$A/seed_yining_2023.html.tsv" "$M/seed_yining_2023.gbk.pdf.tsv"
# .wps: WPS Office writes the Word binary (here the .doc itself); not_word.wps: an OLE2 file whose
# WordDocument stream is renamed (as an old WPS or an Excel file has none); encrypted.doc: the
# seed .doc with the FIB's fEncrypted flag set
cp "$S.doc" "$M/synthetic_yining_2023.wps"; cp "$S.doc.tsv" "$M/synthetic_yining_2023.wps.tsv"
python3 - "$S.doc" "$M/not_word.wps" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
open(sys.argv[2], 'wb').write(d.replace('WordDocument'.encode('utf-16-le'), 'WpsContents0'.encode('utf-16-le')))
PY
python3 - "$A/seed_yining_2023.doc" "$M/encrypted.doc" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
for off in range(512, len(d), 512):
    if d[off:off + 2] == b'\xec\xa5':
        d[off + 0x0B] |= 0x01
        break
open(sys.argv[2], 'wb').write(d)
PY
# the landscape PDF stored as portrait pages with /Rotate 90 and the content drawn turned
qpdf --qdf --object-streams=disable "$M/synthetic_yining_2023.landscape.pdf" "$WORK/l.qdf.pdf"
python3 "$M/rotate_pdf.py" "$WORK/l.qdf.pdf" "$WORK/r.qdf.pdf"
fix-qdf "$WORK/r.qdf.pdf" > "$WORK/r.pdf"
qpdf --object-streams=generate --compress-streams=y "$WORK/r.pdf" "$M/synthetic_yining_2023.rotated.pdf"
cp "$S.pdf.tsv" "$M/synthetic_yining_2023.rotated.pdf.tsv"
# a PDF that needs a password to open
qpdf --encrypt secret owner 256 -- "$M/seed_yining_2023.gbk.pdf" "$M/seed_yining_2023.password.pdf"
# a report turned sideways on its pages, no /Rotate (text runs top to bottom; sideways.json), and the
# no-rules variant printed 2-up, two pages side by side on a landscape sheet (norules_2up.json).
# Their .printed.tsv is what the pages print: a reader may leave values out, never read one wrong.
qpdf --qdf --object-streams=disable "$S.pdf" "$WORK/p.qdf.pdf"
qpdf --qdf --object-streams=disable "$M/synthetic_yining_2023.norules.pdf" "$WORK/n.qdf.pdf"
python3 "$M/compose_pages.py" "$WORK/p.qdf.pdf" "$WORK/s.pdf" "$M/sideways.json"
python3 "$M/compose_pages.py" "$WORK/n.qdf.pdf" "$WORK/n2.pdf" "$M/norules_2up.json"
qpdf --object-streams=generate --compress-streams=y "$WORK/s.pdf" "$M/synthetic_yining_2023.sideways.pdf"
qpdf --object-streams=generate --compress-streams=y "$WORK/n2.pdf" "$M/synthetic_yining_2023.norules_2up.pdf"
for v in sideways norules_2up; do cp "$S.pdf.tsv" "$M/synthetic_yining_2023.$v.pdf.printed.tsv"; done
# a number printed across columns (gridSpan) or rows (vMerge) in tables that an extra column (empty, or 备注)
# makes up to their count (span_docx.py; no .tsv: parse TestWordSpannedNumber), as DOCX, Word 97 and PDF
for k in colspan vmerge; do
  python3 "$M/span_docx.py" "$S.docx" $k "$M/span_$k.docx"
  soffice "-env:UserInstallation=file://$PROFILE" --headless --convert-to 'doc:MS Word 97' --outdir "$M" "$M/span_$k.docx"
  soffice "-env:UserInstallation=file://$PROFILE" --headless --convert-to pdf --outdir "$M" "$M/span_$k.docx"
done
rm -rf "$PROFILE" "$WORK"
