#pragma once
// The one typeface a print layout measures and draws its text with. Resolved
// strictly: the family must exist exactly as named (Qt would otherwise draw
// the nearest match, which depends on the fonts the machine has), and fonts
// made from it never merge in glyphs of other fonts, so a page lays out and
// looks the same whatever else is installed. Characters the typeface lacks
// are reported by missingCharacters() and drawn as the font's own "missing"
// glyph, never silently from another font.
#include <QFont>
#include <QRawFont>
#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

namespace jinmap {

class LayoutTypeface {
  public:
    // Throws Error(Export) naming the family when no installed or application
    // font has exactly this family name.
    static LayoutTypeface resolve(const QString& family);
    // Non-throwing variant: nullopt (and `why`) when the family is missing.
    static std::optional<LayoutTypeface> tryResolve(const QString& family,
                                                    std::string* why = nullptr);

    const QString& family() const { return family_; }
    // `points` at `pxPerMm` device pixels per millimetre (independent of the
    // paint device's logical DPI), with font merging off.
    QFont font(double points, double pxPerMm, bool bold = false) const;
    bool supports(char32_t c) const;
    // Characters of `texts` without a glyph here, each once in first-seen
    // order (spaces and control characters are not drawn and not reported).
    std::vector<char32_t> missingCharacters(const QStringList& texts) const;

  private:
    // QRawFont is implicitly shared (no move constructor in Qt 5).
    LayoutTypeface(QString family, const QRawFont& raw) : family_(std::move(family)), raw_(raw) {}
    QString family_;
    QRawFont raw_;  // the resolved font file, for coverage queries
};

}  // namespace jinmap
