#include "style/layer_properties.h"

namespace jinmap {

namespace {
template <typename S>
S& styleOf(Layer& layer) {
    return std::get<S>(layer.style);
}

FillStyle& fillOf(Layer& l) {
    return styleOf<FillStyle>(l);
}

PropertyRef fillOutline(Layer& l) {
    auto& f = fillOf(l);
    // Asking for the property means it is being set: outline default #808080
    // only matters as the fallback of an expression.
    if (!f.outlineColor) f.outlineColor.emplace(Color{128 / 255.0f, 128 / 255.0f, 128 / 255.0f, 1});
    return &*f.outlineColor;
}
}  // namespace

const std::vector<PropertySpec>& propertySpecs() {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    using LT = LayerType;
    static const std::vector<PropertySpec> specs = {
        {"background-color", LT::Background, false,
         [](Layer& l) -> PropertyRef { return &styleOf<BackgroundStyle>(l).color; }},
        {"background-opacity", LT::Background, false,
         [](Layer& l) -> PropertyRef { return &styleOf<BackgroundStyle>(l).opacity; }, 0, 1},

        {"fill-color", LT::Fill, false, [](Layer& l) -> PropertyRef { return &fillOf(l).color; }},
        {"fill-opacity", LT::Fill, false,
         [](Layer& l) -> PropertyRef { return &fillOf(l).opacity; }, 0, 1},
        {"fill-outline-color", LT::Fill, false, fillOutline},
        {"jinmap:hatch", LT::Fill, false, [](Layer& l) -> PropertyRef { return &fillOf(l).hatch; },
         -kInf, kInf, 0, true},
        {"jinmap:fill-rule", LT::Fill, false,
         [](Layer& l) -> PropertyRef { return &fillOf(l).fillRule; }, -kInf, kInf, 0, true},

        {"line-color", LT::Line, false,
         [](Layer& l) -> PropertyRef { return &styleOf<LineStyle>(l).color; }},
        {"line-width", LT::Line, false,
         [](Layer& l) -> PropertyRef { return &styleOf<LineStyle>(l).width; }, 0, kInf},
        {"line-opacity", LT::Line, false,
         [](Layer& l) -> PropertyRef { return &styleOf<LineStyle>(l).opacity; }, 0, 1},
        {"line-dasharray", LT::Line, false,
         [](Layer& l) -> PropertyRef { return &styleOf<LineStyle>(l).dasharray; }, 0, kInf},
        {"line-join", LT::Line, true,
         [](Layer& l) -> PropertyRef { return &styleOf<LineStyle>(l).join; }},
        {"line-cap", LT::Line, true,
         [](Layer& l) -> PropertyRef { return &styleOf<LineStyle>(l).cap; }},
        {"line-miter-limit", LT::Line, true,
         [](Layer& l) -> PropertyRef { return &styleOf<LineStyle>(l).miterLimit; }, 0, kInf},

        {"circle-radius", LT::Circle, false,
         [](Layer& l) -> PropertyRef { return &styleOf<CircleStyle>(l).radius; }, 0, kInf},
        {"circle-color", LT::Circle, false,
         [](Layer& l) -> PropertyRef { return &styleOf<CircleStyle>(l).color; }},
        {"circle-opacity", LT::Circle, false,
         [](Layer& l) -> PropertyRef { return &styleOf<CircleStyle>(l).opacity; }, 0, 1},
        {"circle-stroke-color", LT::Circle, false,
         [](Layer& l) -> PropertyRef { return &styleOf<CircleStyle>(l).strokeColor; }},
        {"circle-stroke-width", LT::Circle, false,
         [](Layer& l) -> PropertyRef { return &styleOf<CircleStyle>(l).strokeWidth; }, 0, kInf},
        {"jinmap:shape", LT::Circle, false,
         [](Layer& l) -> PropertyRef { return &styleOf<CircleStyle>(l).shape; }, -kInf, kInf, 0,
         true},

        {"text-field", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textField; }},
        {"text-font", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textFont; }},
        {"text-size", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textSize; }, 0, kInf},
        {"text-offset", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textOffset; }, -kInf, kInf,
         2},
        {"text-anchor", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textAnchor; }},
        {"text-variable-anchor", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textVariableAnchor; }},
        {"text-radial-offset", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textRadialOffset; }},
        {"text-padding", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textPadding; }, 0, kInf},
        {"text-allow-overlap", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textAllowOverlap; }},
        {"symbol-sort-key", LT::Symbol, true,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).symbolSortKey; }},
        {"text-color", LT::Symbol, false,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textColor; }},
        {"text-halo-color", LT::Symbol, false,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textHaloColor; }},
        {"text-halo-width", LT::Symbol, false,
         [](Layer& l) -> PropertyRef { return &styleOf<SymbolStyle>(l).textHaloWidth; }, 0, kInf},
    };
    return specs;
}

const PropertySpec* findPropertySpec(LayerType type, std::string_view name) {
    for (const auto& spec : propertySpecs())
        if (spec.layerType == type && name == spec.name) return &spec;
    return nullptr;
}

const PropertySpec* findPropertySpecAnyType(std::string_view name) {
    for (const auto& spec : propertySpecs())
        if (name == spec.name) return &spec;
    return nullptr;
}

}  // namespace jinmap
