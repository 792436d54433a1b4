#include "export/page_setup.h"

#include <QString>
#include <QStringList>
#include <cmath>
#include <sstream>

#include "base/error.h"
#include "base/numbers.h"

namespace jinmap {

QSizeF PageSetup::sizeMm() const {
    const double a = std::min(paperMm.width(), paperMm.height());
    const double b = std::max(paperMm.width(), paperMm.height());
    return orientation == Orientation::Landscape ? QSizeF(b, a) : QSizeF(a, b);
}

QSize PageSetup::sizePx() const {
    const QSizeF mm = sizeMm();
    return QSize(static_cast<int>(std::lround(mm.width() * pxPerMm())),
                 static_cast<int>(std::lround(mm.height() * pxPerMm())));
}

void PageSetup::validate() const {
    if (dpi < kMinDpi || dpi > kMaxDpi)
        throw Error(ErrorKind::Usage, "DPI must be between " + std::to_string(kMinDpi) + " and " +
                                          std::to_string(kMaxDpi) + ", got " + std::to_string(dpi));
    const QSizeF mm = sizeMm();
    if (!(mm.width() >= kMinMm && mm.height() >= kMinMm && mm.width() <= kMaxMm &&
          mm.height() <= kMaxMm))
        throw Error(ErrorKind::Usage, "paper size must be between 50 and 2000 mm per side");
    if (!(marginMm >= 0) || marginMm * 2 > std::min(mm.width(), mm.height()) / 2)
        throw Error(ErrorKind::Usage,
                    "margin must be at least 0 and at most a quarter of the "
                    "shorter side");
}

PageSetup parsePaper(const std::string& text) {
    PageSetup page;
    const QString t = QString::fromStdString(text).trimmed().toUpper();
    if (t == "A4") {
        page.paper = "A4";
        page.paperMm = {210, 297};
        return page;
    }
    if (t == "A3") {
        page.paper = "A3";
        page.paperMm = {297, 420};
        return page;
    }
    if (t == "A2") {
        page.paper = "A2";
        page.paperMm = {420, 594};
        return page;
    }
    QString custom = t;
    if (custom.endsWith("MM")) custom.chop(2);
    custom.replace(QChar(0x00D7), 'X');  // ×
    const QStringList parts = custom.split('X');
    bool okW = false, okH = false;
    const double w = parts.size() == 2 ? parts[0].trimmed().toDouble(&okW) : 0;
    const double h = parts.size() == 2 ? parts[1].trimmed().toDouble(&okH) : 0;
    if (!okW || !okH || !std::isfinite(w) || !std::isfinite(h))
        throw Error(ErrorKind::Usage,
                    "unknown paper '" + text + "' (A4, A3, A2 or WIDTHxHEIGHT in millimetres)");
    page.paper = "custom";
    page.paperMm = {w, h};
    page.orientation = w > h ? Orientation::Landscape : Orientation::Portrait;
    return page;
}

Orientation parseOrientation(const std::string& text) {
    const QString t = QString::fromStdString(text).trimmed().toLower();
    if (t == "landscape" || t == "横向") return Orientation::Landscape;
    if (t == "portrait" || t == "纵向") return Orientation::Portrait;
    throw Error(ErrorKind::Usage, "orientation must be portrait or landscape, got '" + text + "'");
}

std::string describe(const PageSetup& page) {
    const QSizeF mm = page.sizeMm();
    std::ostringstream s;
    s << page.paper << ' '
      << (page.orientation == Orientation::Landscape ? "landscape" : "portrait") << ' '
      << formatNumber(mm.width(), 6) << "×" << formatNumber(mm.height(), 6) << " mm, " << page.dpi
      << " dpi";
    return s.str();
}

}  // namespace jinmap
