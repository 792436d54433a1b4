#pragma once
// RAII for the GEOS C API (reentrant _r functions). One GeosContext per thread.
#include <memory>
#include <string>
#include <vector>

typedef struct GEOSContextHandle_HS* GEOSContextHandle_t;
typedef struct GEOSGeom_t GEOSGeometry;

namespace jinmap {

class GeosContext;

struct GeosGeometryDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept;
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

class GeosContext {
  public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return ctx_; }
    GeosGeometryPtr wrap(GEOSGeometry* g) const;  // throws Geometry error on null

    GeosGeometryPtr fromWkb(const unsigned char* data, std::size_t size) const;
    std::vector<unsigned char> toWkb(const GEOSGeometry* g) const;
    std::string toWkt(const GEOSGeometry* g, int precision = 6) const;

    bool isValid(const GEOSGeometry* g) const;
    std::string validityReason(const GEOSGeometry* g) const;
    GeosGeometryPtr makeValid(const GEOSGeometry* g) const;
    // Keeps only the polygonal parts (MakeValid can yield lines) as a MultiPolygon.
    GeosGeometryPtr polygonalPart(const GEOSGeometry* g) const;
    GeosGeometryPtr unionAll(const std::vector<const GEOSGeometry*>& parts) const;
    GeosGeometryPtr pointOnSurface(const GEOSGeometry* g) const;
    GeosGeometryPtr point(double x, double y) const;
    GeosGeometryPtr simplify(const GEOSGeometry* g, double tolerance) const;
    bool contains(const GEOSGeometry* outer, const GEOSGeometry* inner) const;
    bool isEmpty(const GEOSGeometry* g) const;
    double area(const GEOSGeometry* g) const;
    int numPoints(const GEOSGeometry* g) const;
    void pointXY(const GEOSGeometry* point, double* x, double* y) const;
    GeosGeometryPtr clone(const GEOSGeometry* g) const;
    GeosGeometryPtr buffer(const GEOSGeometry* g, double width, int quadSegs = 8) const;
    GeosGeometryPtr lineString(const std::vector<std::pair<double, double>>& pts) const;
    GeosGeometryPtr intersection(const GEOSGeometry* a, const GEOSGeometry* b) const;

    const std::string& lastMessage() const { return message_; }

  private:
    GEOSContextHandle_t ctx_;
    std::string message_;
};

}  // namespace jinmap
