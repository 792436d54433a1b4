#include "base/geos.h"

#include <geos_c.h>

#include "base/error.h"

namespace jinmap {

void GeosGeometryDeleter::operator()(GEOSGeometry* g) const noexcept {
    if (g) GEOSGeom_destroy_r(ctx, g);
}

namespace {
void geosMessage(const char* fmt, void* userdata) {
    // GEOS passes a finished message (no varargs in the _r message handler).
    auto* out = static_cast<std::string*>(userdata);
    *out = fmt ? fmt : "";
}
}  // namespace

GeosContext::GeosContext() : ctx_(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(ctx_, geosMessage, &message_);
}

GeosContext::~GeosContext() {
    GEOS_finish_r(ctx_);
}

GeosGeometryPtr GeosContext::wrap(GEOSGeometry* g) const {
    if (!g) throw Error(ErrorKind::Geometry, "GEOS operation failed: " + message_);
    return GeosGeometryPtr(g, GeosGeometryDeleter{ctx_});
}

GeosGeometryPtr GeosContext::fromWkb(const unsigned char* data, std::size_t size) const {
    GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx_);
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx_, reader, data, size);
    GEOSWKBReader_destroy_r(ctx_, reader);
    return wrap(g);
}

std::vector<unsigned char> GeosContext::toWkb(const GEOSGeometry* g) const {
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx_);
    GEOSWKBWriter_setByteOrder_r(ctx_, writer, GEOS_WKB_NDR);
    std::size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(ctx_, writer, g, &size);
    GEOSWKBWriter_destroy_r(ctx_, writer);
    if (!buf) throw Error(ErrorKind::Geometry, "cannot write WKB: " + message_);
    std::vector<unsigned char> out(buf, buf + size);
    GEOSFree_r(ctx_, buf);
    return out;
}

std::string GeosContext::toWkt(const GEOSGeometry* g, int precision) const {
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(ctx_);
    GEOSWKTWriter_setRoundingPrecision_r(ctx_, writer, precision);
    char* text = GEOSWKTWriter_write_r(ctx_, writer, g);
    GEOSWKTWriter_destroy_r(ctx_, writer);
    std::string out = text ? text : "";
    GEOSFree_r(ctx_, text);
    return out;
}

bool GeosContext::isValid(const GEOSGeometry* g) const {
    return GEOSisValid_r(ctx_, g) == 1;
}

std::string GeosContext::validityReason(const GEOSGeometry* g) const {
    char* reason = GEOSisValidReason_r(ctx_, g);
    std::string out = reason ? reason : "";
    GEOSFree_r(ctx_, reason);
    return out;
}

GeosGeometryPtr GeosContext::makeValid(const GEOSGeometry* g) const {
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx_);
    GEOSMakeValidParams_setMethod_r(ctx_, params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(ctx_, params, 0);
    GEOSGeometry* out = GEOSMakeValidWithParams_r(ctx_, g, params);
    GEOSMakeValidParams_destroy_r(ctx_, params);
    return wrap(out);
}

GeosGeometryPtr GeosContext::polygonalPart(const GEOSGeometry* g) const {
    std::vector<GEOSGeometry*> polys;
    auto collect = [&](const GEOSGeometry* part, auto&& self) -> void {
        const int type = GEOSGeomTypeId_r(ctx_, part);
        if (type == GEOS_POLYGON) {
            if (!GEOSisEmpty_r(ctx_, part)) polys.push_back(GEOSGeom_clone_r(ctx_, part));
        } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
            const int n = GEOSGetNumGeometries_r(ctx_, part);
            for (int i = 0; i < n; ++i) self(GEOSGetGeometryN_r(ctx_, part, i), self);
        }
    };
    collect(g, collect);
    return wrap(GEOSGeom_createCollection_r(ctx_, GEOS_MULTIPOLYGON, polys.data(),
                                            static_cast<unsigned>(polys.size())));
}

GeosGeometryPtr GeosContext::unionAll(const std::vector<const GEOSGeometry*>& parts) const {
    std::vector<GEOSGeometry*> clones;
    clones.reserve(parts.size());
    for (const auto* p : parts) clones.push_back(GEOSGeom_clone_r(ctx_, p));
    auto collection = wrap(GEOSGeom_createCollection_r(ctx_, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                       static_cast<unsigned>(clones.size())));
    return wrap(GEOSUnaryUnion_r(ctx_, collection.get()));
}

GeosGeometryPtr GeosContext::pointOnSurface(const GEOSGeometry* g) const {
    return wrap(GEOSPointOnSurface_r(ctx_, g));
}

GeosGeometryPtr GeosContext::point(double x, double y) const {
    return wrap(GEOSGeom_createPointFromXY_r(ctx_, x, y));
}

GeosGeometryPtr GeosContext::simplify(const GEOSGeometry* g, double tolerance) const {
    return wrap(GEOSTopologyPreserveSimplify_r(ctx_, g, tolerance));
}

bool GeosContext::contains(const GEOSGeometry* outer, const GEOSGeometry* inner) const {
    return GEOSContains_r(ctx_, outer, inner) == 1;
}

bool GeosContext::isEmpty(const GEOSGeometry* g) const {
    return GEOSisEmpty_r(ctx_, g) == 1;
}

double GeosContext::area(const GEOSGeometry* g) const {
    double a = 0;
    GEOSArea_r(ctx_, g, &a);
    return a;
}

int GeosContext::numPoints(const GEOSGeometry* g) const {
    return GEOSGetNumCoordinates_r(ctx_, g);
}

void GeosContext::pointXY(const GEOSGeometry* point, double* x, double* y) const {
    GEOSGeomGetX_r(ctx_, point, x);
    GEOSGeomGetY_r(ctx_, point, y);
}

GeosGeometryPtr GeosContext::clone(const GEOSGeometry* g) const {
    return wrap(GEOSGeom_clone_r(ctx_, g));
}

GeosGeometryPtr GeosContext::buffer(const GEOSGeometry* g, double width, int quadSegs) const {
    return wrap(GEOSBuffer_r(ctx_, g, width, quadSegs));
}

GeosGeometryPtr GeosContext::lineString(const std::vector<std::pair<double, double>>& pts) const {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_, static_cast<unsigned>(pts.size()), 2);
    for (unsigned i = 0; i < pts.size(); ++i)
        GEOSCoordSeq_setXY_r(ctx_, seq, i, pts[i].first, pts[i].second);
    return wrap(GEOSGeom_createLineString_r(ctx_, seq));
}

GeosGeometryPtr GeosContext::intersection(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return wrap(GEOSIntersection_r(ctx_, a, b));
}

}  // namespace jinmap
