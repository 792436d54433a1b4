#pragma once
// Paper, orientation, resolution and margins of an export page. All layout
// is done in millimetres; pixels follow from the DPI.
#include <QSize>
#include <QSizeF>
#include <string>

namespace jinmap {

enum class Orientation { Portrait, Landscape };

struct PageSetup {
    std::string paper = "A3";  // A4, A3, A2, or "custom"
    QSizeF paperMm{297, 420};  // portrait width × height of the paper
    Orientation orientation = Orientation::Landscape;
    int dpi = 300;
    double marginMm = 10;

    // Page size in millimetres with the orientation applied.
    QSizeF sizeMm() const;
    // Page size in device pixels at `dpi` (rounded to whole pixels).
    QSize sizePx() const;
    double pxPerMm() const { return dpi / 25.4; }

    // Limits enforced by validate().
    static constexpr int kMinDpi = 72;
    static constexpr int kMaxDpi = 600;
    static constexpr double kMinMm = 50;
    static constexpr double kMaxMm = 2000;
    // Throws Error(Usage) when the DPI, size or margins are out of range.
    void validate() const;
};

// "A4", "a3", "A2", "420x297" or "420x297mm" (custom millimetres, width × height
// as printed; the orientation then follows from the numbers unless given).
// Throws Error(Usage).
PageSetup parsePaper(const std::string& text);
Orientation parseOrientation(const std::string& text);
std::string describe(const PageSetup& page);  // "A3 landscape 420×297 mm, 300 dpi"

}  // namespace jinmap
