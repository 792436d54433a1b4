#pragma once
// The font used for exported maps: "Jinmap Sans CJK SC", a renamed copy of
// Noto Sans CJK SC made at build time by tools/make_export_font.py so that
// PDF text extraction returns exactly the characters drawn (see DESIGN.md,
// "Text fidelity in PDF"). Falls back to the system Noto Sans CJK SC.
#include <QString>
#include <string>

namespace jinmap {

struct ExportFont {
    QString family;          // family to use in QFont
    std::string path;        // file it was loaded from (empty: system font)
    bool fixedCopy = false;  // true when the renamed, fixed copy is in use
};

// Loads the export font once (thread-safe; needs a QGuiApplication) and returns
// it. Lookup order: $JINMAP_EXPORT_FONT, <bin>/../fonts/, <bin>/fonts/, the
// build-time path (JINMAP_EXPORT_FONT_PATH).
const ExportFont& exportFont();

inline constexpr const char* kExportFontFamily = "Jinmap Sans CJK SC";

}  // namespace jinmap
