#pragma once
// Translates a jinmap style file into the MapLibre GL JS style of the web
// site. The files are MapLibre styles already (same zoom, expressions,
// properties); what changes is what MapLibre cannot read from them:
//   - jinmap sources (SpatiaLite tables / SQL) become GeoJSON sources whose
//     data the page puts in (or vector-tile sources for tiled datasets);
//   - jinmap:hatch becomes a fill-pattern image (the fill colour with the
//     hatching) plus a 1 px line layer for fill-outline-color, which MapLibre
//     does not draw under a pattern;
//   - circle layers become symbol layers with SDF marker icons (circle,
//     star, square, triangle: jinmap:shape): icon-color ← circle-color,
//     icon-size ← circle-radius / unit, icon-halo-* ← circle-stroke-*. They
//     go on top of the style, so that MapLibre places them before any label
//     and labels avoid markers, as on the desktop;
//   - glyphs and sprite are dropped: the site draws text with local fonts.
// What cannot be translated is reported as a warning, never dropped silently.
#include <QJsonObject>
#include <QJsonValue>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "publish/marker_images.h"
#include "style/style.h"

namespace jinmap {

namespace json {
class Value;
}

// Where the data of one style source comes from in the site.
struct WebSourceBinding {
    std::string dataset;  // dataset name (data/<name>.js or tiles/<name>/)
    bool tiled = false;
    int tileMinZoom = 0, tileMaxZoom = 0;
    double tileBounds[4] = {-180, -85.051129, 180, 85.051129};  // lon/lat
    std::set<std::string> columns;                              // attribute names the dataset ships
};
using SourceResolver = std::function<WebSourceBinding(const std::string& sourceName)>;

struct WebStyle {
    QJsonObject style;                                 // the MapLibre style
    std::map<std::string, std::string> sourceDataset;  // style source → dataset
    std::vector<SiteImage> images;                     // images its layers use
    // Circle layer id → the web layer that draws its markers.
    std::map<std::string, std::string> markerLayer;
    // Symbol layers whose text reads ["get", "name"]: the text-field to use
    // in English (name_en where the dataset has it, else the Chinese name).
    std::map<std::string, QJsonValue> englishTextField;
    std::vector<std::string> warnings;  // "layer id: what was not translated"
};

// Converts a parsed JSON value (style file) to Qt's JSON.
QJsonValue toQJson(const json::Value& v);

class WebStyleTranslator {
  public:
    explicit WebStyleTranslator(SourceResolver resolver) : resolver_(std::move(resolver)) {}
    // `raw` is the style file's JSON root, `style` the same file parsed.
    WebStyle translate(const json::Value& raw, const Style& style) const;

  private:
    SourceResolver resolver_;
};

}  // namespace jinmap
