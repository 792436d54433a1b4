#include "render/projection.h"

#include <proj.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "base/error.h"

namespace jinmap {

namespace {
constexpr double kEarthRadius = 6378137.0;
constexpr double kDegToRad = M_PI / 180.0;
constexpr double kMaxLat = 85.0511287798066;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double haversineMetres(double lon1, double lat1, double lon2, double lat2) {
    const double p1 = lat1 * kDegToRad, p2 = lat2 * kDegToRad;
    const double dp = p2 - p1, dl = (lon2 - lon1) * kDegToRad;
    const double a = std::sin(dp / 2) * std::sin(dp / 2) +
                     std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(a)));
}
}  // namespace

void lonLatToWebMercator(double& x, double& y) {
    const double lat = std::clamp(y, -kMaxLat, kMaxLat);
    x = x * kDegToRad * kEarthRadius;
    y = std::log(std::tan(M_PI / 4 + lat * kDegToRad / 2)) * kEarthRadius;
}

void webMercatorToLonLat(double& x, double& y) {
    x = x / kEarthRadius / kDegToRad;
    y = (2 * std::atan(std::exp(y / kEarthRadius)) - M_PI / 2) / kDegToRad;
}

std::string normalizeCrs(const std::string& crs) {
    std::string s = crs;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "EPSG:" + s;
    if (s.size() > 5) {
        std::string head = s.substr(0, 5);
        std::transform(head.begin(), head.end(), head.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (head == "EPSG:") return "EPSG:" + s.substr(5);
    }
    return s;
}

std::unique_ptr<Projection> Projection::tryCreate(const std::string& targetCrs,
                                                  std::string* error) {
    try {
        return create(targetCrs);
    } catch (const Error& e) {
        if (error) *error = e.what();
        return nullptr;
    }
}

std::unique_ptr<Projection> Projection::create(const std::string& targetCrs) {
    std::unique_ptr<Projection> p(new Projection());
    p->crs_ = normalizeCrs(targetCrs);
    if (p->crs_.empty()) throw Error(ErrorKind::Projection, "empty CRS");
    if (p->crs_ == "EPSG:4326" || p->crs_ == "EPSG:4490") {
        p->kind_ = Kind::Identity;
        p->geographic_ = true;
        return p;
    }
    if (p->crs_ == "EPSG:3857" || p->crs_ == "EPSG:900913") {
        p->kind_ = Kind::WebMercator;
        return p;
    }
    p->ctx_.reset(proj_context_create());
    if (!p->ctx_) throw Error(ErrorKind::Projection, "cannot create a PROJ context");
    proj_log_level(p->ctx_.get(), PJ_LOG_NONE);
    PJ* raw = proj_create_crs_to_crs(p->ctx_.get(), "EPSG:4326", p->crs_.c_str(), nullptr);
    if (!raw) {
        const int code = proj_context_errno(p->ctx_.get());
        throw Error(ErrorKind::Projection,
                    "unknown or unusable CRS '" + targetCrs + "'" +
                        (code ? std::string(": ") + proj_context_errno_string(p->ctx_.get(), code)
                              : std::string()));
    }
    ProjPtr pj(raw);
    p->pj_.reset(proj_normalize_for_visualization(p->ctx_.get(), pj.get()));
    if (!p->pj_)
        throw Error(ErrorKind::Projection,
                    "cannot normalise the axis order of '" + targetCrs + "'");
    // Geographic target? (units are degrees then)
    if (PJ* crs = proj_create(p->ctx_.get(), p->crs_.c_str())) {
        ProjPtr holder(crs);
        const PJ_TYPE t = proj_get_type(crs);
        p->geographic_ = t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                         t == PJ_TYPE_GEOGRAPHIC_CRS;
    }
    // Probe: a CRS that cannot take a point of Shanxi is not usable.
    double x = 112.5, y = 37.5;
    if (!p->forward(x, y))
        throw Error(ErrorKind::Projection,
                    "CRS '" + targetCrs + "' cannot project lon/lat 112.5,37.5");
    return p;
}

Projection::~Projection() {
    pj_.reset();  // before the context
    ctx_.reset();
}

// Both directions: closed forms for the common CRSs, PROJ otherwise; points
// PROJ cannot transform become NaN and are counted.
std::size_t Projection::transform(double* xy, std::size_t count, bool forwardDirection) const {
    switch (kind_) {
        case Kind::Identity:
            return 0;
        case Kind::WebMercator:
            for (std::size_t i = 0; i < count; ++i) {
                if (forwardDirection)
                    lonLatToWebMercator(xy[2 * i], xy[2 * i + 1]);
                else
                    webMercatorToLonLat(xy[2 * i], xy[2 * i + 1]);
            }
            return 0;
        case Kind::Proj: {
            proj_errno_reset(pj_.get());
            proj_trans_generic(pj_.get(), forwardDirection ? PJ_FWD : PJ_INV, xy,
                               2 * sizeof(double), count, xy + 1, 2 * sizeof(double), count,
                               nullptr, 0, 0, nullptr, 0, 0);
            std::size_t failed = 0;
            for (std::size_t i = 0; i < count; ++i) {
                double& x = xy[2 * i];
                double& y = xy[2 * i + 1];
                if (!std::isfinite(x) || !std::isfinite(y) || x == HUGE_VAL || y == HUGE_VAL) {
                    x = y = kNaN;
                    ++failed;
                }
            }
            return failed;
        }
    }
    return 0;
}

std::size_t Projection::forward(double* xy, std::size_t count) const {
    return transform(xy, count, true);
}

bool Projection::forward(double& x, double& y) const {
    double xy[2] = {x, y};
    const bool ok = forward(xy, 1) == 0;
    x = xy[0];
    y = xy[1];
    return ok;
}

std::size_t Projection::inverse(double* xy, std::size_t count) const {
    return transform(xy, count, false);
}

bool Projection::inverse(double& x, double& y) const {
    double xy[2] = {x, y};
    const bool ok = inverse(xy, 1) == 0;
    x = xy[0];
    y = xy[1];
    return ok;
}

namespace {
template <typename F>
Bounds densifiedBounds(const Bounds& in, F&& transform) {
    Bounds out;
    if (in.isEmpty()) return out;
    constexpr int kSteps = 20;
    std::vector<double> xy;
    xy.reserve(std::size_t{8} * (kSteps + 1));
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        const double x = in.minX + t * in.width();
        const double y = in.minY + t * in.height();
        xy.insert(xy.end(), {x, in.minY, x, in.maxY, in.minX, y, in.maxX, y});
    }
    transform(xy.data(), xy.size() / 2);
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2)
        if (std::isfinite(xy[i]) && std::isfinite(xy[i + 1])) out.extend(xy[i], xy[i + 1]);
    return out;
}
}  // namespace

Bounds Projection::forwardBounds(const Bounds& lonLat) const {
    return densifiedBounds(lonLat, [this](double* p, std::size_t n) { forward(p, n); });
}

Bounds Projection::inverseBounds(const Bounds& map) const {
    return densifiedBounds(map, [this](double* p, std::size_t n) { inverse(p, n); });
}

double Projection::metresPerUnit(double x, double y) const {
    if (kind_ == Kind::WebMercator) {
        double lon = x, lat = y;
        webMercatorToLonLat(lon, lat);
        return std::cos(lat * kDegToRad);
    }
    if (kind_ == Kind::Identity) return kEarthRadius * kDegToRad * std::cos(y * kDegToRad);
    const double step = geographic_ ? 1e-3 : 100.0;
    double a[4] = {x - step / 2, y, x + step / 2, y};
    if (inverse(a, 2) != 0) return geographic_ ? kEarthRadius * kDegToRad : 1.0;
    return haversineMetres(a[0], a[1], a[2], a[3]) / step;
}

}  // namespace jinmap
