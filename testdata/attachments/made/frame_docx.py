# Makes a DOCX whose whole body stands in a one-cell table (a frame around the report, as some
# offices lay out their pages): usage: python3 frame_docx.py SRC.docx OUT.docx
import re, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(src)
doc = z.read('word/document.xml').decode()
i = doc.index('<w:body>') + len('<w:body>')
j = doc.rindex('<w:sectPr')
frame = '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>'
doc = doc[:i] + frame + doc[i:j] + '<w:p/></w:tc></w:tr></w:tbl><w:p/>' + doc[j:]
zout = zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED)
for it in z.infolist():
    zout.writestr(it, doc.encode() if it.filename == 'word/document.xml' else z.read(it.filename))
zout.close()
