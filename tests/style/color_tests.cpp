// CSS colour strings as MapLibre accepts them.
#include <gtest/gtest.h>

#include <QColor>

#include "style/color.h"

namespace jinmap {
namespace {

std::string parsed(const char* text) {
    const auto c = parseCssColor(text);
    return c ? c->toString() : "invalid";
}

TEST(Color, HexForms) {
    EXPECT_EQ(parsed("#f00"), "#ff0000");
    EXPECT_EQ(parsed("#F00A"), "#ff0000aa");
    EXPECT_EQ(parsed("#8dd3c7"), "#8dd3c7");
    EXPECT_EQ(parsed("#8DD3C7"), "#8dd3c7");
    EXPECT_EQ(parsed("#33333380"), "#33333380");
    EXPECT_EQ(parsed("  #333  "), "#333333");
    EXPECT_EQ(parsed("#12345"), "invalid");
    EXPECT_EQ(parsed("#ggg"), "invalid");
    EXPECT_EQ(parsed("#"), "invalid");
    EXPECT_EQ(parsed("333333"), "invalid");
}

TEST(Color, FunctionalForms) {
    EXPECT_EQ(parsed("rgb(255, 0, 0)"), "#ff0000");
    EXPECT_EQ(parsed("rgb(100%,50%,0%)"), "#ff8000");
    EXPECT_EQ(parsed("rgba(0, 0, 0, 0.5)"), "#00000080");
    EXPECT_EQ(parsed("RGBA( 255 , 255 , 255 , 1 )"), "#ffffff");
    EXPECT_EQ(parsed("rgb(300, -5, 0)"), "#ff0000");  // clamped like CSS
    EXPECT_EQ(parsed("hsl(0, 100%, 50%)"), "#ff0000");
    EXPECT_EQ(parsed("hsl(120, 100%, 25%)"), "#008000");
    EXPECT_EQ(parsed("hsla(240, 100%, 50%, 0.25)"), "#0000ff40");
    EXPECT_EQ(parsed("hsl(-120, 100%, 50%)"), "#0000ff");
    // MapLibre accepts rgba() with three and rgb() with four arguments.
    EXPECT_EQ(parsed("rgba(0, 0, 0)"), "#000000");
    EXPECT_EQ(parsed("rgb(0, 0, 0, 0.5)"), "#00000080");
    EXPECT_EQ(parsed("rgb(0, 0)"), "invalid");
    EXPECT_EQ(parsed("rgb(0, 50%, 0)"), "invalid");  // mixed units
    EXPECT_EQ(parsed("hsl(0, 1, 0.5)"), "invalid");  // s and l need %
    EXPECT_EQ(parsed("cmyk(0, 0, 0, 0)"), "invalid");
    EXPECT_EQ(parsed("rgb(a, b, c)"), "invalid");
    EXPECT_EQ(parsed("rgb(1e2, 0, 0)"), "#640000");  // numbers as JavaScript reads them
    EXPECT_EQ(parsed("rgb(1-2, 0, 0)"), "invalid");
}

// CSS Color 4: space-separated arguments, "/ alpha", "deg" on hues.
TEST(Color, CssColor4Syntax) {
    EXPECT_EQ(parsed("rgb(255 0 0)"), "#ff0000");
    EXPECT_EQ(parsed("rgb(0% 0% 100% / 0)"), "#0000ff00");
    EXPECT_EQ(parsed("rgb(0 0 255 / 50%)"), "#0000ff80");
    EXPECT_EQ(parsed("hsl(240 100% 50% / 0)"), "#0000ff00");
    EXPECT_EQ(parsed("hsl(120deg 100% 50%)"), "#00ff00");
    EXPECT_EQ(parsed("hsla(120deg, 100%, 50%, 0.5)"), "#00ff0080");
    // The two syntaxes do not mix: commas need a comma alpha, spaces a slash.
    EXPECT_EQ(parsed("rgb(255 0 0, 0.5)"), "invalid");
    EXPECT_EQ(parsed("rgb(255, 0, 0 / 0.5)"), "invalid");
    EXPECT_EQ(parsed("rgb(255 0, 0)"), "invalid");
    EXPECT_EQ(parsed("rgb(255 0 0 0.5)"), "invalid");
}

// MapLibre's to-string of a colour: channels 0–255, alpha as JavaScript
// prints the number (not float noise such as 0.30000001192092896).
TEST(Color, RgbaText) {
    EXPECT_EQ(parseCssColor("rgba(10, 20, 30, 0.3)")->toRgbaString(), "rgba(10,20,30,0.3)");
    EXPECT_EQ(parseCssColor("#ff000080")->toRgbaString(), "rgba(255,0,0,0.5019607843137255)");
    EXPECT_EQ(parseCssColor("transparent")->toRgbaString(), "rgba(0,0,0,0)");
}

TEST(Color, HclAndLabInterpolation) {
    const Color red = *parseCssColor("red"), blue = *parseCssColor("blue");
    // Ends are kept; midpoints differ from RGB's (purple through LCh/Lab).
    EXPECT_EQ(mix(red, blue, 0, ColorSpace::Hcl).toString(), "#ff0000");
    EXPECT_EQ(mix(red, blue, 1, ColorSpace::Lab).toString(), "#0000ff");
    EXPECT_EQ(mix(red, blue, 0.5).toString(), "#800080");
    EXPECT_NE(mix(red, blue, 0.5, ColorSpace::Lab).toString(), "#800080");
    EXPECT_NE(mix(red, blue, 0.5, ColorSpace::Hcl).toString(),
              mix(red, blue, 0.5, ColorSpace::Lab).toString());
}

TEST(Color, NamedColours) {
    EXPECT_EQ(parsed("white"), "#ffffff");
    EXPECT_EQ(parsed("Red"), "#ff0000");
    EXPECT_EQ(parsed("rebeccapurple"), "#663399");
    EXPECT_EQ(parsed("lightgrey"), "#d3d3d3");
    EXPECT_EQ(parsed("aliceblue"), "#f0f8ff");
    EXPECT_EQ(parsed("yellowgreen"), "#9acd32");
    EXPECT_EQ(parsed("transparent"), "#00000000");
    EXPECT_EQ(parsed("notacolour"), "invalid");
    EXPECT_EQ(parsed(""), "invalid");
}

TEST(Color, MixAndQColor) {
    const Color a = *parseCssColor("#000000");
    const Color b = *parseCssColor("#ffffff");
    EXPECT_EQ(mix(a, b, 0.5).toString(), "#808080");
    EXPECT_EQ(mix(a, b, 0), a);
    const QColor q = toQColor(*parseCssColor("rgba(255, 128, 0, 0.5)"));
    EXPECT_EQ(q.red(), 255);
    EXPECT_EQ(q.green(), 128);
    EXPECT_EQ(q.blue(), 0);
    EXPECT_EQ(q.alpha(), 128);
}

}  // namespace
}  // namespace jinmap

// Regression (style_fuzz): a hex colour longer than 8 digits overflowed the
// parser's digit buffer; it must simply be rejected.
TEST(Color, OverlongHexIsRejected) {
    EXPECT_FALSE(jinmap::parseCssColor("#0123456789abcdef0123456789").has_value());
    EXPECT_FALSE(jinmap::parseCssColor("#12345").has_value());
    EXPECT_FALSE(jinmap::parseCssColor("#").has_value());
}
