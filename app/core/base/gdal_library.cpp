#include "base/gdal_library.h"

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "base/error.h"

namespace jinmap {

namespace {

GdalLibrary load() {
    // Never closed: GDAL's drivers and caches live until the process ends.
    void* handle = dlopen(JINMAP_GDAL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        throw Error(ErrorKind::Io, std::string("cannot load GDAL: ") + dlerror(),
                    JINMAP_GDAL_SONAME);
    GdalLibrary library;
    const auto resolve = [handle](auto& function, const char* name) {
        void* symbol = dlsym(handle, name);
        if (!symbol)
            throw Error(ErrorKind::Io, std::string("GDAL has no function ") + name,
                        JINMAP_GDAL_SONAME);
        function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(symbol);
    };
#define JINMAP_GDAL_RESOLVE(name) resolve(library.name, #name);
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
