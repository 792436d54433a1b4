#include "style/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "style/json.h"

namespace jinmap {

StyleValue::StyleValue(StyleArray a) : v_(std::make_shared<const StyleArray>(std::move(a))) {}
StyleValue::StyleValue(StyleObject o) : v_(std::make_shared<const StyleObject>(std::move(o))) {}

const char* styleTypeName(StyleValue::Type type) noexcept {
    switch (type) {
        case StyleValue::Type::Null:
            return "null";
        case StyleValue::Type::Bool:
            return "boolean";
        case StyleValue::Type::Number:
            return "number";
        case StyleValue::Type::String:
            return "string";
        case StyleValue::Type::Color:
            return "color";
        case StyleValue::Type::Array:
            return "array";
        case StyleValue::Type::Object:
            return "object";
        case StyleValue::Type::Error:
            return "error";
    }
    return "value";
}

const StyleValue* StyleValue::member(std::string_view key) const {
    if (!isObject()) return nullptr;
    for (const auto& [k, v] : asObject())
        if (k == key) return &v;
    return nullptr;
}

bool StyleValue::sameReference(const StyleValue& other) const {
    if (isArray() && other.isArray()) return std::get<5>(v_).get() == std::get<5>(other.v_).get();
    if (isObject() && other.isObject()) return std::get<6>(v_).get() == std::get<6>(other.v_).get();
    return false;
}

// ------------------------------------------------------------ JavaScript numbers

std::string jsNumberToString(double v) {
    if (std::isnan(v)) return "NaN";
    if (v == 0) return "0";
    if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
    std::string sign;
    if (v < 0) {
        sign = "-";
        v = -v;
    }
    // Shortest round-trip digits and the decimal exponent (ECMA-262
    // Number::toString: value = digits × 10^(n − k)).
    char buf[40];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    const auto e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e))
        if (c != '.') digits += c;
    int exponent = 0;
    std::from_chars(sci.data() + e + (sci[e + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                    exponent);
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    std::string out;
    if (k <= n && n <= 21) {
        out = digits + std::string(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out = digits.substr(0, static_cast<std::size_t>(n)) + "." +
              digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out = "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
    } else {
        const int exp = n - 1;
        out = digits.substr(0, 1);
        if (k > 1) out += "." + digits.substr(1);
        out += exp < 0 ? "e-" : "e+";
        out += std::to_string(std::abs(exp));
    }
    return sign + out;
}

namespace {

// Length of a JavaScript white space or line terminator at s[i] (UTF-8), or 0.
std::size_t jsSpaceAt(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
    auto is = [&](const char* seq) {
        const std::size_t n = std::strlen(seq);
        return s.substr(i, n) == seq ? n : 0;
    };
    if (std::size_t n = is("\xC2\xA0")) return n;      // U+00A0
    if (std::size_t n = is("\xEF\xBB\xBF")) return n;  // U+FEFF
    if (std::size_t n = is("\xE1\x9A\x80")) return n;  // U+1680
    if (std::size_t n = is("\xE3\x80\x80")) return n;  // U+3000
    if (c == 0xE2 && i + 2 < s.size()) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        const auto c2 = static_cast<unsigned char>(s[i + 2]);
        if (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
        if (c1 == 0x81 && c2 == 0x9F) return 3;  // U+205F
    }
    return 0;
}

int digitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

}  // namespace

double jsStringToNumber(std::string_view s) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::size_t b = 0, e = s.size();
    while (b < e) {
        const std::size_t n = jsSpaceAt(s, b);
        if (!n) break;
        b += n;
    }
    // Trailing white space: scan forward, remembering where the last run began.
    std::size_t end = b, i = b;
    while (i < e) {
        const std::size_t n = jsSpaceAt(s, i);
        if (n) {
            i += n;
        } else {
            ++i;
            end = i;
        }
    }
    s = s.substr(b, end - b);
    if (s.empty()) return 0;
    if (s.size() > 2 && s[0] == '0') {
        int radix = 0;
        if (s[1] == 'x' || s[1] == 'X') radix = 16;
        if (s[1] == 'o' || s[1] == 'O') radix = 8;
        if (s[1] == 'b' || s[1] == 'B') radix = 2;
        if (radix) {
            double v = 0;
            for (char c : s.substr(2)) {
                const int d = digitValue(c);
                if (d >= radix) return kNaN;
                v = v * radix + d;
            }
            return v;
        }
    }
    bool negative = false;
    if (s[0] == '+' || s[0] == '-') {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s == "Infinity")
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    // StrUnsignedDecimalLiteral: digits [. digits] [exponent] | . digits [exponent]
    std::size_t p = 0;
    std::size_t intDigits = 0, fracDigits = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p, ++intDigits;
    if (p < s.size() && s[p] == '.') {
        ++p;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p, ++fracDigits;
    }
    if (intDigits + fracDigits == 0) return kNaN;
    if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
        ++p;
        if (p < s.size() && (s[p] == '+' || s[p] == '-')) ++p;
        std::size_t expDigits = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p, ++expDigits;
        if (!expDigits) return kNaN;
    }
    if (p != s.size()) return kNaN;
    double v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec == std::errc::result_out_of_range) {
        // Overflow reads as Infinity, underflow as 0 (as in JavaScript).
        const auto ePos = s.find_first_of("eE");
        const bool tiny = ePos != std::string_view::npos && s.substr(ePos + 1).front() == '-';
        v = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    }
    return negative ? -v : v;
}

namespace {

// Decodes one code point of well-formed UTF-8 at s[i] and advances i.
char32_t nextCodePoint(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len && i + k < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

}  // namespace

int compareUtf16(std::string_view a, std::string_view b) noexcept {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        // Equal bytes are equal code units; compare code points only where
        // they differ.
        if (a[i] == b[j]) {
            ++i;
            ++j;
            continue;
        }
        // Back up to the start of the code points that differ.
        while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i, --j;
        const char32_t x = nextCodePoint(a, i);
        const char32_t y = nextCodePoint(b, j);
        // The first UTF-16 unit: supplementary code points start with a high
        // surrogate (D800–DBFF), which sorts below U+E000–U+FFFF.
        auto lead = [](char32_t cp) -> char32_t {
            return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp;
        };
        if (lead(x) != lead(y)) return lead(x) < lead(y) ? -1 : 1;
        return x < y ? -1 : 1;
    }
    if (i < a.size()) return 1;
    if (j < b.size()) return -1;
    return 0;
}

// ------------------------------------------------------------ text

namespace {

// JSON.stringify without spaces (what to-string does to arrays and objects).
void appendStringified(std::string& out, const StyleValue& v) {
    switch (v.type()) {
        case StyleValue::Type::Null:
        case StyleValue::Type::Error:
            out += "null";
            return;
        case StyleValue::Type::Bool:
            out += v.asBool() ? "true" : "false";
            return;
        case StyleValue::Type::Number:
            out += std::isfinite(v.asNumber()) ? jsNumberToString(v.asNumber()) : "null";
            return;
        case StyleValue::Type::String:
            json::appendQuoted(out, v.asString());
            return;
        case StyleValue::Type::Color:
            json::appendQuoted(out, v.toText());
            return;
        case StyleValue::Type::Array: {
            out += '[';
            bool first = true;
            for (const auto& item : v.asArray()) {
                if (!first) out += ',';
                first = false;
                appendStringified(out, item);
            }
            out += ']';
            return;
        }
        case StyleValue::Type::Object: {
            out += '{';
            bool first = true;
            for (const auto& [key, item] : v.asObject()) {
                if (!first) out += ',';
                first = false;
                json::appendQuoted(out, key);
                out += ':';
                appendStringified(out, item);
            }
            out += '}';
            return;
        }
    }
}

}  // namespace

std::string StyleValue::toJson() const {
    switch (type()) {
        case Type::Null:
            return "null";
        case Type::Bool:
            return asBool() ? "true" : "false";
        case Type::Number:
            return json::formatNumber(asNumber());
        case Type::String: {
            std::string out;
            json::appendQuoted(out, asString());
            return out;
        }
        case Type::Color:
            return "\"" + asColor().toString() + "\"";
        case Type::Array: {
            std::string out = "[";
            bool first = true;
            for (const auto& item : asArray()) {
                if (!first) out += ", ";
                first = false;
                out += item.toJson();
            }
            return out + "]";
        }
        case Type::Object: {
            std::string out = "{";
            bool first = true;
            for (const auto& [key, item] : asObject()) {
                if (!first) out += ", ";
                first = false;
                json::appendQuoted(out, key);
                out += ": " + item.toJson();
            }
            return out + "}";
        }
        case Type::Error:
            return std::string("<error: ") + errorMessage() + ">";
    }
    return "null";
}

std::string StyleValue::toText() const {
    switch (type()) {
        case Type::Null:
        case Type::Error:
            return {};
        case Type::Bool:
            return asBool() ? "true" : "false";
        case Type::Number:
            return jsNumberToString(asNumber());
        case Type::String:
            return asString();
        case Type::Color:
            return asColor().toRgbaString();
        case Type::Array:
        case Type::Object: {
            std::string out;
            appendStringified(out, *this);
            return out;
        }
    }
    return {};
}

bool operator==(const StyleValue& a, const StyleValue& b) {
    if (a.type() != b.type()) return false;
    if (a.isArray()) return a.asArray() == b.asArray();
    if (a.isObject()) return a.asObject() == b.asObject();
    return a.v_ == b.v_;
}

ColumnBinding::ColumnBinding(const std::vector<std::string>& layerAttributes,
                             const std::vector<std::string>& columnNames)
    : names_(columnNames) {
    columns_.reserve(layerAttributes.size());
    for (const auto& name : layerAttributes) columns_.push_back(columnByName(name));
}

int ColumnBinding::columnByName(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name) return static_cast<int>(i);
    return -1;
}

StyleValue toStyleValue(const PropertyValue& v) {
    switch (v.index()) {
        case 1:
            return std::get<bool>(v);
        case 2:
            return std::get<double>(v);
        case 3:
            return std::get<std::string_view>(v);
        case 4:
            return *std::get<const StyleValue*>(v);
        default:
            return {};
    }
}

}  // namespace jinmap
