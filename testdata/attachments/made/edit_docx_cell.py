# Makes a DOCX variant of a report saved by LibreOffice: one cell edited (table 四, its data row,
# cell N) as Word writes tracked changes, hidden text, a text box or a field.
# usage: python3 edit_docx_cell.py SRC.docx moveFrom|vanish|textbox|field|del|dstrike|sup|sub|suponly|delt|stylevanish|nestedfield N OUT.docx
# (dstrike: a double-struck 9 before the value; sup: a superscript 1 after it; sub: a subscript 1; suponly: the value
# superscript; delt: a tracked deletion of 9 written as w:t, as some writers do; stylevanish: a 9 in a
# character style that hides it; nestedfield: { = { REF bm1 } + 1 } whose inner result 9 is in the
# outer field's instruction and whose result is the value). The marked_*.docx are made from
# ../synthetic/synthetic_yining_2023.docx with N=1; their .doc twins by soffice --headless --convert-to doc.
import re, zipfile, sys
SRC=sys.argv.pop(1)
s=zipfile.ZipFile(SRC).read('word/document.xml').decode()
tbls=[m.start() for m in re.finditer('<w:tbl>',s)]
t4=tbls[-1]; lastrow=s.rfind('<w:tr',t4); end=s.index('</w:tr>',lastrow)
row=s[lastrow:end]
NS={'mc':'http://schemas.openxmlformats.org/markup-compatibility/2006','wps':'http://schemas.microsoft.com/office/word/2010/wordprocessingShape','wp':'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing','v':'urn:schemas-microsoft-com:vml'}
EDIT={
 'moveFrom': lambda rpr,v:'<w:moveFrom w:id="903" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>%s<w:t>3</w:t></w:r></w:moveFrom><w:r>%s<w:t>%s</w:t></w:r>'%(rpr,rpr,v),
 'vanish': lambda rpr,v:'<w:r><w:rPr><w:vanish/></w:rPr><w:t>4</w:t></w:r><w:r>%s<w:t>%s</w:t></w:r>'%(rpr,v),
 'textbox': lambda rpr,v:'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="300000" cy="200000"/><wp:docPr id="77" name="tb"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr/><wps:txbx><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:30pt;height:20pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'%(v,v),
 'field': lambda rpr,v:'<w:r>%s<w:fldChar w:fldCharType="begin"/></w:r><w:r>%s<w:instrText xml:space="preserve"> =12+7 </w:instrText></w:r><w:r>%s<w:fldChar w:fldCharType="separate"/></w:r><w:r>%s<w:t>%s</w:t></w:r><w:r>%s<w:fldChar w:fldCharType="end"/></w:r>'%(rpr,rpr,rpr,rpr,v,rpr),
 'dstrike': lambda rpr,v:'<w:r><w:rPr><w:dstrike/></w:rPr><w:t>9</w:t></w:r><w:r>%s<w:t>%s</w:t></w:r>'%(rpr,v),
 'sup': lambda rpr,v:'<w:r>%s<w:t>%s</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'%(rpr,v),
 'sub': lambda rpr,v:'<w:r>%s<w:t>%s</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>1</w:t></w:r>'%(rpr,v),
 'suponly': lambda rpr,v:'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>%s</w:t></w:r>'%v,
 'delt': lambda rpr,v:'<w:del w:id="904" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>%s<w:t>9</w:t></w:r></w:del><w:r>%s<w:t>%s</w:t></w:r>'%(rpr,rpr,v),
 'stylevanish': lambda rpr,v:'<w:r><w:rPr><w:rStyle w:val="HiddenNote"/></w:rPr><w:t>9</w:t></w:r><w:r>%s<w:t>%s</w:t></w:r>'%(rpr,v),
 'nestedfield': lambda rpr,v:'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> = </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF bm1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> + 1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r>%s<w:t>%s</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'%(rpr,v),
 'del': lambda rpr,v:'<w:del w:id="901" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>%s<w:delText>7</w:delText></w:r></w:del><w:ins w:id="902" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>%s<w:t>%s</w:t></w:r></w:ins>'%(rpr,rpr,v),
}
kind=sys.argv[1]; idx=int(sys.argv[2]); out=sys.argv[3]
cnt=[0]
def tc(m):
    cnt[0]+=1
    if cnt[0]!=idx: return m.group(0)
    return EDIT[kind](m.group(1) or '', m.group(2))
row2=re.sub(r'<w:r>(<w:rPr>.*?</w:rPr>)?<w:t[^>]*>([^<]*)</w:t></w:r>',tc,row)
doc=s[:lastrow]+row2+s[end:]
i=doc.index('<w:document'); root=doc[i:doc.index('>',i)]
doc=doc.replace(root,root+''.join(' xmlns:%s="%s"'%(k,u) for k,u in NS.items() if 'xmlns:%s='%k not in root),1)
zin=zipfile.ZipFile(SRC); zout=zipfile.ZipFile(out,'w',zipfile.ZIP_DEFLATED)
# stylevanish: a character style that hides its text (w:vanish), which the run uses
HIDDEN_STYLE='<w:style w:type="character" w:customStyle="1" w:styleId="HiddenNote"><w:name w:val="Hidden Note"/><w:rPr><w:vanish/></w:rPr></w:style>'
for it in zin.infolist():
    data=zin.read(it.filename)
    if it.filename=='word/document.xml': data=doc.encode()
    elif it.filename=='word/styles.xml' and kind=='stylevanish': data=data.decode().replace('</w:styles>',HIDDEN_STYLE+'</w:styles>').encode()
    zout.writestr(it, data)
zout.close()
