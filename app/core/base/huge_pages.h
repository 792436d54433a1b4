#pragma once
// Large buffers in transparent huge pages. On the virtual machines jinmap is
// measured on, the first touch of each 4 KB page costs tens of microseconds —
// a 1920×1080 frame or a level of China's county rings (several MB) spent
// more time faulting its pages in than being drawn or assembled. Buffers of
// at least kHugePageThreshold bytes are aligned and sized to 2 MB pages and
// marked MADV_HUGEPAGE (honoured where the system's THP mode is "madvise" or
// "always"; elsewhere they are ordinary memory): at most half of such a
// buffer is rounding. Smaller ones come from malloc.
#include <cstddef>
#include <memory>
#include <new>

namespace jinmap {

constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
constexpr std::size_t kHugePageThreshold = kHugePageBytes / 2;

// Uninitialised memory of `bytes`, or nullptr; release with releaseLarge.
void* allocateLarge(std::size_t bytes) noexcept;
// The same, in huge pages from 64 KB up: for short-lived buffers (read,
// used, released), where rounding up to 2 MB holds no memory for long and
// one fault replaces one per 4 KB (a 1 MB buffer: 0.2 ms instead of ~3 ms).
void* allocateTransient(std::size_t bytes) noexcept;
void releaseLarge(void* p) noexcept;

struct LargeReleaser {
    void operator()(void* p) const noexcept { releaseLarge(p); }
};
// An allocateLarge or allocateTransient buffer that releases itself.
using LargeBuffer = std::unique_ptr<unsigned char[], LargeReleaser>;

// A std::allocator that puts large arrays in huge pages.
template <typename T>
struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() noexcept = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>&) noexcept {
    }  // NOLINT(google-explicit-constructor)
    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
        void* p = allocateLarge(n * sizeof(T));
        if (!p) throw std::bad_alloc();
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t) noexcept { releaseLarge(p); }
    template <typename U>
    bool operator==(const HugePageAllocator<U>&) const noexcept {
        return true;
    }
    template <typename U>
    bool operator!=(const HugePageAllocator<U>&) const noexcept {
        return false;
    }
};

}  // namespace jinmap
