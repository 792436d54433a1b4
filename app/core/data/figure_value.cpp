#include "data/figure_value.h"

#include <array>

#include "base/error.h"
#include "base/numbers.h"

namespace jinmap::data {

std::string asciiDigits(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        // U+FF01–FF5E are EF BC 81–EF BD 9E: ASCII 0x21–0x7E shifted.
        if (b0 == 0xEF && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            int cp = -1;
            if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) cp = 0xFF00 + (b2 - 0x80);
            if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) cp = 0xFF40 + (b2 - 0x80);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                const char ascii = static_cast<char>(cp - 0xFF01 + 0x21);
                if ((ascii >= '0' && ascii <= '9') || ascii == '.' || ascii == ',' ||
                    ascii == '%' || ascii == '-') {
                    out += ascii;
                    i += 2;
                    continue;
                }
            }
        }
        out += text[i];
    }
    return out;
}

namespace {

std::string stripMarkers(std::string s) {
    static const std::array<const char*, 10> markers = {"余", "多", "以上", "左右", "+",
                                                        "约", "近", "超",   "逾",   " "};
    bool changed = true;
    while (changed) {
        changed = false;
        for (const char* m : markers) {
            const std::string mk = m;
            if (s.rfind(mk, 0) == 0) {
                s.erase(0, mk.size());
                changed = true;
            }
            if (s.size() >= mk.size() && s.compare(s.size() - mk.size(), mk.size(), mk) == 0) {
                s.erase(s.size() - mk.size());
                changed = true;
            }
        }
    }
    return s;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

FigureValue parseFigureValue(const std::string& text, const std::string& unitField) {
    const std::string s = asciiDigits(text);
    FigureValue out;
    std::size_t start = s.find_first_of("0123456789");
    if (start == std::string::npos) return out;
    if (start > 0 && s[start - 1] == '-') --start;
    std::size_t end = start + (s[start] == '-' ? 1 : 0);
    std::string digits = s[start] == '-' ? "-" : "";
    while (end < s.size()) {
        const char c = s[end];
        if ((c >= '0' && c <= '9') || c == '.') {
            digits += c;
        } else if (c == ',' && end + 1 < s.size() && s[end + 1] >= '0' && s[end + 1] <= '9') {
            // thousands separator: dropped
        } else {
            break;
        }
        ++end;
    }
    out.number = parseNumber(digits);
    if (!out.number) return out;
    const std::string rest = stripMarkers(s.substr(end));
    const std::string unit = stripMarkers(unitField);
    static const std::array<const char*, 7> multipliers = {"万",   "亿",   "千",  "百",
                                                           "十万", "百万", "千万"};
    if (unit.empty() || (!rest.empty() && endsWith(rest, unit))) {
        out.unit = rest;
    } else if (rest.empty()) {
        out.unit = unit;
    } else {
        bool multiplier = false;
        for (const char* m : multipliers) multiplier = multiplier || rest == m;
        if (!multiplier)
            throw Error(ErrorKind::Data,
                        "value '" + text + "' and unit '" + unitField + "' disagree");
        out.unit = rest + unit;
    }
    return out;
}

std::optional<int> parseFigureYear(const std::string& text) {
    std::string s = asciiDigits(text);
    if (endsWith(s, "年")) s.erase(s.size() - 3);
    // A spreadsheet may hand a year over as 2023.0.
    if (s.size() == 6 && s.compare(4, 2, ".0") == 0) s.erase(4);
    const auto y = parseInteger(s);
    if (!y || *y < 1949 || *y > 2100) return std::nullopt;
    return static_cast<int>(*y);
}

}  // namespace jinmap::data
