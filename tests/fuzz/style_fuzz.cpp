// Style parser: any bytes give a style (with warnings) or one Style error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.h"
#include "style/legend.h"
#include "style/style_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto result = jinmap::parseStyleText(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
        if (!result.style) __builtin_trap();
        (void)jinmap::buildLegend(*result.style, 8.0);
    } catch (const jinmap::Error& e) {
        if (e.kind() != jinmap::ErrorKind::Style && e.kind() != jinmap::ErrorKind::Io)
            __builtin_trap();
    }
    return 0;
}
