#pragma once
// unique_ptr deleters for the C handles of PROJ, GDAL and OGR, in one place:
// every path that creates such a handle owns it through one of these, so no
// early return or throw can leak it and nothing destroys one by hand.
// (SQLite, SpatiaLite and GEOS handles: base/sqlite.h, base/geos.h.)
#include <memory>

struct pj_ctx;    // PJ_CONTEXT
struct PJconsts;  // PJ

namespace jinmap {

struct ProjContextDeleter {
    void operator()(pj_ctx* ctx) const noexcept;  // proj_context_destroy
};
struct ProjDeleter {
    void operator()(PJconsts* pj) const noexcept;  // proj_destroy
};
using ProjContextPtr = std::unique_ptr<pj_ctx, ProjContextDeleter>;
using ProjPtr = std::unique_ptr<PJconsts, ProjDeleter>;

// GDAL's and OGR's C handles are void pointers; each kind has its own deleter.
struct GdalDatasetCloser {
    void operator()(void* dataset) const noexcept;  // GDALClose
};
struct OgrSpatialReferenceDeleter {
    void operator()(void* srs) const noexcept;  // OSRDestroySpatialReference
};
struct OgrFeatureDeleter {
    void operator()(void* feature) const noexcept;  // OGR_F_Destroy
};
struct OgrFieldDefnDeleter {
    void operator()(void* field) const noexcept;  // OGR_Fld_Destroy
};
using GdalDatasetPtr = std::unique_ptr<void, GdalDatasetCloser>;
using OgrSpatialReferencePtr = std::unique_ptr<void, OgrSpatialReferenceDeleter>;
using OgrFeaturePtr = std::unique_ptr<void, OgrFeatureDeleter>;
using OgrFieldDefnPtr = std::unique_ptr<void, OgrFieldDefnDeleter>;

// Closes a dataset now (GDAL writes on close) and reports whether GDAL
// raised an error while closing; `dataset` is empty afterwards.
bool closeDataset(GdalDatasetPtr& dataset);

}  // namespace jinmap
