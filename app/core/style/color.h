#pragma once
// Colours as style expressions see them: straight (not premultiplied) RGBA,
// each channel 0..1 in double precision (as JavaScript numbers), parsed from
// CSS colour strings as MapLibre accepts them.
#include <optional>
#include <string>
#include <string_view>

class QColor;

namespace jinmap {

struct Color {
    double r = 0, g = 0, b = 0, a = 1;

    static constexpr Color black() { return {0, 0, 0, 1}; }
    static constexpr Color transparent() { return {0, 0, 0, 0}; }

    // "#rrggbb" when opaque, else "#rrggbbaa" (channels rounded to 8 bits).
    std::string toString() const;
    // MapLibre's Color.toString(): "rgba(255,0,0,0.5)" (channels 0–255
    // rounded, alpha as JavaScript prints it).
    std::string toRgbaString() const;

    friend bool operator==(const Color& x, const Color& y) {
        return x.r == y.r && x.g == y.g && x.b == y.b && x.a == y.a;
    }
    friend bool operator!=(const Color& x, const Color& y) { return !(x == y); }
};

// Parses what MapLibre's parseCssColor accepts, case-insensitive: the CSS
// named colours, #rgb, #rgba, #rrggbb, #rrggbbaa, and rgb()/rgba()/hsl()/hsla()
// in both the comma syntax and CSS Color 4's space syntax with an optional
// "/ alpha" ("rgb(0% 0% 100% / 0)", "hsl(120deg 100% 50%)").
std::optional<Color> parseCssColor(std::string_view text);

enum class ColorSpace { Rgb, Hcl, Lab };

// Interpolation between two colours (t in 0..1): per channel in RGB, or
// through CIE LCh (hcl) or CIE Lab, as MapLibre's interpolate-hcl/-lab.
Color mix(const Color& from, const Color& to, double t, ColorSpace space = ColorSpace::Rgb);

QColor toQColor(const Color& c);
// The colour with its alpha multiplied by a style opacity (fill-opacity,
// line-opacity…), clamped to 0..1: the one place colour and opacity combine.
QColor toQColor(const Color& c, double opacity);

}  // namespace jinmap
