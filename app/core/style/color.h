#pragma once
// Colours as style expressions see them: straight (not premultiplied) RGBA,
// each channel 0..1, parsed from CSS colour strings as MapLibre accepts them.
#include <optional>
#include <string>
#include <string_view>

class QColor;

namespace jinmap {

struct Color {
    float r = 0, g = 0, b = 0, a = 1;

    static constexpr Color black() { return {0, 0, 0, 1}; }
    static constexpr Color transparent() { return {0, 0, 0, 0}; }

    // "#rrggbb" when opaque, else "#rrggbbaa" (channels rounded to 8 bits).
    std::string toString() const;

    friend bool operator==(const Color& x, const Color& y) {
        return x.r == y.r && x.g == y.g && x.b == y.b && x.a == y.a;
    }
    friend bool operator!=(const Color& x, const Color& y) { return !(x == y); }
};

// Parses #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), hsla() (comma
// syntax, numbers or percentages) and the CSS named colours, case-insensitive.
std::optional<Color> parseCssColor(std::string_view text);

// Linear interpolation per channel (t in 0..1).
Color mix(const Color& from, const Color& to, double t);

QColor toQColor(const Color& c);
// The colour with its alpha multiplied by a style opacity (fill-opacity,
// line-opacity…), clamped to 0..1: the one place colour and opacity combine.
QColor toQColor(const Color& c, double opacity);

}  // namespace jinmap
