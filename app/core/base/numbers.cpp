#include "base/numbers.h"

#include <charconv>
#include <cmath>

namespace jinmap {

std::string formatNumber(double value, int significant) {
    char buf[64];
    const auto res =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, significant);
    return std::string(buf, res.ptr);
}

std::string formatFixed(double value, int decimals) {
    char buf[400];  // enough for any double in fixed notation with decimals <= 17
    const auto res =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    if (res.ec != std::errc()) return formatNumber(value);
    return std::string(buf, res.ptr);
}

std::optional<double> parseNumber(std::string_view text) {
    if (text.empty()) return std::nullopt;
    // from_chars takes no leading '+'; accept it as strtod did.
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), value);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<long long> parseInteger(std::string_view text) {
    if (text.empty()) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    long long value = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), value);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace jinmap
