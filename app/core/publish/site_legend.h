#pragma once
// A theme's legend for the web page, in both languages, with the class of
// every feature so the page counts what its filters leave. Built from the
// same legend model as the desktop (style/legend.h).
//
// English texts: metadata["jinmap:legend-en"] of the style (same shape as
// "jinmap:legend": title, note, layers → {title, labels}), else the
// database's English names for class keys that are sector groups, levels or
// prefecture codes, else generic step labels; else the Chinese text.
#include <QJsonObject>
#include <map>
#include <string>

#include "style/legend.h"

namespace jinmap {

class GeoDatabase;
class DatasetCatalog;
struct Dataset;

namespace json {
class Value;
}

// English words for class keys, read once from the database.
class LegendVocabulary {
  public:
    explicit LegendVocabulary(const GeoDatabase& db);
    // "" when the key is not a known sector group, level or prefecture code.
    std::string english(const std::string& key) const;

  private:
    std::map<std::string, std::string> words_;
};

class SiteLegend {
  public:
    SiteLegend(const LegendVocabulary& vocabulary, double zoom)
        : vocabulary_(vocabulary), zoom_(zoom) {}

    // Chinese and English texts (the style's "title:en", "labels:en",
    // "note:en"); `datasetOf` maps a style source to the dataset that serves it.
    QJsonObject build(const Style& style, const std::map<std::string, const Dataset*>& datasetOf,
                      std::vector<std::string>& warnings) const;

  private:
    const LegendVocabulary& vocabulary_;
    double zoom_;
};

}  // namespace jinmap
