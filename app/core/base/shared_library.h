#pragma once
// Shared libraries opened by soname when first needed and kept open for the
// process's life: GDAL (base/gdal_library.h) and libpq (data/pq_library.h),
// whose long dependency chains would otherwise be loaded and relocated at
// every start, though most runs never use them.
namespace jinmap {

// Throws Error(Io) naming `soname` when it cannot be loaded.
void* openSharedLibrary(const char* soname);
// The address of `name` in `library`; throws Error(Io) when it is missing.
void* sharedLibrarySymbol(void* library, const char* soname, const char* name);

template <typename Function>
void resolveFunction(void* library, const char* soname, const char* name, Function& function) {
    function = reinterpret_cast<Function>(sharedLibrarySymbol(library, soname, name));
}

}  // namespace jinmap
