#include "style/style.h"

namespace jinmap {

const char* layerTypeName(LayerType type) noexcept {
    switch (type) {
        case LayerType::Background:
            return "background";
        case LayerType::Fill:
            return "fill";
        case LayerType::Line:
            return "line";
        case LayerType::Circle:
            return "circle";
        case LayerType::Symbol:
            return "symbol";
    }
    return "background";
}

const LegendLabels* LegendConfig::find(const std::string& layerId,
                                       const std::string& property) const {
    if (!property.empty()) {
        const auto it = entries.find(layerId + "/" + property);
        if (it != entries.end()) return &it->second;
    }
    const auto it = entries.find(layerId);
    return it != entries.end() ? &it->second : nullptr;
}

const Layer* Style::findLayer(const std::string& id) const {
    for (const auto& layer : layers)
        if (layer.id == id) return &layer;
    return nullptr;
}

const Source* Style::findSource(const std::string& name) const {
    const auto it = sources.find(name);
    return it != sources.end() ? &it->second : nullptr;
}

}  // namespace jinmap
