#!/usr/bin/env python3
"""Write tests/fixtures/docpdf/lists/lists.docx (Japanese numbered lists:
full-width numbers, (ア) katakana, circled numbers, a restart through a
startOverride, a bullet) and save it as lists.doc with LibreOffice, so the
two Word readers' list labels can be compared on one document (issue 11).

    python3 scripts/make_list_fixtures.py
"""
import pathlib
import subprocess
import tempfile
import zipfile

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests/fixtures/docpdf/lists"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lvl(i, fmt, text, start=1):
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{420 * (i + 1)}" w:hanging="420"/></w:pPr></w:lvl>')


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
{lvl(0, "decimalFullWidth", "%1.")}{lvl(1, "aiueoFullWidth", "(%2)")}{lvl(2, "decimalEnclosedCircle", "%3")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
{lvl(0, "upperRoman", "%1)")}{lvl(1, "lowerLetter", "%1-%2")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="・"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""

PARAS = [
    (None, None, "申請書"),
    (1, 0, "事業の名称"),
    (1, 1, "事業の目的"),
    (1, 1, "事業の内容"),
    (1, 2, "実施場所"),
    (1, 2, "実施期間"),
    (1, 0, "経費"),
    (1, 1, "内訳"),
    (None, None, "次の事項を記入すること。"),
    (2, 0, "Scope"),
    (2, 1, "Detail"),
    (2, 1, "More detail"),
    (2, 0, "Budget"),
    (3, 0, "添付書類"),
    (3, 0, "誓約書"),
    (4, 0, "Restarted"),
    (4, 0, "Second"),
]


def para(num, ilvl, text):
    ppr = ""
    if num is not None:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


DOCUMENT = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
            + "".join(para(*p) for p in PARAS)
            + "<w:sectPr/></w:body></w:document>")
TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    docx = OUT / "lists.docx"
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", DOCUMENT)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/numbering.xml", NUMBERING)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/p", "--headless",
                        "--convert-to", "doc:MS Word 97", "--outdir", str(OUT), str(docx)],
                       check=True, capture_output=True)
    print(f"wrote {docx} and {OUT / 'lists.doc'}")


if __name__ == "__main__":
    main()
