#pragma once
// The table of supported paint/layout properties, shared by the parser and
// dump(): one row per property says where it lives and how it is checked.
#include <limits>
#include <string_view>
#include <variant>
#include <vector>

#include "style/style.h"

namespace jinmap {

using PropertyRef =
    std::variant<Property<double>*, Property<bool>*, Property<Color>*, Property<std::string>*,
                 Property<std::vector<std::string>>*, Property<std::vector<double>>*,
                 Property<CircleShape>*, Property<TextAnchor>*, Property<std::vector<TextAnchor>>*,
                 Property<LineJoin>*, Property<LineCap>*, Property<FillRule>*>;

struct PropertySpec {
    const char* name;
    LayerType layerType;
    bool layout;
    // The property inside `layer` (whose style must hold layerType's struct).
    PropertyRef (*access)(Layer& layer);
    // Range of a number or of every item of a number array.
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    std::size_t arraySize = 0;  // required length of a number array (0: any)
    // A jinmap extension: read from the layer's metadata (name "jinmap:…"),
    // where MapLibre's validator allows it, not from paint/layout.
    bool extension = false;
};

const std::vector<PropertySpec>& propertySpecs();
// A paint/layout property (extension = false) or a metadata extension.
const PropertySpec* findPropertySpec(LayerType type, std::string_view name);
// Some layer type that has the property, for "belongs to fill layers" hints.
const PropertySpec* findPropertySpecAnyType(std::string_view name);

}  // namespace jinmap
