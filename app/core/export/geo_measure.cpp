#include "export/geo_measure.h"

#include <proj.h>

#include <cmath>
#include <sstream>

#include "base/error.h"
#include "base/handles.h"
#include "base/numbers.h"

namespace jinmap {

struct CrsTransform::Impl {
    // Members are destroyed in reverse order: the context last.
    ProjContextPtr context;
    ProjPtr toMapPj;  // lon/lat (EPSG:4326, normalised) → map CRS
    ProjPtr geodPj;   // ellipsoidal lon/lat for geodesics
    std::string name;
    PJ_CONTEXT* ctx() const { return context.get(); }
    PJ* toMap() const { return toMapPj.get(); }
    PJ* geod() const { return geodPj.get(); }
};

CrsTransform::CrsTransform(const std::string& crs) : d_(std::make_unique<Impl>()), crs_(crs) {
    d_->context.reset(proj_context_create());
    proj_log_level(d_->ctx(), PJ_LOG_NONE);
    const ProjPtr target(proj_create(d_->ctx(), crs.c_str()));
    if (!target) throw Error(ErrorKind::Projection, "unknown CRS '" + crs + "'");
    const PJ_TYPE type = proj_get_type(target.get());
    const bool isCrs = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                       type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_COMPOUND_CRS ||
                       type == PJ_TYPE_BOUND_CRS || type == PJ_TYPE_GEOGRAPHIC_CRS ||
                       type == PJ_TYPE_GEODETIC_CRS;
    if (!isCrs)
        throw Error(ErrorKind::Projection, "'" + crs + "' is not a coordinate reference system");
    geographic_ = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                  type == PJ_TYPE_GEOGRAPHIC_CRS;
    if (const char* n = proj_get_name(target.get())) d_->name = n;

    // Ellipsoid of the target CRS for geodesics (GRS80 for CGCS2000, WGS84 …).
    double a = 6378137.0, invF = 298.257223563;
    if (const ProjPtr ell{proj_get_ellipsoid(d_->ctx(), target.get())}) {
        double b = 0;
        int computed = 0;
        proj_ellipsoid_get_parameters(d_->ctx(), ell.get(), &a, &b, &computed, &invF);
    }
    const std::string def =
        "+proj=longlat +a=" + formatNumber(a, 17) +
        (invF > 0 ? " +rf=" + formatNumber(invF, 17) : " +b=" + formatNumber(a, 17));
    d_->geodPj.reset(proj_create(d_->ctx(), def.c_str()));

    const ProjPtr raw(proj_create_crs_to_crs(d_->ctx(), "EPSG:4326", crs.c_str(), nullptr));
    if (!raw)
        throw Error(ErrorKind::Projection, "no transformation from EPSG:4326 to '" + crs + "'");
    d_->toMapPj.reset(proj_normalize_for_visualization(d_->ctx(), raw.get()));
    if (!d_->toMap() || !d_->geod())
        throw Error(ErrorKind::Projection, "cannot set up the transformation to '" + crs + "'");
}

CrsTransform::~CrsTransform() = default;

std::string CrsTransform::crsName() const {
    return d_->name;
}

QPointF CrsTransform::forward(double lon, double lat) const {
    PJ_COORD c = proj_trans(d_->toMap(), PJ_FWD, proj_coord(lon, lat, 0, 0));
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y))
        throw Error(ErrorKind::Projection, "cannot project point to " + crs_);
    return {c.xy.x, c.xy.y};
}

QPointF CrsTransform::inverse(double x, double y) const {
    PJ_COORD c = proj_trans(d_->toMap(), PJ_INV, proj_coord(x, y, 0, 0));
    if (!std::isfinite(c.lp.lam) || !std::isfinite(c.lp.phi))
        throw Error(ErrorKind::Projection, "cannot unproject point from " + crs_);
    return {c.lp.lam, c.lp.phi};
}

double CrsTransform::geodesicDistance(QPointF a, QPointF b) const {
    const PJ_COORD ca = proj_coord(proj_torad(a.x()), proj_torad(a.y()), 0, 0);
    const PJ_COORD cb = proj_coord(proj_torad(b.x()), proj_torad(b.y()), 0, 0);
    return proj_lp_dist(d_->geod(), ca, cb);
}

double horizontalGroundDistance(const CrsTransform& t, QPointF center, double mapUnits) {
    const QPointF a = t.inverse(center.x() - mapUnits / 2, center.y());
    const QPointF b = t.inverse(center.x() + mapUnits / 2, center.y());
    return t.geodesicDistance(a, b);
}

double metresPerMapUnit(const CrsTransform& t, QPointF center, double halfSpan) {
    if (!(halfSpan > 0)) throw Error(ErrorKind::Projection, "empty map extent");
    return horizontalGroundDistance(t, center, 2 * halfSpan) / (2 * halfSpan);
}

double northAngleDegrees(const CrsTransform& t, QPointF center) {
    const QPointF ll = t.inverse(center.x(), center.y());
    const double dLat = ll.y() > 89 ? -0.01 : 0.01;
    const QPointF n = t.forward(ll.x(), ll.y() + dLat);
    double dx = n.x() - center.x(), dy = n.y() - center.y();
    if (dLat < 0) dx = -dx, dy = -dy;
    // Map y grows up; on the page up is -y. Clockwise from up: atan2(dx, dy).
    return std::atan2(dx, dy) * 180.0 / M_PI;
}

double roundScaleLength(double maxMetres) {
    if (!(maxMetres > 0) || !std::isfinite(maxMetres)) return 0;
    const double p = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= maxMetres * (1 + 1e-9)) return m * p;
    return p;
}

std::string formatDistance(double metres, bool chinese) {
    std::ostringstream s;
    if (metres >= 1000) {
        const double km = metres / 1000;
        if (std::fabs(km - std::round(km)) < 1e-9)
            s << static_cast<long long>(std::llround(km));
        else
            s << formatNumber(km, 6);
        s << (chinese ? " 公里" : " km");
    } else {
        s << static_cast<long long>(std::llround(metres)) << (chinese ? " 米" : " m");
    }
    return s.str();
}

}  // namespace jinmap
