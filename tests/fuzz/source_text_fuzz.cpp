// Source-text normalisation and the UTF-8 helpers used on quotes and names.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string norm = jinmap::normaliseSourceText(text);
    if (norm.find('\n') != std::string::npos || norm.size() > text.size()) __builtin_trap();
    (void)jinmap::isValidUtf8(text);
    (void)jinmap::codePointCount(text);
    if (size > 4) {
        const std::string needle = text.substr(size / 2, 3);
        auto offset = jinmap::findCodePointOffset(text, needle);
        if (offset && *offset > jinmap::codePointCount(text)) __builtin_trap();
    }
    if (size < 64 && jinmap::isValidUtf8(text)) (void)jinmap::editDistance(text, "太谷区");
    return 0;
}
