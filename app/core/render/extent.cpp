#include "render/extent.h"

#include <QString>
#include <QStringList>
#include <cmath>

#include "base/error.h"
#include "data/feature.h"
#include "data/geodatabase.h"
#include "render/projection.h"

namespace jinmap {

namespace {

bool isProvince(const std::string& t) {
    return t.empty() || t == "province" || t == "山西" || t == "山西省" || t == "shanxi" ||
           t == "Shanxi";
}

// Lon/lat extent of every county (databases without a province polygon).
Bounds countiesExtent(const GeoDatabase& db) {
    Bounds b;
    auto src = db.source("counties");
    auto it = src->features();
    Feature f;
    while (it->next(f)) b.extend(f.geometry.bounds);
    return b;
}

}  // namespace

Bounds resolveExtent(const GeoDatabase& db, const std::string& text) {
    const QString q = QString::fromStdString(text).trimmed();
    const std::string t = q.toStdString();
    if (isProvince(t)) {
        Bounds b;
        try {
            b = db.provinceBounds();
        } catch (const Error&) {
        }
        if (b.isEmpty()) b = countiesExtent(db);
        if (b.isEmpty()) throw Error(ErrorKind::NotFound, "the database has no province extent");
        return b;
    }
    const QStringList parts = q.split(QLatin1Char(','));
    if (parts.size() == 4) {
        double v[4];
        for (int i = 0; i < 4; ++i) {
            bool ok = false;
            v[i] = parts[i].trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(v[i]))
                throw Error(ErrorKind::Usage,
                            "extent '" + text + "': '" + parts[i].trimmed().toStdString() +
                                "' is not a number (expected minx,miny,maxx,maxy)");
        }
        if (v[0] >= v[2] || v[1] >= v[3])
            throw Error(ErrorKind::Usage, "extent '" + text + "': min must be below max");
        if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
            throw Error(ErrorKind::Usage,
                        "extent '" + text + "' is not lon/lat (−180..180, −90..90)");
        Bounds b;
        b.extend(v[0], v[1]);
        b.extend(v[2], v[3]);
        return b;
    }
    if (parts.size() > 1)
        throw Error(ErrorKind::Usage,
                    "extent '" + text + "': expected a place name or minx,miny,maxx,maxy");
    if (auto pref = db.resolvePrefecture(t)) {
        Bounds b = db.prefectureBounds(pref->first);
        if (!b.isEmpty()) return b;
    }
    const CountyRef county = db.resolveCounty(t);  // throws NotFound / Usage
    Bounds b = db.countyBounds(county.adcode);
    if (b.isEmpty()) throw Error(ErrorKind::NotFound, "county '" + text + "' has no geometry");
    return b;
}

Bounds fitToAspect(const Bounds& bounds, QSize size, double marginFraction) {
    Bounds b = bounds;
    if (b.isEmpty() || size.width() <= 0 || size.height() <= 0) return b;
    double w = std::max(b.width(), 1e-9) * (1 + 2 * marginFraction);
    double h = std::max(b.height(), 1e-9) * (1 + 2 * marginFraction);
    const double aspect = static_cast<double>(size.width()) / size.height();
    if (w / h < aspect)
        w = h * aspect;
    else
        h = w / aspect;
    const double cx = b.centerX(), cy = b.centerY();
    Bounds out;
    out.extend(cx - w / 2, cy - h / 2);
    out.extend(cx + w / 2, cy + h / 2);
    return out;
}

MapView makeView(const std::string& crs, const Bounds& lonLat, QSize size, double dpi,
                 double marginFraction) {
    auto projection = Projection::create(crs);
    MapView view;
    view.crs = projection->crs();
    view.sizePx = size;
    view.dpi = dpi;
    const Bounds projected = projection->forwardBounds(lonLat);
    if (projected.isEmpty())
        throw Error(ErrorKind::Projection, "the extent cannot be projected to " + view.crs);
    view.extent = fitToAspect(projected, size, marginFraction);
    return view;
}

QSize parseSize(const std::string& text) {
    const QString q = QString::fromStdString(text).trimmed().toLower();
    const QStringList parts = q.split(QLatin1Char('x'));
    bool okW = false, okH = false;
    const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
    const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
    if (!okW || !okH)
        throw Error(ErrorKind::Usage, "size '" + text + "': expected WxH, e.g. 1920x1080");
    if (w < 1 || h < 1 || w > 32000 || h > 32000)
        throw Error(ErrorKind::Usage, "size '" + text + "' is out of range (1..32000 per side)");
    return {w, h};
}

}  // namespace jinmap
