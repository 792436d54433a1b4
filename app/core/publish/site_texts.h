#pragma once
// The fixed texts of a published site in Chinese and English: the
// schematic-map notice and the map-review (审图号) reminder every map of
// jinmap's data carries, the boundary source and datum conversion from the
// database's metadata, the town-placement caveat; and the site's LICENSES.md.
#include <QJsonObject>
#include <string>

namespace jinmap {

class GeoDatabase;

QJsonObject siteTexts(const GeoDatabase& db);
std::string licensesText(const GeoDatabase& db, const std::string& maplibreVersionLine);

}  // namespace jinmap
