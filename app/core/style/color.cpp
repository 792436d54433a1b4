#include "style/color.h"

#include <QColor>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "style/value.h"

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

Color fromRgb24(std::uint32_t rgb) {
    return {((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0, 1};
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
    auto chan = [&](int hi, int lo) { return (hi * 16 + lo) / 255.0; };
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

double clamp01(double v) {
    return std::min(std::max(0.0, v), 1.0);
}

// A functional colour's arguments, read as MapLibre's regular expressions
// read them: numbers ([0-9e.+-]+, converted as JavaScript's unary +), an
// optional unit, and the separator before each (' ' for white space, ',' or
// '/').
struct FunctionArgs {
    double value[4] = {0, 0, 0, 0};
    bool percent[4] = {false, false, false, false};
    char separator[4] = {0, 0, 0, 0};
    int count = 0;
};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// `hueUnit`: the first argument may be followed by "deg" (hsl).
std::optional<FunctionArgs> readArgs(std::string_view s, bool hueUnit) {
    FunctionArgs out;
    std::size_t p = 0;
    auto skipSpaces = [&] {
        const std::size_t start = p;
        while (p < s.size() && isSpace(s[p])) ++p;
        return p > start;
    };
    skipSpaces();
    while (true) {
        const std::size_t start = p;
        while (p < s.size() && ((s[p] >= '0' && s[p] <= '9') || s[p] == 'e' || s[p] == '.' ||
                                s[p] == '+' || s[p] == '-'))
            ++p;
        if (p == start || out.count == 4) return std::nullopt;
        const int i = out.count++;
        out.value[i] = jsStringToNumber(s.substr(start, p - start));
        if (i == 0 && hueUnit && s.substr(p, 3) == "deg") p += 3;
        if (p < s.size() && s[p] == '%') {
            out.percent[i] = true;
            ++p;
        }
        const bool spaced = skipSpaces();
        if (p == s.size()) return out;
        if (s[p] == ',' || s[p] == '/') {
            out.separator[out.count] = s[p];
            ++p;
            skipSpaces();
        } else if (spaced) {
            out.separator[out.count] = ' ';
        } else {
            return std::nullopt;
        }
    }
}

// MapLibre accepts "r g b", "r g b / a", "r,g,b" and "r,g,b,a" (the alpha
// separator of the comma form is a comma; the space form's is a slash).
bool validSeparators(const FunctionArgs& a) {
    if (a.count == 3) return a.separator[1] == a.separator[2] && a.separator[1] != '/';
    if (a.count != 4) return false;
    if (a.separator[1] == ' ' && a.separator[2] == ' ') return a.separator[3] == '/';
    return a.separator[1] == ',' && a.separator[2] == ',' && a.separator[3] == ',';
}

double constrainAngle(double degrees) {
    degrees = std::fmod(degrees, 360.0);
    return degrees < 0 ? degrees + 360 : degrees;
}

std::optional<Color> parseFunction(std::string_view s) {
    const auto open = s.find('(');
    if (open == std::string_view::npos || s.back() != ')') return std::nullopt;
    const std::string_view fn = s.substr(0, open);
    const bool rgb = fn == "rgb" || fn == "rgba";
    const bool hsl = fn == "hsl" || fn == "hsla";
    if (!rgb && !hsl) return std::nullopt;
    const auto args = readArgs(s.substr(open + 1, s.size() - open - 2), hsl);
    if (!args || !validSeparators(*args)) return std::nullopt;
    const FunctionArgs& a = *args;
    for (int i = 0; i < a.count; ++i)
        if (std::isnan(a.value[i])) return std::nullopt;
    double alpha = 1;
    if (a.count == 4) alpha = clamp01(a.percent[3] ? a.value[3] / 100 : a.value[3]);
    Color c;
    if (rgb) {
        // All three channels in one unit: numbers 0–255 or percentages.
        if (a.percent[0] != a.percent[1] || a.percent[1] != a.percent[2]) return std::nullopt;
        const double max = a.percent[0] ? 100 : 255;
        c = Color{clamp01(a.value[0] / max), clamp01(a.value[1] / max), clamp01(a.value[2] / max),
                  alpha};
    } else {
        if (a.percent[0] || !a.percent[1] || !a.percent[2]) return std::nullopt;
        // CSS Color 4's hsl-to-rgb.
        const double h = constrainAngle(a.value[0]);
        const double sat = std::min(std::max(a.value[1], 0.0), 100.0) / 100;
        const double l = std::min(std::max(a.value[2], 0.0), 100.0) / 100;
        auto f = [&](double n) {
            const double k = std::fmod(n + h / 30, 12);
            const double amp = sat * std::min(l, 1 - l);
            return l - amp * std::max(-1.0, std::min({k - 3, 9 - k, 1.0}));
        };
        c = Color{f(0), f(8), f(4), alpha};
    }
    if (std::isnan(c.r) || std::isnan(c.g) || std::isnan(c.b) || std::isnan(c.a))
        return std::nullopt;
    return c;
}

int to8(double v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

// ------------------------------------------------------------ CIE Lab / LCh
// D50 white point and sRGB matrices as CSS Color 4 and d3-color use them.
constexpr double kXn = 0.96422, kYn = 1, kZn = 0.82521;
constexpr double kT0 = 4.0 / 29, kT1 = 6.0 / 29, kT2 = 3 * kT1 * kT1, kT3 = kT1 * kT1 * kT1;

double rgbToLinear(double x) {
    return x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
}
double linearToRgb(double x) {
    x = x <= 0.00304 ? 12.92 * x : 1.055 * std::pow(x, 1 / 2.4) - 0.055;
    return clamp01(x);
}
double xyzToLab(double t) {
    return t > kT3 ? std::cbrt(t) : t / kT2 + kT0;
}
double labToXyz(double t) {
    return t > kT1 ? t * t * t : kT2 * (t - kT0);
}

struct Lab {
    double l, a, b, alpha;
};

Lab toLab(const Color& c) {
    const double r = rgbToLinear(c.r), g = rgbToLinear(c.g), b = rgbToLinear(c.b);
    const double y = xyzToLab((0.2225045 * r + 0.7168786 * g + 0.0606169 * b) / kYn);
    double x = y, z = y;
    if (!(r == g && g == b)) {
        x = xyzToLab((0.4360747 * r + 0.3850649 * g + 0.1430804 * b) / kXn);
        z = xyzToLab((0.0139322 * r + 0.0971045 * g + 0.7141733 * b) / kZn);
    }
    const double l = 116 * y - 16;
    return {l < 0 ? 0 : l, 500 * (x - y), 200 * (y - z), c.a};
}

Color fromLab(const Lab& lab) {
    double y = (lab.l + 16) / 116;
    double x = std::isnan(lab.a) ? y : y + lab.a / 500;
    double z = std::isnan(lab.b) ? y : y - lab.b / 200;
    y = kYn * labToXyz(y);
    x = kXn * labToXyz(x);
    z = kZn * labToXyz(z);
    return {linearToRgb(3.1338561 * x - 1.6168667 * y - 0.4906146 * z),
            linearToRgb(-0.9787684 * x + 1.9161415 * y + 0.033454 * z),
            linearToRgb(0.0719453 * x - 0.2289914 * y + 1.4052427 * z), lab.alpha};
}

double lerp(double a, double b, double t) {
    return a + t * (b - a);
}

}  // namespace

std::optional<Color> parseCssColor(std::string_view text) {
    // Lower-case and trim, as MapLibre does before matching.
    std::string s;
    s.reserve(text.size());
    for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t b = 0, e = s.size();
    while (b < e && isSpace(s[b])) ++b;
    while (e > b && isSpace(s[e - 1])) --e;
    s = s.substr(b, e - b);
    if (s.empty()) return std::nullopt;
    if (s == "transparent") return Color::transparent();
    const auto it = std::lower_bound(
        std::begin(kNamed), std::end(kNamed), s,
        [](const NamedColor& n, const std::string& key) { return std::string_view(n.name) < key; });
    if (it != std::end(kNamed) && s == it->name) return fromRgb24(it->rgb);
    if (s[0] == '#') return parseHex(std::string_view(s).substr(1));
    return parseFunction(s);
}

std::string Color::toString() const {
    char buf[16];
    if (to8(a) == 255)
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", to8(r), to8(g), to8(b));
    else
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", to8(r), to8(g), to8(b), to8(a));
    return buf;
}

std::string Color::toRgbaString() const {
    // JavaScript's Math.round: halves round up.
    auto channel = [](double v) { return jsNumberToString(std::floor(v * 255 + 0.5)); };
    return "rgba(" + channel(r) + "," + channel(g) + "," + channel(b) + "," + jsNumberToString(a) +
           ")";
}

Color mix(const Color& from, const Color& to, double t, ColorSpace space) {
    switch (space) {
        case ColorSpace::Rgb:
            return {lerp(from.r, to.r, t), lerp(from.g, to.g, t), lerp(from.b, to.b, t),
                    lerp(from.a, to.a, t)};
        case ColorSpace::Lab: {
            const Lab x = toLab(from), y = toLab(to);
            return fromLab({lerp(x.l, y.l, t), lerp(x.a, y.a, t), lerp(x.b, y.b, t),
                            lerp(x.alpha, y.alpha, t)});
        }
        case ColorSpace::Hcl: {
            // Hue, chroma, luminance; an achromatic end (no hue) takes the
            // other end's hue, and its chroma at black or white.
            constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
            auto toHcl = [&](const Color& c, double& h, double& ch, double& l) {
                const Lab lab = toLab(c);
                ch = std::sqrt(lab.a * lab.a + lab.b * lab.b);
                h = std::round(ch * 10000) != 0
                        ? constrainAngle(std::atan2(lab.b, lab.a) * 180 / M_PI)
                        : kNaN;
                l = lab.l;
            };
            double h0, c0, l0, h1, c1, l1;
            toHcl(from, h0, c0, l0);
            toHcl(to, h1, c1, l1);
            double hue = kNaN;
            double chroma = kNaN;
            if (!std::isnan(h0) && !std::isnan(h1)) {
                double dh = h1 - h0;
                if (h1 > h0 && dh > 180)
                    dh -= 360;
                else if (h1 < h0 && h0 - h1 > 180)
                    dh += 360;
                hue = h0 + t * dh;
            } else if (!std::isnan(h0)) {
                hue = h0;
                if (l1 == 1 || l1 == 0) chroma = c0;
            } else if (!std::isnan(h1)) {
                hue = h1;
                if (l0 == 1 || l0 == 0) chroma = c1;
            }
            if (std::isnan(chroma)) chroma = lerp(c0, c1, t);
            const double rad = std::isnan(hue) ? 0 : hue * M_PI / 180;
            return fromLab({lerp(l0, l1, t), std::cos(rad) * chroma, std::sin(rad) * chroma,
                            lerp(from.a, to.a, t)});
        }
    }
    return from;
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
