#pragma once
// A workspace as a GeoPackage (issue 14 item 6): every layer with its
// attributes, provenance, source texts and change log, written through GDAL
// so QGIS opens it as it is; readImportFile reads its towns and figures back.
#include <string>
#include <vector>

namespace jinmap::data {

// Layers a GeoPackage export holds (those the workspace has).
const std::vector<std::string>& exchangeLayers();

// Writes `output` (temp file, then rename: all or nothing). Throws Error(Io/Export).
void exportGeoPackage(const std::string& workspace, const std::string& output);

}  // namespace jinmap::data
