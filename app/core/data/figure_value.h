#pragma once
// A figure's value as planners write it: ASCII or full-width digits,
// thousands separators, 万/亿 multipliers kept in the unit (as the reference
// stores 130 with unit 亿元), markers 约/近/超/余/多 around the number.
#include <optional>
#include <string>

namespace jinmap::data {

struct FigureValue {
    std::optional<double> number;  // empty: the text has no number
    std::string unit;              // 亿元, 万吨, %, 家 …
};

// Full-width digits, point, comma, percent and minus as ASCII.
std::string asciiDigits(const std::string& text);
// `unit` is the unit column (may be empty); throws Error(Data) when the
// value's own unit disagrees with it.
FigureValue parseFigureValue(const std::string& text, const std::string& unit);
// 2023, ２０２３, 2023年 → 2023 (1949–2100), else nullopt.
std::optional<int> parseFigureYear(const std::string& text);

}  // namespace jinmap::data
