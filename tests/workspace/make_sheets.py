#!/usr/bin/env python3
"""Spreadsheets in the shapes planners send, written at test time with the
standard library only (an XLSX/ODS is a zip of XML): a batch list with
Chinese headers, a figures sheet, and the hostile ones (merged header cells,
formulas, dates stored as numbers, a missing sheet, an empty file).

usage: make_sheets.py OUTDIR"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

TOWN_HEADERS = ["名称", "所在市", "所在县区", "产业", "级别", "认定年份", "来源", "原文"]
TOWNS = [
    ["清徐醋产业专业镇", "太原市", "清徐县", "老陈醋", "省级重点", "2025", "手工录入", ""],
    ["太谷瑪鋼專業鎮", "晋中市", "太谷区", "玛钢", "省级重点", "2023", "S001", "年产值130亿元"],
    ["平遥牛肉专业镇", "晋中市", "平遥县", "牛肉", "省级特色", "2024", "", ""],
]
FIGURE_HEADERS = ["专业镇", "指标", "数值", "单位", "年份", "口径", "来源", "原文"]
FIGURES = [
    ["太谷玛钢专业镇", "年产值", "１３０", "亿元", "2023", "本镇", "S001", "年产值130亿元"],
    ["清徐醋产业专业镇", "企业数", "120家", "", "2025", "", "手工录入", ""],
]


def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def cell_xml(ref, value):
    if isinstance(value, tuple):  # ("formula", "=B2*2", cached) or ("number", 44927)
        kind = value[0]
        if kind == "formula":
            cached = "" if value[2] is None else "<v>%s</v>" % value[2]
            return '<c r="%s"><f>%s</f>%s</c>' % (ref, escape(value[1].lstrip("=")), cached)
        if kind == "date":
            return '<c r="%s" s="1"><v>%s</v></c>' % (ref, value[1])
        return '<c r="%s"><v>%s</v></c>' % (ref, value[1])
    if value == "":
        return ""
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(str(value)))


def write_xlsx(path, sheets, merges=None):
    """sheets: [(name, rows)]; merges: {sheet name: ["A1:C1", ...]}"""
    merges = merges or {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets)))
                   + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   "</Relationships>")
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1) for i, (n, _) in enumerate(sheets))
                   + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(len(sheets)))
                   + '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (len(sheets) + 1)
                   + "</Relationships>")
        # Style 1: a date (numFmtId 14), as Excel stores a date typed into a cell.
        z.writestr("xl/styles.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
                   '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
                   '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
                   "</styleSheet>")
        for i, (name, rows) in enumerate(sheets):
            body = "".join('<row r="%d">%s</row>' % (r + 1, "".join(cell_xml("%s%d" % (col_name(c), r + 1), v) for c, v in enumerate(row)))
                           for r, row in enumerate(rows))
            merge = ""
            if merges.get(name):
                merge = '<mergeCells count="%d">%s</mergeCells>' % (len(merges[name]), "".join('<mergeCell ref="%s"/>' % m for m in merges[name]))
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1),
                       '<?xml version="1.0" encoding="UTF-8"?>'
                       '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                       "<sheetData>%s</sheetData>%s</worksheet>" % (body, merge))


def write_ods(path, sheets):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   "</manifest:manifest>")
        tables = ""
        for name, rows in sheets:
            tables += '<table:table table:name="%s">' % escape(name)
            for row in rows:
                tables += "<table:table-row>"
                for v in row:
                    tables += '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(str(v))
                tables += "</table:table-row>"
            tables += "</table:table>"
        z.writestr("content.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
                   "<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document-content>" % tables)


def write_csv(path, rows, encoding, bom=False):
    text = "\r\n".join(",".join('"%s"' % c.replace('"', '""') if ("," in c or '"' in c) else c for c in row) for row in rows) + "\r\n"
    with open(path, "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(text.encode(encoding))


def main(out):
    os.makedirs(out, exist_ok=True)
    towns = [TOWN_HEADERS] + TOWNS
    figures = [FIGURE_HEADERS] + FIGURES
    write_xlsx(os.path.join(out, "batch.xlsx"), [("专业镇名单", towns), ("指标", figures)])
    write_ods(os.path.join(out, "batch.ods"), [("专业镇名单", towns)])
    write_csv(os.path.join(out, "batch-gbk.csv"), towns, "gbk")
    write_csv(os.path.join(out, "batch-gb18030.csv"), towns, "gb18030")
    write_csv(os.path.join(out, "batch-utf8-bom.csv"), towns, "utf-8", bom=True)
    write_csv(os.path.join(out, "batch-utf8.csv"), towns, "utf-8")
    write_csv(os.path.join(out, "figures.csv"), figures, "utf-8")
    # English headers.
    write_csv(os.path.join(out, "batch-english.csv"),
              [["name", "city", "county", "sector", "level", "year_named", "source", "quote"]] + TOWNS, "utf-8")
    # Hostile: a GBK file that says it is UTF-8 (a BOM in front of GBK bytes).
    write_csv(os.path.join(out, "gbk-claims-utf8.csv"), towns, "gbk", bom=True)
    open(os.path.join(out, "empty.csv"), "wb").close()
    open(os.path.join(out, "empty.xlsx"), "wb").close()
    write_csv(os.path.join(out, "headers-only.csv"), [TOWN_HEADERS], "utf-8")
    # A title row merged across the header: the real headers are on row 2.
    write_xlsx(os.path.join(out, "merged-header.xlsx"),
               [("名单", [["2025年第二批专业镇名单", "", "", "", "", "", "", ""]] + towns)],
               {"名单": ["A1:H1"]})
    # Formulas: a year computed from another cell; one without a saved result.
    write_xlsx(os.path.join(out, "formulas.xlsx"),
               [("名单", [TOWN_HEADERS,
                          ["清徐醋产业专业镇", "太原市", "清徐县", "老陈醋", "省级重点", ("formula", "=2024+1", "2025"), "手工录入", ""],
                          ["平遥牛肉专业镇", "晋中市", "平遥县", "牛肉", ("formula", "=E2", None), "2024", "", ""]])])
    # A year typed as a date: Excel keeps the serial number 45658 (2025-01-01).
    write_xlsx(os.path.join(out, "date-year.xlsx"),
               [("名单", [TOWN_HEADERS,
                          ["清徐醋产业专业镇", "太原市", "清徐县", "老陈醋", "省级重点", ("date", 45658), "手工录入", ""]])])
    write_csv(os.path.join(out, "bad-rows.csv"), [TOWN_HEADERS,
              ["清徐醋产业专业镇", "太原市", "清徐县", "老陈醋", "省级重点", "2025", "手工录入", ""],
              ["某某专业镇", "太原市", "清许县", "醋", "省级", "", "", ""],
              ["某某专业镇二", "太原市", "清徐县", "醋", "国家级", "", "", ""],
              ["某某专业镇三", "晋中市", "太谷区", "玛钢", "省级", "", "S001", "这句话不在文中"]], "utf-8")
    write_csv(os.path.join(out, "bad-figures.csv"), [FIGURE_HEADERS,
              ["太谷玛钢专业镇", "出口额", "很多", "", "2024", "", "", ""],
              ["太谷玛钢专业镇", "出口额", "6600万元", "", "2024", "", "S001", "年产值130亿元"]], "utf-8")
    write_csv(os.path.join(out, "unknown-headers.csv"), [["foo", "bar"], ["1", "2"]], "utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
