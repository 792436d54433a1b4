#pragma once
// The data a published site needs: every source of every published style,
// read once from the database. Sources naming the same table (or SQL) share
// a dataset; datasets whose features have the same ids and geometries (the
// table `counties` and the view `v_counties_thematic`) are merged into one
// with the union of their attributes, so the boundaries are shipped once.
// Reads through the GeoDatabase's connection: use on the thread that owns it.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "data/feature.h"
#include "style/style.h"

namespace jinmap {

class GeoDatabase;

// What a feature is, for clicks, search and summaries.
enum class PlaceKind {
    Other,
    Province,
    Prefecture,
    County,
    Town,
    Park,
    Platform,
    Layout,
    Neighbor
};
const char* placeKindCode(PlaceKind kind) noexcept;  // "county", "town", …

struct Dataset {
    std::string name;      // file stem and vector-tile layer name, e.g. "counties"
    std::string relation;  // table or view; empty for an SQL source
    std::string sql;
    std::string geometryColumn;
    PlaceKind kind = PlaceKind::Other;
    std::set<std::string> wanted;  // attributes the styles read
    // After load():
    Fields fields;
    std::vector<Feature> features;
    std::vector<int> columns;  // exported columns (indexes into fields)

    int column(const std::string& name) const { return fields.indexOf(name); }
    std::string text(std::size_t feature, const std::string& column) const;
};

class DatasetCatalog {
  public:
    // Registers a style's source with the attributes its layers read;
    // returns the key to ask datasetFor() with after load().
    std::string add(const Source& source, const std::vector<std::string>& attributes);
    // Reads every dataset and merges those with identical features. Throws
    // Error(Schema/Database) when a source cannot be read.
    void load(const GeoDatabase& db);

    // The dataset serving a key returned by add() (after merges).
    const Dataset& datasetFor(const std::string& key) const;
    const std::vector<std::unique_ptr<Dataset>>& datasets() const { return datasets_; }
    // The first dataset of a kind (e.g. the counties), or null.
    const Dataset* firstOfKind(PlaceKind kind) const;

  private:
    std::vector<std::unique_ptr<Dataset>> datasets_;
    std::map<std::string, Dataset*> byKey_;
};

// Columns that clicks, search and filters read, by kind (besides the styles').
const std::vector<std::string>& interactionColumns(PlaceKind kind);

}  // namespace jinmap
