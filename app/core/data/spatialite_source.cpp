#include "data/spatialite_source.h"

#include <sqlite3.h>

#include "base/error.h"
#include "base/sqlite.h"

namespace jinmap {

namespace {

std::string quoteIdent(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

class SpatialiteIterator final : public FeatureIterator {
  public:
    SpatialiteIterator(Statement stmt, std::size_t attributeCount, const Bounds* filter,
                       std::string sourceName, int srid)
        : stmt_(std::move(stmt)),
          attributeCount_(attributeCount),
          name_(std::move(sourceName)),
          srid_(srid) {
        if (filter) filter_ = *filter;
        hasFilter_ = filter != nullptr;
    }

    bool next(Feature& out) override {
        while (stmt_.step()) {
            out.id = stmt_.columnInt64(0);
            out.properties.clear();
            if (stmt_.isNull(1)) continue;  // features without geometry are not drawable
            auto [data, size] = stmt_.columnBlob(1);
            int srid = 0;
            try {
                out.geometry = parseSpatialiteBlob(data, size, &srid);
            } catch (const Error& e) {
                throw Error(ErrorKind::Geometry, e.message(),
                            name_ + " feature " + std::to_string(out.id));
            }
            checkFeature(out, srid);
            if (hasFilter_ && !filter_.intersects(out.geometry.bounds)) continue;
            out.properties.reserve(attributeCount_);
            for (std::size_t i = 0; i < attributeCount_; ++i) {
                const int col = static_cast<int>(i) + 2;
                switch (stmt_.columnType(col)) {
                    case SQLITE_INTEGER:
                    case SQLITE_FLOAT:
                        out.properties.emplace_back(stmt_.columnDouble(col));
                        break;
                    case SQLITE_TEXT:
                        out.properties.emplace_back(stmt_.columnText(col));
                        break;
                    default:
                        out.properties.emplace_back(std::monostate{});
                        break;
                }
            }
            return true;
        }
        return false;
    }

  private:
    // Every geometry must carry the layer's SRID, and lon/lat must be in range:
    // a hostile or mixed-up database is reported, not drawn somewhere absurd.
    void checkFeature(const Feature& f, int srid) const {
        const std::string where = name_ + " feature " + std::to_string(f.id);
        if (srid_ != 0 && srid != srid_)
            throw Error(ErrorKind::Geometry,
                        "geometry has SRID " + std::to_string(srid) + ", the layer declares " +
                            std::to_string(srid_),
                        where);
        if (f.geometry.isEmpty()) throw Error(ErrorKind::Geometry, "empty geometry", where);
        const Bounds& b = f.geometry.bounds;
        if (srid == 4326 && !b.isEmpty() &&
            (b.minX < -180 || b.maxX > 180 || b.minY < -90 || b.maxY > 90))
            throw Error(ErrorKind::Geometry, "longitude/latitude out of range", where);
    }

    Statement stmt_;
    std::size_t attributeCount_;
    std::string name_;
    int srid_ = 0;
    Bounds filter_;
    bool hasFilter_ = false;
};

// SRID registered for a table (or a view through views_geometry_columns), 0 if unknown.
int declaredSrid(Database& db, const std::string& relation, const std::string& column) {
    if (db.hasTable("geometry_columns")) {
        auto stmt = db.prepare(
            "SELECT srid FROM geometry_columns WHERE lower(f_table_name) = lower(?1) AND "
            "lower(f_geometry_column) = lower(?2)");
        stmt.bind(1, relation).bind(2, column);
        if (stmt.step()) return static_cast<int>(stmt.columnInt64(0));
    }
    if (db.hasTable("views_geometry_columns") && db.hasTable("geometry_columns")) {
        auto stmt = db.prepare(
            "SELECT g.srid FROM views_geometry_columns v JOIN geometry_columns g ON "
            "lower(g.f_table_name) = lower(v.f_table_name) AND lower(g.f_geometry_column) = "
            "lower(v.f_geometry_column) WHERE lower(v.view_name) = lower(?1)");
        stmt.bind(1, relation);
        if (stmt.step()) return static_cast<int>(stmt.columnInt64(0));
    }
    return 0;
}

bool isView(Database& db, const std::string& relation) {
    auto stmt = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?1");
    stmt.bind(1, relation);
    return stmt.step();
}

// The column a view registers as its row id (views_geometry_columns.view_rowid)
// and the table it shows, or empty.
std::pair<std::string, std::string> viewRowidColumn(Database& db, const std::string& relation,
                                                    const std::vector<std::string>& columns) {
    if (!db.hasTable("views_geometry_columns")) return {};
    auto stmt = db.prepare(
        "SELECT view_rowid, f_table_name FROM views_geometry_columns WHERE lower(view_name) = "
        "lower(?1)");
    stmt.bind(1, relation);
    if (!stmt.step()) return {};
    const std::string column = stmt.columnText(0);
    for (const auto& c : columns)
        if (c == column) return {c, stmt.columnText(1)};
    return {};
}

}  // namespace

SpatialiteSource::SpatialiteSource(std::shared_ptr<Database> db, std::string relation,
                                   std::string geometryColumn)
    : db_(std::move(db)), name_(std::move(relation)), geometryColumn_(std::move(geometryColumn)) {
    if (!db_->hasTable(name_))
        throw Error(ErrorKind::Schema, "table or view '" + name_ + "' does not exist", db_->path());
    const auto cols = db_->columns(name_);
    if (geometryColumn_.empty()) geometryColumn_ = "geometry";
    bool hasGeometry = false;
    for (const auto& c : cols) {
        if (c == geometryColumn_) {
            hasGeometry = true;
        } else if (c != "rowid" && c != "ogc_fid") {
            attributeColumns_.push_back(c);
        }
    }
    if (!hasGeometry)
        throw Error(ErrorKind::Schema,
                    "'" + name_ + "' has no geometry column '" + geometryColumn_ + "'",
                    db_->path());
    srid_ = declaredSrid(*db_, name_, geometryColumn_);
    // A view has no rowid of its own (SELECT rowid gives NULL, read as 0 for
    // every feature): use the row id column it registers, else number its rows.
    std::string id = "rowid";
    baseTable_ = name_;
    if (isView(*db_, name_)) {
        const auto [column, table] = viewRowidColumn(*db_, name_, cols);
        id = column.empty() ? std::string("row_number() OVER ()") : quoteIdent(column);
        baseTable_ = column.empty() ? std::string() : table;
    }
    std::string attributes;
    for (const auto& c : attributeColumns_) attributes += ", " + quoteIdent(c);
    const std::string geometry = quoteIdent(geometryColumn_);
    sql_ = "SELECT " + id + ", " + geometry + attributes + " FROM " + quoteIdent(name_);
    rowSql_ = "SELECT " + id + ", coalesce(length(" + geometry + "), 0)" + attributes + " FROM " +
              quoteIdent(name_);
    fields_.names = attributeColumns_;
}

std::unique_ptr<SpatialiteSource> SpatialiteSource::fromQuery(std::shared_ptr<Database> db,
                                                              std::string name,
                                                              const std::string& sql,
                                                              std::string geometryColumn) {
    std::unique_ptr<SpatialiteSource> src(new SpatialiteSource());
    src->db_ = std::move(db);
    src->name_ = std::move(name);
    src->geometryColumn_ = std::move(geometryColumn);
    // Describe the query's columns by preparing it once.
    auto probe = src->db_->prepare(sql);
    bool hasGeometry = false;
    for (int i = 0; i < probe.columnCount(); ++i) {
        const std::string c = probe.columnName(i);
        if (c == src->geometryColumn_) {
            hasGeometry = true;
        } else {
            src->attributeColumns_.push_back(c);
        }
    }
    if (!hasGeometry)
        throw Error(ErrorKind::Schema, "query has no column '" + src->geometryColumn_ + "'",
                    src->name_);
    std::string outer = "SELECT row_number() OVER (), " + quoteIdent(src->geometryColumn_);
    for (const auto& c : src->attributeColumns_) outer += ", " + quoteIdent(c);
    src->sql_ = outer + " FROM (" + sql + ")";
    src->fields_.names = src->attributeColumns_;
    return src;
}

namespace {
// The attributes in columns first, first + 1, … of a row.
void readProperties(const Statement& stmt, std::size_t count, std::vector<Value>& out, int first) {
    out.clear();
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const int col = static_cast<int>(i) + first;
        switch (stmt.columnType(col)) {
            case SQLITE_INTEGER:
            case SQLITE_FLOAT:
                out.emplace_back(stmt.columnDouble(col));
                break;
            case SQLITE_TEXT:
                out.emplace_back(stmt.columnText(col));
                break;
            default:
                out.emplace_back(std::monostate{});
                break;
        }
    }
}
}  // namespace

void SpatialiteSource::forEachRow(const std::function<void(AttributeRow&)>& visit) const {
    if (rowSql_.empty())
        throw Error(ErrorKind::Schema, "rows of a query source are read with features()", name_);
    auto stmt = db_->prepare(rowSql_);
    AttributeRow row;
    while (stmt.step()) {
        row.id = stmt.columnInt64(0);
        row.geometryBytes = stmt.columnInt64(1);
        readProperties(stmt, attributeColumns_.size(), row.properties, 2);
        visit(row);
    }
}

void SpatialiteSource::forEachRowThrough(const std::string& index,
                                         const std::function<void(AttributeRow&)>& visit) const {
    if (!isTable())
        throw Error(ErrorKind::Schema, "rows of a view are not read through an index", name_);
    std::string sql = "SELECT rowid";
    for (const auto& c : attributeColumns_) sql += ", " + quoteIdent(c);
    sql += " FROM " + quoteIdent(name_) + " INDEXED BY " + quoteIdent(index) + " ORDER BY rowid";
    auto stmt = db_->prepare(sql);
    AttributeRow row;
    row.geometryBytes = -1;
    while (stmt.step()) {
        row.id = stmt.columnInt64(0);
        readProperties(stmt, attributeColumns_.size(), row.properties, 1);
        visit(row);
    }
}

std::unique_ptr<FeatureIterator> SpatialiteSource::features(const Bounds* filter) const {
    auto stmt = db_->prepare(sql_);
    return std::make_unique<SpatialiteIterator>(std::move(stmt), attributeColumns_.size(), filter,
                                                name_, srid_);
}

}  // namespace jinmap
