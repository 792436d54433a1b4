#include "style/color.h"

#include <QColor>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace jinmap {

namespace {

struct NamedColor {
    const char* name;
    std::uint32_t rgb;
};

// CSS Color Module Level 4 named colours (sorted for binary search).
constexpr NamedColor kNamed[] = {
    {"aliceblue", 0xf0f8ff},
    {"antiquewhite", 0xfaebd7},
    {"aqua", 0x00ffff},
    {"aquamarine", 0x7fffd4},
    {"azure", 0xf0ffff},
    {"beige", 0xf5f5dc},
    {"bisque", 0xffe4c4},
    {"black", 0x000000},
    {"blanchedalmond", 0xffebcd},
    {"blue", 0x0000ff},
    {"blueviolet", 0x8a2be2},
    {"brown", 0xa52a2a},
    {"burlywood", 0xdeb887},
    {"cadetblue", 0x5f9ea0},
    {"chartreuse", 0x7fff00},
    {"chocolate", 0xd2691e},
    {"coral", 0xff7f50},
    {"cornflowerblue", 0x6495ed},
    {"cornsilk", 0xfff8dc},
    {"crimson", 0xdc143c},
    {"cyan", 0x00ffff},
    {"darkblue", 0x00008b},
    {"darkcyan", 0x008b8b},
    {"darkgoldenrod", 0xb8860b},
    {"darkgray", 0xa9a9a9},
    {"darkgreen", 0x006400},
    {"darkgrey", 0xa9a9a9},
    {"darkkhaki", 0xbdb76b},
    {"darkmagenta", 0x8b008b},
    {"darkolivegreen", 0x556b2f},
    {"darkorange", 0xff8c00},
    {"darkorchid", 0x9932cc},
    {"darkred", 0x8b0000},
    {"darksalmon", 0xe9967a},
    {"darkseagreen", 0x8fbc8f},
    {"darkslateblue", 0x483d8b},
    {"darkslategray", 0x2f4f4f},
    {"darkslategrey", 0x2f4f4f},
    {"darkturquoise", 0x00ced1},
    {"darkviolet", 0x9400d3},
    {"deeppink", 0xff1493},
    {"deepskyblue", 0x00bfff},
    {"dimgray", 0x696969},
    {"dimgrey", 0x696969},
    {"dodgerblue", 0x1e90ff},
    {"firebrick", 0xb22222},
    {"floralwhite", 0xfffaf0},
    {"forestgreen", 0x228b22},
    {"fuchsia", 0xff00ff},
    {"gainsboro", 0xdcdcdc},
    {"ghostwhite", 0xf8f8ff},
    {"gold", 0xffd700},
    {"goldenrod", 0xdaa520},
    {"gray", 0x808080},
    {"green", 0x008000},
    {"greenyellow", 0xadff2f},
    {"grey", 0x808080},
    {"honeydew", 0xf0fff0},
    {"hotpink", 0xff69b4},
    {"indianred", 0xcd5c5c},
    {"indigo", 0x4b0082},
    {"ivory", 0xfffff0},
    {"khaki", 0xf0e68c},
    {"lavender", 0xe6e6fa},
    {"lavenderblush", 0xfff0f5},
    {"lawngreen", 0x7cfc00},
    {"lemonchiffon", 0xfffacd},
    {"lightblue", 0xadd8e6},
    {"lightcoral", 0xf08080},
    {"lightcyan", 0xe0ffff},
    {"lightgoldenrodyellow", 0xfafad2},
    {"lightgray", 0xd3d3d3},
    {"lightgreen", 0x90ee90},
    {"lightgrey", 0xd3d3d3},
    {"lightpink", 0xffb6c1},
    {"lightsalmon", 0xffa07a},
    {"lightseagreen", 0x20b2aa},
    {"lightskyblue", 0x87cefa},
    {"lightslategray", 0x778899},
    {"lightslategrey", 0x778899},
    {"lightsteelblue", 0xb0c4de},
    {"lightyellow", 0xffffe0},
    {"lime", 0x00ff00},
    {"limegreen", 0x32cd32},
    {"linen", 0xfaf0e6},
    {"magenta", 0xff00ff},
    {"maroon", 0x800000},
    {"mediumaquamarine", 0x66cdaa},
    {"mediumblue", 0x0000cd},
    {"mediumorchid", 0xba55d3},
    {"mediumpurple", 0x9370db},
    {"mediumseagreen", 0x3cb371},
    {"mediumslateblue", 0x7b68ee},
    {"mediumspringgreen", 0x00fa9a},
    {"mediumturquoise", 0x48d1cc},
    {"mediumvioletred", 0xc71585},
    {"midnightblue", 0x191970},
    {"mintcream", 0xf5fffa},
    {"mistyrose", 0xffe4e1},
    {"moccasin", 0xffe4b5},
    {"navajowhite", 0xffdead},
    {"navy", 0x000080},
    {"oldlace", 0xfdf5e6},
    {"olive", 0x808000},
    {"olivedrab", 0x6b8e23},
    {"orange", 0xffa500},
    {"orangered", 0xff4500},
    {"orchid", 0xda70d6},
    {"palegoldenrod", 0xeee8aa},
    {"palegreen", 0x98fb98},
    {"paleturquoise", 0xafeeee},
    {"palevioletred", 0xdb7093},
    {"papayawhip", 0xffefd5},
    {"peachpuff", 0xffdab9},
    {"peru", 0xcd853f},
    {"pink", 0xffc0cb},
    {"plum", 0xdda0dd},
    {"powderblue", 0xb0e0e6},
    {"purple", 0x800080},
    {"rebeccapurple", 0x663399},
    {"red", 0xff0000},
    {"rosybrown", 0xbc8f8f},
    {"royalblue", 0x4169e1},
    {"saddlebrown", 0x8b4513},
    {"salmon", 0xfa8072},
    {"sandybrown", 0xf4a460},
    {"seagreen", 0x2e8b57},
    {"seashell", 0xfff5ee},
    {"sienna", 0xa0522d},
    {"silver", 0xc0c0c0},
    {"skyblue", 0x87ceeb},
    {"slateblue", 0x6a5acd},
    {"slategray", 0x708090},
    {"slategrey", 0x708090},
    {"snow", 0xfffafa},
    {"springgreen", 0x00ff7f},
    {"steelblue", 0x4682b4},
    {"tan", 0xd2b48c},
    {"teal", 0x008080},
    {"thistle", 0xd8bfd8},
    {"tomato", 0xff6347},
    {"turquoise", 0x40e0d0},
    {"violet", 0xee82ee},
    {"wheat", 0xf5deb3},
    {"white", 0xffffff},
    {"whitesmoke", 0xf5f5f5},
    {"yellow", 0xffff00},
    {"yellowgreen", 0x9acd32},
};

Color fromRgb24(std::uint32_t rgb, float alpha = 1) {
    return {((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f,
            alpha};
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::optional<Color> parseHex(std::string_view h) {
    // Only #rgb, #rgba, #rrggbb, #rrggbbaa: reject other lengths before
    // filling the digit buffer (found by style_fuzz: a long hex string
    // overflowed it).
    if (h.size() != 3 && h.size() != 4 && h.size() != 6 && h.size() != 8) return std::nullopt;
    int d[8];
    for (std::size_t i = 0; i < h.size(); ++i)
        if ((d[i] = hexDigit(h[i])) < 0) return std::nullopt;
    auto chan = [&](int hi, int lo) { return static_cast<float>(hi * 16 + lo) / 255.0f; };
    switch (h.size()) {
        case 3:
            return Color{chan(d[0], d[0]), chan(d[1], d[1]), chan(d[2], d[2]), 1};
        case 4:
            return Color{chan(d[0], d[0]), chan(d[1], d[1]), chan(d[2], d[2]), chan(d[3], d[3])};
        case 6:
            return Color{chan(d[0], d[1]), chan(d[2], d[3]), chan(d[4], d[5]), 1};
        case 8:
            return Color{chan(d[0], d[1]), chan(d[2], d[3]), chan(d[4], d[5]), chan(d[6], d[7])};
        default:
            return std::nullopt;
    }
}

struct Component {
    double value;
    bool percent;
};

std::optional<std::vector<Component>> parseArgs(std::string_view args) {
    std::vector<Component> out;
    std::size_t pos = 0;
    while (true) {
        while (pos < args.size() && args[pos] == ' ') ++pos;
        double v = 0;
        const auto res = std::from_chars(args.data() + pos, args.data() + args.size(), v);
        if (res.ec != std::errc() || !std::isfinite(v)) return std::nullopt;
        pos = static_cast<std::size_t>(res.ptr - args.data());
        bool percent = false;
        if (pos < args.size() && args[pos] == '%') {
            percent = true;
            ++pos;
        }
        out.push_back({v, percent});
        while (pos < args.size() && args[pos] == ' ') ++pos;
        if (pos == args.size()) return out;
        if (args[pos] != ',') return std::nullopt;
        ++pos;
    }
}

float clamp01(double v) {
    return static_cast<float>(std::clamp(v, 0.0, 1.0));
}

float channel(const Component& c) {
    return clamp01(c.percent ? c.value / 100.0 : c.value / 255.0);
}

float alphaOf(const Component& c) {
    return clamp01(c.percent ? c.value / 100.0 : c.value);
}

double hueToRgb(double m1, double m2, double h) {
    if (h < 0) h += 1;
    if (h > 1) h -= 1;
    if (h * 6 < 1) return m1 + (m2 - m1) * h * 6;
    if (h * 2 < 1) return m2;
    if (h * 3 < 2) return m1 + (m2 - m1) * (2.0 / 3.0 - h) * 6;
    return m1;
}

std::optional<Color> parseFunction(std::string_view s) {
    const auto open = s.find('(');
    if (open == std::string_view::npos || s.back() != ')') return std::nullopt;
    const std::string_view fn = s.substr(0, open);
    const auto args = parseArgs(s.substr(open + 1, s.size() - open - 2));
    if (!args) return std::nullopt;
    const auto& a = *args;
    // CSS 4 allows an alpha in rgb()/hsl() too; rgba()/hsla() require one.
    if (a.size() != 3 && a.size() != 4) return std::nullopt;
    if ((fn == "rgba" || fn == "hsla") && a.size() != 4) return std::nullopt;
    const float alpha = a.size() == 4 ? alphaOf(a[3]) : 1.0f;
    if (fn == "rgb" || fn == "rgba") {
        // All three channels must use the same unit (CSS rule).
        if (a[0].percent != a[1].percent || a[1].percent != a[2].percent) return std::nullopt;
        return Color{channel(a[0]), channel(a[1]), channel(a[2]), alpha};
    }
    if (fn == "hsl" || fn == "hsla") {
        if (a[0].percent || !a[1].percent || !a[2].percent) return std::nullopt;
        double h = std::fmod(a[0].value, 360.0) / 360.0;
        if (h < 0) h += 1;
        const double sat = std::clamp(a[1].value / 100.0, 0.0, 1.0);
        const double l = std::clamp(a[2].value / 100.0, 0.0, 1.0);
        const double m2 = l <= 0.5 ? l * (sat + 1) : l + sat - l * sat;
        const double m1 = l * 2 - m2;
        return Color{clamp01(hueToRgb(m1, m2, h + 1.0 / 3.0)), clamp01(hueToRgb(m1, m2, h)),
                     clamp01(hueToRgb(m1, m2, h - 1.0 / 3.0)), alpha};
    }
    return std::nullopt;
}

int to8(float v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}

}  // namespace

std::optional<Color> parseCssColor(std::string_view text) {
    // Lower-case and drop surrounding/inner spaces next to punctuation.
    std::string s;
    s.reserve(text.size());
    for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return std::nullopt;
    s = s.substr(first, s.find_last_not_of(' ') - first + 1);
    if (s == "transparent") return Color::transparent();
    if (s[0] == '#') return parseHex(std::string_view(s).substr(1));
    if (s.find('(') != std::string::npos) return parseFunction(s);
    const auto it = std::lower_bound(
        std::begin(kNamed), std::end(kNamed), s,
        [](const NamedColor& n, const std::string& key) { return std::string_view(n.name) < key; });
    if (it != std::end(kNamed) && s == it->name) return fromRgb24(it->rgb);
    return std::nullopt;
}

std::string Color::toString() const {
    char buf[16];
    if (to8(a) == 255)
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", to8(r), to8(g), to8(b));
    else
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", to8(r), to8(g), to8(b), to8(a));
    return buf;
}

Color mix(const Color& from, const Color& to, double t) {
    const auto f = static_cast<float>(t);
    return {from.r + (to.r - from.r) * f, from.g + (to.g - from.g) * f,
            from.b + (to.b - from.b) * f, from.a + (to.a - from.a) * f};
}

QColor toQColor(const Color& c) {
    return QColor::fromRgbF(c.r, c.g, c.b, c.a);
}

QColor toQColor(const Color& c, double opacity) {
    QColor q = toQColor(c);
    q.setAlphaF(std::clamp(static_cast<double>(c.a) * opacity, 0.0, 1.0));
    return q;
}

}  // namespace jinmap
