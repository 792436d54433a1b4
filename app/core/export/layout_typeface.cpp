#include "export/layout_typeface.h"

#include <QChar>
#include <algorithm>
#include <cmath>
#include <set>

#include "base/error.h"

namespace jinmap {

namespace {

QFont baseFont(const QString& family) {
    QFont f(family);
    // NoFontMerging: a character the font lacks is never borrowed from another
    // installed font (whose metrics would change the layout from one machine
    // to the next); missingCharacters() reports it instead.
    f.setStyleStrategy(QFont::StyleStrategy(QFont::PreferAntialias | QFont::NoFontMerging));
    f.setKerning(true);
    return f;
}

}  // namespace

std::optional<LayoutTypeface> LayoutTypeface::tryResolve(const QString& family, std::string* why) {
    QFont probe = baseFont(family);
    probe.setPixelSize(64);
    QRawFont raw = QRawFont::fromFont(probe);
    // Qt resolves an unknown family to the closest installed one; only an
    // exact family match is the font the layout was designed with.
    if (family.isEmpty() || !raw.isValid() ||
        raw.familyName().compare(family, Qt::CaseInsensitive) != 0) {
        if (why)
            *why = "font family '" + family.toStdString() + "' is not installed" +
                   (raw.isValid()
                        ? " (the system would substitute '" + raw.familyName().toStdString() + "')"
                        : std::string());
        return std::nullopt;
    }
    return LayoutTypeface(family, raw);
}

LayoutTypeface LayoutTypeface::resolve(const QString& family) {
    std::string why;
    if (auto t = tryResolve(family, &why)) return std::move(*t);
    throw Error(ErrorKind::Export, why, "export font");
}

QFont LayoutTypeface::font(double points, double pxPerMm, bool bold) const {
    QFont f = baseFont(family_);
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(points * 25.4 / 72.0 * pxPerMm))));
    f.setBold(bold);
    return f;
}

bool LayoutTypeface::supports(char32_t c) const {
    return raw_.supportsCharacter(static_cast<uint>(c));
}

std::vector<char32_t> LayoutTypeface::missingCharacters(const QStringList& texts) const {
    std::vector<char32_t> out;
    std::set<char32_t> seen;
    for (const QString& text : texts) {
        for (const uint c : text.toUcs4()) {
            if (c < 0x20 || QChar::isSpace(c) || QChar::category(c) == QChar::Other_Format)
                continue;
            if (!supports(c) && seen.insert(c).second) out.push_back(c);
        }
    }
    return out;
}

}  // namespace jinmap
