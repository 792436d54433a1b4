#include "base/gdal_library.h"

#include "base/shared_library.h"

namespace jinmap {

namespace {

GdalLibrary load() {
    void* handle = openSharedLibrary(JINMAP_GDAL_SONAME);
    GdalLibrary library;
#define JINMAP_GDAL_RESOLVE(name) resolveFunction(handle, JINMAP_GDAL_SONAME, #name, library.name);
    JINMAP_GDAL_FUNCTIONS(JINMAP_GDAL_RESOLVE)
#undef JINMAP_GDAL_RESOLVE
    return library;
}

}  // namespace

const GdalLibrary& gdal() {
    static const GdalLibrary library = load();
    return library;
}

}  // namespace jinmap
