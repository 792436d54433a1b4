#pragma once
// A FeatureSource over a SpatiaLite table or SQL view with one geometry column.
#include <memory>
#include <string>

#include "data/feature.h"

namespace jinmap {

class Database;

class SpatialiteSource final : public FeatureSource {
  public:
    // `relation` is a table or view name; geometryColumn is looked up in
    // geometry_columns / views_geometry_columns when empty, else "geometry".
    // Throws Error(Schema) when the relation or its geometry column is missing.
    SpatialiteSource(std::shared_ptr<Database> db, std::string relation,
                     std::string geometryColumn = {});
    // A source over an SQL query returning a geometry column named `geometryColumn`.
    static std::unique_ptr<SpatialiteSource> fromQuery(std::shared_ptr<Database> db,
                                                       std::string name, const std::string& sql,
                                                       std::string geometryColumn = "geometry");

    const std::string& name() const override { return name_; }
    const Fields& fields() const override { return fields_; }
    int srid() const { return srid_; }
    std::unique_ptr<FeatureIterator> features(const Bounds* filter = nullptr) const override;

  private:
    SpatialiteSource() = default;
    std::shared_ptr<Database> db_;
    std::string name_;
    std::string sql_;  // SELECT rowid-ish id, geometry, attributes…
    std::string geometryColumn_;
    Fields fields_;
    std::vector<std::string> attributeColumns_;
    int srid_ = 0;  // declared SRID, 0 when the relation is not registered
};

}  // namespace jinmap
