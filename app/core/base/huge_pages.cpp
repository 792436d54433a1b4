#include "base/huge_pages.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

#include <cstdlib>

namespace jinmap {

namespace {

void* allocate(std::size_t bytes, std::size_t hugeFrom) noexcept {
#ifdef __linux__
    if (bytes >= hugeFrom) {
        const std::size_t rounded = (bytes + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
        void* p = nullptr;
        if (posix_memalign(&p, kHugePageBytes, rounded) != 0) return nullptr;
        madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without THP, ordinary pages
        return p;
    }
#endif
    return std::malloc(bytes == 0 ? 1 : bytes);
}

}  // namespace

void* allocateLarge(std::size_t bytes) noexcept {
    return allocate(bytes, kHugePageThreshold);
}

void* allocateTransient(std::size_t bytes) noexcept {
    return allocate(bytes, std::size_t{64} << 10);
}

void releaseLarge(void* p) noexcept {
    std::free(p);
}

}  // namespace jinmap
