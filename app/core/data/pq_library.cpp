#include "data/pq_library.h"

#include "base/shared_library.h"

namespace jinmap {

namespace {

// libpq's soname has been libpq.so.5 since PostgreSQL 8.2.
constexpr const char* kSoname = "libpq.so.5";

PqLibrary load() {
    void* handle = openSharedLibrary(kSoname);
    PqLibrary library;
#define JINMAP_PQ_RESOLVE(name) resolveFunction(handle, kSoname, #name, library.name);
    JINMAP_PQ_FUNCTIONS(JINMAP_PQ_RESOLVE)
#undef JINMAP_PQ_RESOLVE
    return library;
}

}  // namespace

const PqLibrary& pq() {
    static const PqLibrary library = load();
    return library;
}

}  // namespace jinmap
