#!/usr/bin/env python3
"""Make jinmap's export font: a renamed copy of Noto Sans CJK SC that PDF text
extraction reads back exactly.

Qt's PDF writer builds each embedded font's ToUnicode map by reversing the
cmap, and for a glyph shared by several code points it picks the lowest one.
In Noto Sans CJK the CJK Radicals Supplement and Kangxi Radicals (U+2E80-2FDF)
share glyphs with common ideographs, so pdftotext would read 大/山/谷 as
⼤/⼭/⾕. The Latin `locl` lookups swap digits and letters for glyphs that no
code point maps to, so "EPSG:4546" would lose its digits. This script removes
both, renames the family (so it never shadows the system font) and writes one
OpenType/CFF file.

usage: make_export_font.py INPUT.ttc OUTPUT.otf [FAMILY] [SOURCE_FAMILY]
Needs fontTools (Debian: python3-fonttools).
"""
import os
import sys

from fontTools.ttLib import TTCollection, TTFont

RADICALS = range(0x2E80, 0x2FE0)
LATIN_SCRIPTS = {"latn", "cyrl", "grek"}


def pick_face(path, family):
    if path.lower().endswith((".ttc", ".otc")):
        collection = TTCollection(path)
        for face in collection.fonts:
            if face["name"].getDebugName(1) == family:
                return face
        raise SystemExit(f"{path}: no face named {family!r}")
    return TTFont(path)


def drop_radicals(font):
    removed = 0
    for table in font["cmap"].tables:
        if table.format == 14:
            uvs = getattr(table, "uvsDict", {})
            for selector in list(uvs):
                uvs[selector] = [(cp, g) for cp, g in uvs[selector] if cp not in RADICALS]
            continue
        if not hasattr(table, "cmap"):
            continue
        for cp in [cp for cp in table.cmap if cp in RADICALS]:
            del table.cmap[cp]
            removed += 1
    return removed


def drop_latin_locl(font):
    if "GSUB" not in font:
        return 0
    gsub = font["GSUB"].table
    records = gsub.FeatureList.FeatureRecord
    locl = {i for i, r in enumerate(records) if r.FeatureTag == "locl"}
    dropped = 0
    for script in gsub.ScriptList.ScriptRecord:
        if script.ScriptTag not in LATIN_SCRIPTS:
            continue
        systems = [script.Script.DefaultLangSys] + [r.LangSys for r in script.Script.LangSysRecord]
        for langsys in systems:
            if langsys is None:
                continue
            before = len(langsys.FeatureIndex)
            langsys.FeatureIndex = [i for i in langsys.FeatureIndex if i not in locl]
            langsys.FeatureCount = len(langsys.FeatureIndex)
            dropped += before - langsys.FeatureCount
    return dropped


def rename(font, family):
    ps_family = family.replace(" ", "")
    style = "Regular"
    names = font["name"]
    values = {
        1: family,
        2: style,
        3: f"{ps_family}-{style};jinmap export copy",
        4: f"{family} {style}" if style != "Regular" else family,
        6: f"{ps_family}-{style}",
        16: family,
        17: style,
    }
    # Drop localised names of the source family so only the new name remains.
    names.names = [n for n in names.names if n.nameID not in values and n.nameID not in (18, 21, 22)]
    for name_id, value in values.items():
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [f"{ps_family}-{style}"]
        top = cff.topDictIndex[0]
        for attr, value in (("FamilyName", family), ("FullName", values[4])):
            if hasattr(top, attr):
                setattr(top, attr, value)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, out = argv[1], argv[2]
    family = argv[3] if len(argv) > 3 else "Jinmap Sans CJK SC"
    source_family = argv[4] if len(argv) > 4 else "Noto Sans CJK SC"
    font = pick_face(src, source_family)
    radicals = drop_radicals(font)
    locl = drop_latin_locl(font)
    rename(font, family)
    tmp = out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    font.save(tmp)
    os.replace(tmp, out)
    print(f"{out}: {family}, removed {radicals} radical cmap entries, {locl} Latin locl references")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
