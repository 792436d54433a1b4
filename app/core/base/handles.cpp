#include "base/handles.h"

#include <proj.h>

#include "base/gdal_library.h"

namespace jinmap {

void ProjContextDeleter::operator()(pj_ctx* ctx) const noexcept {
    proj_context_destroy(ctx);
}
void ProjDeleter::operator()(PJconsts* pj) const noexcept {
    proj_destroy(pj);
}
void GdalDatasetCloser::operator()(void* dataset) const noexcept {
    if (dataset) gdal().GDALClose(dataset);
}
void OgrSpatialReferenceDeleter::operator()(void* srs) const noexcept {
    if (srs) gdal().OSRDestroySpatialReference(srs);
}
void OgrFeatureDeleter::operator()(void* feature) const noexcept {
    if (feature) gdal().OGR_F_Destroy(feature);
}
void OgrFieldDefnDeleter::operator()(void* field) const noexcept {
    if (field) gdal().OGR_Fld_Destroy(field);
}

bool closeDataset(GdalDatasetPtr& dataset) {
    if (!dataset) return true;
    gdal().CPLErrorReset();
    gdal().GDALClose(dataset.release());
    return gdal().CPLGetLastErrorType() < CE_Failure;
}

}  // namespace jinmap
