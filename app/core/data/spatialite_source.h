#pragma once
// A FeatureSource over a SpatiaLite table or SQL view with one geometry column.
// Feature ids: a table's rowid; a view's registered row id column
// (views_geometry_columns.view_rowid), else its row number.
//
// Threading rule: a source reads through the connection it was given, which
// belongs to one thread (base/sqlite.h): make, iterate and drop the source on
// that thread. GeoDatabase::source() gives the calling thread's connection.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

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

    // Every row without parsing its geometry: the id, the geometry blob's
    // size in bytes (0 when NULL: such rows are not drawable) and the
    // attributes in fields() order. SQLite answers length() of a blob without
    // reading it, so this reads no coordinates at all.
    struct AttributeRow {
        std::int64_t id = 0;
        std::int64_t geometryBytes = 0;
        std::vector<Value> properties;
    };
    void forEachRow(const std::function<void(AttributeRow&)>& visit) const;
    // The same rows in rowid order through `index` of the table, which must
    // hold every attribute column (nothing is then read from the table);
    // geometryBytes is -1 (unknown). Only for a table source (isTable()).
    void forEachRowThrough(const std::string& index,
                           const std::function<void(AttributeRow&)>& visit) const;
    bool isTable() const { return baseTable_ == name_; }
    // The table whose rows a view shows (views_geometry_columns.f_table_name),
    // or the relation itself when it is a table.
    const std::string& baseTable() const { return baseTable_; }

  private:
    SpatialiteSource() = default;
    std::shared_ptr<Database> db_;
    std::string name_;
    std::string sql_;     // SELECT rowid-ish id, geometry, attributes…
    std::string rowSql_;  // SELECT id, length(geometry), attributes…
    std::string baseTable_;
    std::string geometryColumn_;
    Fields fields_;
    std::vector<std::string> attributeColumns_;
    int srid_ = 0;  // declared SRID, 0 when the relation is not registered
};

}  // namespace jinmap
