#!/usr/bin/env python3
"""Generate the Word reader fixtures under tests/fixtures/reader/.

Each fixture starts as a real python-docx package (styles, settings, core
properties as python-docx writes them); the body is then replaced with raw
WordprocessingML for what python-docx cannot write (tracked changes, ruby,
content controls, text boxes, legacy form fields, merged cells, nested
tables, comments, hidden text, fields, notes, runs split mid-word).

Bad inputs go to tests/fixtures/reader/bad/: truncated and garbage zips, a
missing main part, malformed XML, DOCTYPE / billion laughs, absurd nesting,
zip bombs (small files that inflate to 100-300 MB), a password-encrypted
docx (msoffcrypto-tool) and a legacy .doc (LibreOffice, when installed).

Run from the repository root: python3 scripts/gen_reader_fixtures.py
Requires: python-docx; optional: msoffcrypto-tool, soffice.
"""

import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape

import docx

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "reader")
BAD = os.path.join(OUT, "bad")

ROOT_OPEN = (
    '<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 wp14">'
)
PART_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


# ---------------------------------------------------------------- helpers

def t(text):
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(text, rpr=""):
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f"<w:r>{props}{t(text)}</w:r>"


def p(inner="", ppr=""):
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{props}{inner}</w:p>"


def tc(inner, tcpr=""):
    props = f"<w:tcPr>{tcpr}</w:tcPr>" if tcpr else ""
    return f"<w:tc>{props}{inner}</w:tc>"


def base_package(setup=None):
    """A python-docx package (bytes); `setup(document)` may add content."""
    d = docx.Document()
    d.core_properties.author = "山田 太郎"
    d.core_properties.last_modified_by = "佐藤 花子"
    d.core_properties.title = "試験用文書"
    if setup:
        setup(d)
    else:
        d.add_paragraph("placeholder")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rewrite(package, body=None, parts=None, rels=None, overrides=None, defaults=None, replace=None):
    """Rewrite a package: new body XML (sectPr kept), extra parts, extra
    document relationships (id, type, target, external), content types."""
    zin = zipfile.ZipFile(io.BytesIO(package))
    files = {n: zin.read(n) for n in zin.namelist()}
    if body is not None:
        xml = files["word/document.xml"].decode("utf-8")
        body_start = xml.index("<w:body>") + len("<w:body>")
        sect = xml.rfind("<w:sectPr")
        xml = xml[:body_start] + body + xml[sect:]
        root_start = xml.index("<w:document")
        root_end = xml.index(">", root_start) + 1
        xml = xml[:root_start] + ROOT_OPEN + xml[root_end:]
        files["word/document.xml"] = xml.encode("utf-8")
    for name, data in (parts or {}).items():
        files[name] = data.encode("utf-8") if isinstance(data, str) else data
    if rels:
        x = files["word/_rels/document.xml.rels"].decode("utf-8")
        add = "".join(
            f'<Relationship Id="{i}" Type="{ty}" Target="{escape(tg)}"'
            + (' TargetMode="External"' if ext else "")
            + "/>"
            for (i, ty, tg, ext) in rels
        )
        files["word/_rels/document.xml.rels"] = x.replace("</Relationships>", add + "</Relationships>").encode()
    if overrides or defaults:
        x = files["[Content_Types].xml"].decode("utf-8")
        add = "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in (defaults or {}).items())
        for name, ct in (overrides or {}).items():
            old = f'<Override PartName="/{name}" ContentType="'
            if old in x:
                s = x.index(old) + len(old)
                e = x.index('"', s)
                x = x[:s] + ct + x[e:]
            else:
                add += f'<Override PartName="/{name}" ContentType="{ct}"/>'
        files["[Content_Types].xml"] = x.replace("</Types>", add + "</Types>").encode()
    for name, fn in (replace or {}).items():
        files[name] = fn(files[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        order = ["[Content_Types].xml"] + [n for n in files if n != "[Content_Types].xml"]
        for n in order:
            z.writestr(n, files[n])
    return out.getvalue()


def save(name, data, folder=OUT):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def part_xml(root, inner):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{root} {PART_NS}>{inner}</w:{root}>'


# ---------------------------------------------------------------- fixtures

def split_runs():
    body = (
        p(r("企画", "<w:b/>") + r("提", "<w:i/>") + r("案書", '<w:sz w:val="28"/>'), '<w:pStyle w:val="Title"/>')
        + p(r("金額：") + r("１２，") + r("０００", "<w:b/>") + r("円"))
        + p(
            r("申")
            + '<w:proofErr w:type="spellStart"/>'
            + r("請", '<w:lang w:eastAsia="ja-JP"/>')
            + '<w:bookmarkStart w:id="0" w:name="x"/>'
            + '<w:proofErr w:type="spellEnd"/>'
            + r("者")
            + '<w:bookmarkEnd w:id="0"/>'
        )
        + p('<w:r><w:t>ab</w:t></w:r><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>c</w:t><w:t>d</w:t></w:r>')
    )
    save("split_runs.docx", rewrite(base_package(), body))


def tracked():
    ins = lambda who, inner, i: f'<w:ins w:id="{i}" w:author="{who}" w:date="2025-04-01T10:00:00Z">{inner}</w:ins>'
    dele = lambda who, text, i: (
        f'<w:del w:id="{i}" w:author="{who}" w:date="2025-04-02T10:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )
    body = (
        p(r("事業名：") + ins("山田", r("新しい"), 1) + dele("佐藤", "古い", 2) + r("調査"))
        + p('<w:moveFrom w:id="3" w:author="田中" w:date="2025-04-03T10:00:00Z">' + r("移動元") + "</w:moveFrom>" + r("残り"))
        + p('<w:moveTo w:id="4" w:author="田中" w:date="2025-04-03T10:00:00Z">' + r("移動先") + "</w:moveTo>")
        + p(
            '<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="鈴木" w:date="2025-04-04T10:00:00Z">'
            "<w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr>" + t("書式") + "</w:r>"
        )
        + p(
            r("見出し"),
            '<w:pStyle w:val="Heading1"/><w:rPr><w:ins w:id="6" w:author="鈴木" w:date="2025-04-05T10:00:00Z"/></w:rPr>'
            '<w:pPrChange w:id="7" w:author="鈴木" w:date="2025-04-05T10:00:00Z"><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:pPrChange>',
        )
        + "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid>"
        + "<w:tr>" + tc(p(r("金額") + dele("佐藤", "１０", 8) + ins("佐藤", r("２０"), 9) + r("万円"))) + "</w:tr></w:tbl>"
        + p()
    )
    save("tracked.docx", rewrite(base_package(), body))


def ruby():
    rub = (
        '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/><w:hps w:val="10"/>'
        '<w:hpsRaise w:val="18"/><w:hpsBaseText w:val="21"/><w:lid w:val="ja-JP"/></w:rubyPr>'
        '<w:rt><w:r><w:rPr><w:sz w:val="10"/></w:rPr>' + t("やまだ") + "</w:r></w:rt>"
        "<w:rubyBase><w:r>" + t("山田") + "</w:r></w:rubyBase></w:ruby></w:r>"
    )
    body = p(r("申請者：") + rub + r("太郎"))
    save("ruby.docx", rewrite(base_package(), body))


def sdt():
    block = (
        '<w:sdt><w:sdtPr><w:alias w:val="事業名"/><w:tag w:val="title"/><w:id w:val="1"/></w:sdtPr>'
        "<w:sdtContent>" + p(r("地域人材調査")) + "</w:sdtContent></w:sdt>"
    )
    placeholder = (
        '<w:sdt><w:sdtPr><w:tag w:val="contact"/><w:id w:val="2"/><w:showingPlcHdr/></w:sdtPr>'
        "<w:sdtEndPr/><w:sdtContent>" + r("ここをクリックして入力", '<w:rStyle w:val="PlaceholderText"/>')
        + "</w:sdtContent></w:sdt>"
    )

    def checkbox(tag, checked):
        glyph = "☒" if checked else "☐"
        return (
            f'<w:sdt><w:sdtPr><w:tag w:val="{tag}"/><w:id w:val="3"/>'
            f'<w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
            "<w:sdtContent>" + r(glyph, '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hint="eastAsia"/>')
            + "</w:sdtContent></w:sdt>"
        )

    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
        '<w:tr><w:sdt><w:sdtPr><w:tag w:val="cellcc"/></w:sdtPr><w:sdtContent>'
        + tc(p(r("セル内")))
        + "</w:sdtContent></w:sdt>"
        + tc(p(r("通常")))
        + "</w:tr></w:tbl>"
    )
    body = (
        block
        + p(r("担当者：") + placeholder)
        + p(checkbox("kurumin", True) + r("くるみん"))
        + p(checkbox("eruboshi", False) + r("えるぼし"))
        + table
        + p()
    )
    save("sdt.docx", rewrite(base_package(), body))


def textbox():
    box_paras = p(r("テキストボックス１")) + p(r("二行目"))
    drawing = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1828800" cy="914400"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="1" name="テキスト ボックス 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        "<wps:txbx><w:txbxContent>" + box_paras + "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"/>'
        '<v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="width:144pt;height:72pt">'
        "<v:textbox><w:txbxContent>" + box_paras + "</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    vml_only = (
        '<w:r><w:pict><v:shape id="Text Box 2" type="#_x0000_t202" style="width:100pt;height:40pt">'
        "<v:textbox><w:txbxContent>" + p(r("セルの箱")) + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>'
        "<w:tr>" + tc(p(r("セル") + vml_only)) + "</w:tr></w:tbl>"
    )
    body = p(r("本文") + drawing + r("の続き")) + p(r("後の段落")) + table + p()
    save("textbox.docx", rewrite(base_package(), body))


def formfields():
    def begin(ffdata):
        return f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData>{ffdata}</w:ffData></w:fldChar></w:r>'

    instr = lambda code: f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
    sep = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    text_field = (
        begin('<w:name w:val="氏名"/><w:enabled/><w:calcOnExit w:val="0"/><w:textInput/>')
        + instr("FORMTEXT") + sep + r("山田") + r("太郎") + end
    )
    checked = (
        begin('<w:name w:val="Check1"/><w:enabled/><w:calcOnExit w:val="0"/>'
              '<w:checkBox><w:sizeAuto/><w:default w:val="0"/><w:checked/></w:checkBox>')
        + instr("FORMCHECKBOX") + end
    )
    unchecked = (
        begin('<w:name w:val="Check2"/><w:enabled/><w:calcOnExit w:val="0"/>'
              '<w:checkBox><w:sizeAuto/><w:default w:val="0"/></w:checkBox>')
        + instr("FORMCHECKBOX") + end
    )
    dropdown = (
        begin('<w:name w:val="状況"/><w:enabled/><w:calcOnExit w:val="0"/>'
              '<w:ddList><w:result w:val="1"/><w:listEntry w:val="実施"/><w:listEntry w:val="未実施"/>'
              '<w:listEntry w:val="該当なし"/></w:ddList>')
        + instr("FORMDROPDOWN") + end
    )
    body = (
        p(r("氏名：") + text_field)
        + p(checked + r("実施"))
        + p(unchecked + r("未実施"))
        + p(r("状況：") + dropdown)
    )
    save("formfields.docx", rewrite(base_package(), body))


def merged():
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(4))
    nested = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="700"/><w:gridCol w:w="700"/></w:tblGrid>'
        "<w:tr>" + tc(p(r("内1"))) + tc(p(r("内2"))) + "</w:tr></w:tbl>"
    )
    body = (
        p(r("前"))
        + f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        + "<w:tr>"
        + tc(p(r("申請者")), '<w:gridSpan w:val="2"/>')
        + tc(p(r("住所")))
        + tc(p(r("備考")), '<w:vMerge w:val="restart"/>')
        + "</w:tr><w:tr>"
        + tc(p(r("氏名")))
        + tc(p(r("山")) + "")
        + tc(p(r("東京")) + nested + p())
        + tc(p(), "<w:vMerge/>")
        + "</w:tr><w:tr>"
        + '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + tc(p(r("後")))
        + tc(p(r("右2")), '<w:gridSpan w:val="2"/>')
        + "</w:tr></w:tbl>"
        + p(r("後文"))
    )
    save("merged.docx", rewrite(base_package(), body))


def comments():
    body = p(
        r("事業の")
        + '<w:commentRangeStart w:id="0"/>'
        + r("目的")
        + '<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>'
        + r("を記載")
    ) + p(r("二段落目") + '<w:r><w:commentReference w:id="1"/></w:r>')
    comments_xml = part_xml(
        "comments",
        '<w:comment w:id="0" w:author="審査員" w:date="2025-05-01T09:00:00Z" w:initials="S">'
        + p('<w:r><w:annotationRef/></w:r>' + r("具体的に"), '<w:pStyle w:val="CommentText"/>')
        + p(r("書いてください"))
        + "</w:comment>"
        + '<w:comment w:id="1" w:author="事務局" w:date="2025-05-02T09:00:00Z">'
        + p(r("確認済み"))
        + "</w:comment>",
    )
    save(
        "comments.docx",
        rewrite(
            base_package(),
            body,
            parts={"word/comments.xml": comments_xml},
            rels=[("rIdC1", REL + "comments", "comments.xml", False)],
            overrides={"word/comments.xml": CT_WML + "comments+xml"},
        ),
    )

    # The same through python-docx's own comments API (as a library writes it).
    def setup(d):
        para = d.add_paragraph()
        para.add_run("事業の")
        run = para.add_run("目的")
        para.add_run("を記載")
        d.add_comment(run, text="具体的に", author="審査員", initials="S")

    save("comments_pydocx.docx", base_package(setup))


def hidden():
    body = p(r("表示") + r("隠し", "<w:vanish/>") + r("文字")) + p(r("見える", '<w:vanish w:val="0"/>'))
    save("hidden.docx", rewrite(base_package(), body))


def fields():
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    sep = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    instr = lambda code: f'<w:r><w:instrText xml:space="preserve">{escape(code)}</w:instrText></w:r>'
    body = (
        p(r("ページ ") + '<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT ">' + r("3") + "</w:fldSimple>")
        + p(begin + instr(' DATE \\@ "yyyy/MM/dd" ') + sep + r("2025/04/01") + end)
        + p(
            begin + instr(" IF ") + begin + instr(" MERGEFIELD 区分 ") + sep + r("«区分»") + end
            + instr(' = "法人" "はい" "いいえ" ') + sep + r("いいえ") + end
        )
        + p('<w:hyperlink r:id="rIdLink1" w:history="1">' + r("経済産業省", '<w:rStyle w:val="Hyperlink"/>') + "</w:hyperlink>")
        + p(begin + instr(' TOC \\o "1-3" ') + sep + r("目次1"))
        + p(r("目次2") + end)
    )
    save(
        "fields.docx",
        rewrite(base_package(), body, rels=[("rIdLink1", REL + "hyperlink", "https://www.meti.go.jp/", True)]),
    )


def notes():
    def setup(d):
        d.add_paragraph("本文")
        d.sections[0].header.paragraphs[0].text = "ヘッダー文字"
        d.sections[0].footer.paragraphs[0].text = "フッター文字"

    body = p(r("本文") + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
             + r("と文末") + '<w:r><w:endnoteReference w:id="1"/></w:r>')

    def notes_xml(kind):
        return part_xml(
            kind + "s",
            f'<w:{kind} w:type="separator" w:id="-1">' + p('<w:r><w:separator/></w:r>') + f"</w:{kind}>"
            + f'<w:{kind} w:type="continuationSeparator" w:id="0">' + p('<w:r><w:continuationSeparator/></w:r>') + f"</w:{kind}>"
            + f'<w:{kind} w:id="1">'
            + p(f'<w:r><w:{kind}Ref/></w:r>' + r(" 脚注の本文" if kind == "footnote" else " 文末脚注の本文"))
            + f"</w:{kind}>",
        )

    save(
        "notes.docx",
        rewrite(
            base_package(setup),
            body,
            parts={"word/footnotes.xml": notes_xml("footnote"), "word/endnotes.xml": notes_xml("endnote")},
            rels=[("rIdF1", REL + "footnotes", "footnotes.xml", False), ("rIdE1", REL + "endnotes", "endnotes.xml", False)],
            overrides={"word/footnotes.xml": CT_WML + "footnotes+xml", "word/endnotes.xml": CT_WML + "endnotes+xml"},
        ),
    )


def symbols():
    body = (
        p(
            r("A") + "<w:r><w:tab/></w:r>" + r("B") + "<w:r><w:br/></w:r>" + r("C")
            + "<w:r><w:t>03</w:t><w:noBreakHyphen/><w:t>1234</w:t></w:r>"
            + '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r><w:r><w:softHyphen/></w:r>'
        )
        + p('<w:r><w:t>前</w:t><w:br w:type="page"/><w:t>後</w:t><w:cr/><w:t>末</w:t></w:r>')
        + p(r("X"), '<w:tabs><w:tab w:val="left" w:pos="840"/></w:tabs>')
    )
    save("symbols.docx", rewrite(base_package(), body))


def package_facts():
    """docm (macros), dotx (template), remote template + OLE embedding + app.xml."""
    body = p(r("マクロ付き"))
    save(
        "macro.docm",
        rewrite(
            base_package(),
            body,
            parts={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504},
            rels=[("rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False)],
            overrides={"word/document.xml": "application/vnd.ms-word.document.macroEnabled.main+xml"},
            defaults={"bin": "application/vnd.ms-office.vbaProject"},
        ),
    )
    save(
        "template.dotx",
        rewrite(base_package(), p(r("ひな形")), overrides={"word/document.xml": CT_WML + "template.main+xml"}),
    )
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}attachedTemplate" Target="http://template.example/remote.dotm" TargetMode="External"/>'
        "</Relationships>"
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Office Word</Application><Company>株式会社テスト</Company></Properties>"
    )
    save(
        "package.docx",
        rewrite(
            base_package(),
            p(r("外部テンプレート")),
            parts={
                "word/_rels/settings.xml.rels": settings_rels,
                "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
                "docProps/app.xml": app,
            },
            rels=[
                ("rIdOle", REL + "oleObject", "embeddings/oleObject1.bin", False),
                ("rIdImg", REL + "image", "http://images.example/a.png", True),
                ("rIdLnk", REL + "hyperlink", "https://www.meti.go.jp/", True),
            ],
            defaults={"bin": "application/vnd.openxmlformats-officedocument.oleObject"},
        ),
    )


def xlsx_package():
    """An xlsx for the shared package reader (metadata, external link)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "様式２"
    ws["A1"] = "総額"
    ws["B1"] = 12000
    ws["A2"] = "経済産業省"
    ws["A2"].hyperlink = "https://www.meti.go.jp/"
    wb.properties.creator = "山田 太郎"
    wb.properties.lastModifiedBy = "佐藤 花子"
    buf = io.BytesIO()
    wb.save(buf)
    save("package.xlsx", buf.getvalue())


def everything():
    """Several constructs in one body, to check numbering across them."""
    body = (
        p(r("様式１"), '<w:pStyle w:val="Heading1"/>')
        + '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="4000"/></w:tblGrid>'
        + "<w:tr>" + tc(p(r("受付番号"))) + tc(p(r("※記載不要"))) + "</w:tr>"
        + "<w:tr>" + tc(p(r("件名"))) + tc(p(r("地域") + '<w:ins w:id="1" w:author="A">' + r("中小企業") + "</w:ins>" + r("調査"))) + "</w:tr>"
        + "</w:tbl>"
        + p(r("以上"))
    )
    save("mixed.docx", rewrite(base_package(), body))


# ---------------------------------------------------------------- bad input

def bad_inputs():
    good = rewrite(base_package(), p(r("正常")))
    save("truncated.docx", good[: len(good) // 2], BAD)
    save("garbage.docx", b"PK\x03\x04" + bytes(range(256)) * 4, BAD)
    save("pdf_named.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", BAD)

    # A zip without any word/ part.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", zipfile.ZipFile(io.BytesIO(good)).read("[Content_Types].xml"))
        z.writestr("docProps/core.xml", zipfile.ZipFile(io.BytesIO(good)).read("docProps/core.xml"))
    save("missing_document.docx", buf.getvalue(), BAD)

    def with_document(xml):
        return rewrite(good, replace={"word/document.xml": lambda _: xml.encode("utf-8")})

    doc_open = '<?xml version="1.0" encoding="UTF-8"?>\n' + ROOT_OPEN + "<w:body>"
    save("malformed.docx", with_document(doc_open + "<w:p><w:r><w:t>壊れ</w:r></w:p></w:body></w:document>"), BAD)
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
        + "]>\n" + ROOT_OPEN + "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    save("billion_laughs.docx", with_document(laughs), BAD)
    xxe = (
        '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        + ROOT_OPEN + "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    save("external_entity.docx", with_document(xxe), BAD)
    deep = doc_open + "<w:p>" + "<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000 + "</w:p></w:body></w:document>"
    save("deep_nesting.docx", with_document(deep), BAD)
    # Malformed XML in a secondary part only: the file still reads.
    save(
        "bad_header.docx",
        rewrite(
            good,
            parts={"word/header1.xml": part_xml("hdr", p(r("壊れたヘッダー")))[:-20]},
            rels=[("rIdH9", REL + "header", "header1.xml", False)],
            overrides={"word/header1.xml": CT_WML + "header+xml"},
        ),
        BAD,
    )

    # Zip bombs: small files, huge inflated parts.
    def bomb(size, lie=False):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for n in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
                z.writestr(n, zipfile.ZipFile(io.BytesIO(good)).read(n))
            with z.open("word/document.xml", "w", force_zip64=size > 0xFFFFFFFF - 1) as f:
                f.write(doc_open.encode())
                chunk = b"<w:p/>" * (1 << 17)
                written = 0
                while written < size:
                    f.write(chunk)
                    written += len(chunk)
                f.write(b"</w:body></w:document>")
        data = bytearray(out.getvalue())
        if lie:
            # Claim the part inflates to 4 KB in both headers.
            name = b"word/document.xml"
            local = data.find(b"PK\x03\x04" + b"\x00" * 0, 0)
            while local != -1:
                if data[local + 30 : local + 30 + len(name)] == name:
                    struct.pack_into("<I", data, local + 22, 4096)
                local = data.find(b"PK\x03\x04", local + 4)
            cen = data.find(b"PK\x01\x02")
            while cen != -1:
                if data[cen + 46 : cen + 46 + len(name)] == name:
                    struct.pack_into("<I", data, cen + 24, 4096)
                cen = data.find(b"PK\x01\x02", cen + 4)
        return bytes(data)

    save("bomb_ratio.docx", bomb(100 << 20), BAD)
    save("bomb_lying_header.docx", bomb(100 << 20, lie=True), BAD)
    save("bomb_300mb.docx", bomb(300 << 20), BAD)

    # Password-protected docx (real ECMA-376 agile encryption).
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile

        src = io.BytesIO(good)
        enc = io.BytesIO()
        OOXMLFile(src).encrypt("yoshiki", enc)
        save("encrypted.docx", enc.getvalue(), BAD)
    except Exception as e:  # noqa: BLE001
        print("encrypted.docx not generated:", e, file=sys.stderr)

    # An RTF file: a format yoshiki does not read (IN003).
    with open(os.path.join(BAD, "legacy.rtf"), "w") as f:
        f.write(r"{\rtf1\ansi\ansicpg932\deff0{\fonttbl{\f0\fnil MS Mincho;}}\f0\fs21 \u21029?\u32025? \u30003?\u35531?\u26360?\par}" + "\n")

    # Legacy Word 97-2003 .doc written by LibreOffice.
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "legacy.docx")
            with open(src, "wb") as f:
                f.write(good)
            subprocess.run(
                [soffice, "--headless", "--convert-to", "doc", "--outdir", tmp, src],
                check=False, capture_output=True, timeout=180,
            )
            out = os.path.join(tmp, "legacy.doc")
            # (read by the MS-DOC reader; legacy.rtf is the unsupported one)
            if os.path.exists(out):
                shutil.copy(out, os.path.join(BAD, "legacy.doc"))
                # The same bytes under a .docx name: sniffed by content.
                shutil.copy(out, os.path.join(BAD, "legacy_named.docx"))
    else:
        print("soffice not found: legacy.doc not generated", file=sys.stderr)


def libreoffice_roundtrip():
    """split_runs.docx saved again by LibreOffice (another real producer)."""
    soffice = shutil.which("soffice")
    if not soffice:
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "lo.odt")
        shutil.copy(os.path.join(OUT, "split_runs.docx"), os.path.join(tmp, "src.docx"))
        subprocess.run([soffice, "--headless", "--convert-to", "odt", "--outdir", tmp, os.path.join(tmp, "src.docx")],
                       check=False, capture_output=True, timeout=180)
        if os.path.exists(os.path.join(tmp, "src.odt")):
            os.rename(os.path.join(tmp, "src.odt"), src)
            subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, src],
                           check=False, capture_output=True, timeout=180)
            out = os.path.join(tmp, "lo.docx")
            if os.path.exists(out):
                shutil.copy(out, os.path.join(OUT, "split_runs_libreoffice.docx"))


def main():
    os.makedirs(BAD, exist_ok=True)
    split_runs()
    tracked()
    ruby()
    sdt()
    textbox()
    formfields()
    merged()
    comments()
    hidden()
    fields()
    notes()
    symbols()
    package_facts()
    xlsx_package()
    everything()
    bad_inputs()
    libreoffice_roundtrip()
    for folder in (OUT, BAD):
        for f in sorted(os.listdir(folder)):
            path = os.path.join(folder, f)
            if os.path.isfile(path):
                print(f"{os.path.relpath(path, OUT):40} {os.path.getsize(path):>9} bytes")


if __name__ == "__main__":
    main()
