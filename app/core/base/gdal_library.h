#pragma once
// GDAL, loaded the first time it is needed. libgdal brings ~110 shared
// libraries with it (Poppler, HDF5, NetCDF, HEIF codecs, database clients…);
// loading and relocating them took ~90 ms of every jinmap start, the
// viewer's included, though only exports, imports and publishing use GDAL.
// The C functions jinmap calls are resolved from the library by name, with
// the types GDAL's own headers declare, and called as gdal().GDALOpenEx(…).
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

// Every GDAL function jinmap calls (add one here to call it).
#define JINMAP_GDAL_FUNCTIONS(X)      \
    X(CPLErrorReset)                  \
    X(CPLGetLastErrorMsg)             \
    X(CPLGetLastErrorType)            \
    X(CPLPopErrorHandler)             \
    X(CPLPushErrorHandler)            \
    X(CPLQuietErrorHandler)           \
    X(CPLSetThreadLocalConfigOption)  \
    X(CSLDestroy)                     \
    X(CSLSetNameValue)                \
    X(GDALAllRegister)                \
    X(GDALClose)                      \
    X(GDALCreate)                     \
    X(GDALDatasetCreateLayer)         \
    X(GDALDatasetGetLayer)            \
    X(GDALDatasetGetLayerByName)      \
    X(GDALDatasetGetLayerCount)       \
    X(GDALDatasetRasterIO)            \
    X(GDALFlushCache)                 \
    X(GDALGetDriverByName)            \
    X(GDALOpenEx)                     \
    X(GDALSetGeoTransform)            \
    X(GDALSetMetadataItem)            \
    X(GDALSetSpatialRef)              \
    X(GDALVectorTranslate)            \
    X(GDALVectorTranslateOptionsFree) \
    X(GDALVectorTranslateOptionsNew)  \
    X(OGR_FD_GetFieldCount)           \
    X(OGR_FD_GetFieldDefn)            \
    X(OGR_FD_GetFieldIndex)           \
    X(OGR_F_Create)                   \
    X(OGR_F_Destroy)                  \
    X(OGR_F_GetFID)                   \
    X(OGR_F_GetFieldAsInteger)        \
    X(OGR_F_GetFieldAsString)         \
    X(OGR_F_GetGeometryRef)           \
    X(OGR_F_IsFieldSetAndNotNull)     \
    X(OGR_F_SetFID)                   \
    X(OGR_F_SetFieldDouble)           \
    X(OGR_F_SetFieldInteger64)        \
    X(OGR_F_SetFieldString)           \
    X(OGR_F_SetGeometryDirectly)      \
    X(OGR_Fld_Create)                 \
    X(OGR_Fld_Destroy)                \
    X(OGR_Fld_GetNameRef)             \
    X(OGR_G_CreateFromWkb)            \
    X(OGR_G_GetX)                     \
    X(OGR_G_GetY)                     \
    X(OGR_L_CreateFeature)            \
    X(OGR_L_CreateField)              \
    X(OGR_L_GetFeatureCount)          \
    X(OGR_L_GetLayerDefn)             \
    X(OGR_L_GetName)                  \
    X(OGR_L_GetNextFeature)           \
    X(OGR_L_ResetReading)             \
    X(OSRDestroySpatialReference)     \
    X(OSRImportFromEPSG)              \
    X(OSRNewSpatialReference)         \
    X(OSRSetAxisMappingStrategy)      \
    X(OSRSetFromUserInput)            \
    X(VSIUnlink)

namespace jinmap {

struct GdalLibrary {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` declares a member
#define JINMAP_GDAL_POINTER(name) decltype(&::name) name = nullptr;
    JINMAP_GDAL_FUNCTIONS(JINMAP_GDAL_POINTER)
#undef JINMAP_GDAL_POINTER
};

// The library, loaded by the first call (from any thread; drivers are
// registered by GDALAllRegister as before); throws Error(Io) when it or one
// of the functions is missing.
const GdalLibrary& gdal();

}  // namespace jinmap
