#include "base/handles.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <proj.h>

namespace jinmap {

void ProjContextDeleter::operator()(pj_ctx* ctx) const noexcept {
    proj_context_destroy(ctx);
}
void ProjDeleter::operator()(PJconsts* pj) const noexcept {
    proj_destroy(pj);
}
void GdalDatasetCloser::operator()(void* dataset) const noexcept {
    if (dataset) GDALClose(dataset);
}
void OgrSpatialReferenceDeleter::operator()(void* srs) const noexcept {
    if (srs) OSRDestroySpatialReference(srs);
}
void OgrFeatureDeleter::operator()(void* feature) const noexcept {
    if (feature) OGR_F_Destroy(feature);
}
void OgrFieldDefnDeleter::operator()(void* field) const noexcept {
    if (field) OGR_Fld_Destroy(field);
}

bool closeDataset(GdalDatasetPtr& dataset) {
    if (!dataset) return true;
    CPLErrorReset();
    GDALClose(dataset.release());
    return CPLGetLastErrorType() < CE_Failure;
}

}  // namespace jinmap
