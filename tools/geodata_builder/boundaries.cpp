#include "boundaries.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/csv.h"
#include "base/error.h"
#include "base/gcj02.h"
#include "counties.h"
#include "data/geojson.h"

namespace jinmap::builder {

namespace {

// DESIGN.md: the inverse of the GCJ-02 formula must reproduce every source
// vertex to 0.2 m.
constexpr double kMaxRoundTripM = 0.2;
// Between prefecture files the same border was generalised twice; the
// overlaps and gaps that leaves are well under this (largest seen: 0.15 km²).
constexpr double kMaxSliverKm2 = 1.0;

struct RawFeature {
    std::string id;
    std::string name;
    GeosGeometryPtr geometry;
    std::vector<std::pair<double, double>> labelCandidates;  // cp / center, then centroid
};

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, "cannot read file", path);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::string stringify(const rapidjson::Value& v) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    v.Accept(w);
    return sb.GetString();
}

std::string fixed(double v, int decimals) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    return std::string(buf, r.ptr);
}

std::string propertyString(const rapidjson::Value& props, const char* key) {
    if (!props.IsObject()) return {};
    auto it = props.FindMember(key);
    if (it == props.MemberEnd()) return {};
    if (it->value.IsString()) return it->value.GetString();
    if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
    return {};
}

bool isPosition(const rapidjson::Value& v) {
    return v.IsArray() && v.Size() >= 2 && v[0].IsNumber() && v[1].IsNumber();
}

// GCJ-02 → WGS84 for every position in a GeoJSON coordinates array (in place),
// checking that each converts back to within kMaxRoundTripM.
class DatumConverter {
  public:
    DatumConverter(BoundaryStats* stats, bool trackShift)
        : stats_(stats), trackShift_(trackShift) {}

    void convertPosition(rapidjson::Value& pos, const std::string& where) {
        const gcj02::LonLat gcj{pos[0].GetDouble(), pos[1].GetDouble()};
        const gcj02::LonLat wgs = gcj02::toWgs84(gcj);
        const double roundTrip = gcj02::distanceMetres(gcj02::fromWgs84(wgs), gcj);
        if (!(roundTrip <= kMaxRoundTripM))
            throw Error(ErrorKind::Geometry,
                        "GCJ-02 → WGS84 does not round-trip within 0.2 m at " + fixed(gcj.lon, 6) +
                            "," + fixed(gcj.lat, 6),
                        where);
        pos[0].SetDouble(wgs.lon);
        pos[1].SetDouble(wgs.lat);
        if (!stats_) return;
        ++stats_->convertedVertices;
        stats_->worstRoundTripM = std::max(stats_->worstRoundTripM, roundTrip);
        if (trackShift_) {
            const double shift = gcj02::distanceMetres(wgs, gcj);
            if (stats_->maxShiftM == 0 || shift < stats_->minShiftM) stats_->minShiftM = shift;
            stats_->maxShiftM = std::max(stats_->maxShiftM, shift);
        }
    }

    void convertCoordinates(rapidjson::Value& v, const std::string& where) {
        if (isPosition(v)) {
            convertPosition(v, where);
        } else if (v.IsArray()) {
            for (auto& child : v.GetArray()) convertCoordinates(child, where);
        }
    }

  private:
    BoundaryStats* stats_;
    bool trackShift_;
};

// Reads a FeatureCollection: echarts layout (feature "id", properties name/cp)
// or DataV layout (properties adcode/name/center/centroid).
std::vector<RawFeature> readFeatures(const GeosContext& geos, const std::string& path,
                                     bool fromGcj02, bool isShanxi, BoundaryStats* stats) {
    const std::string text = readFile(path);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError())
        throw Error(
            ErrorKind::Data,
            std::string("invalid GeoJSON: ") + rapidjson::GetParseError_En(doc.GetParseError()),
            path + " offset " + std::to_string(doc.GetErrorOffset()));
    if (!doc.IsObject() || !doc.HasMember("features") || !doc["features"].IsArray())
        throw Error(ErrorKind::Data, "GeoJSON has no features array", path);
    DatumConverter converter(stats, isShanxi);
    std::vector<RawFeature> out;
    int index = 0;
    for (auto& f : doc["features"].GetArray()) {
        const std::string where = path + " feature " + std::to_string(index++);
        if (!f.IsObject() || !f.HasMember("geometry") || !f["geometry"].IsObject())
            throw Error(ErrorKind::Data, "feature without geometry", where);
        RawFeature rf;
        const rapidjson::Value empty(rapidjson::kObjectType);
        const rapidjson::Value& props = f.HasMember("properties") ? f["properties"] : empty;
        rf.id = propertyString(props, "id");
        if (rf.id.empty()) rf.id = propertyString(props, "adcode");
        if (rf.id.empty() && f.HasMember("id")) {
            if (f["id"].IsString())
                rf.id = f["id"].GetString();
            else if (f["id"].IsInt64())
                rf.id = std::to_string(f["id"].GetInt64());
        }
        rf.name = propertyString(props, "name");
        if (props.IsObject())
            for (const char* key : {"cp", "center", "centroid"}) {
                auto it = props.FindMember(key);
                if (it == props.MemberEnd() || !isPosition(it->value)) continue;
                rapidjson::Value point(it->value, doc.GetAllocator());
                if (fromGcj02) converter.convertPosition(point, where);
                rf.labelCandidates.emplace_back(point[0].GetDouble(), point[1].GetDouble());
            }
        rapidjson::Value& geometry = f["geometry"];
        if (fromGcj02 && geometry.HasMember("coordinates"))
            converter.convertCoordinates(geometry["coordinates"], where);
        try {
            rf.geometry = geosFromGeoJson(geos, stringify(geometry));
        } catch (const Error& e) {
            throw Error(ErrorKind::Geometry, e.message(), where + " (" + rf.name + ")");
        }
        out.push_back(std::move(rf));
    }
    return out;
}

std::string describeCoverage(const CoverageReport& c) {
    return std::to_string(c.overlapSlivers) + " overlaps (" + fixed(c.overlapKm2, 2) +
           " km²) and " + std::to_string(c.gapSlivers) + " gaps (" + fixed(c.gapKm2, 2) +
           " km²) between counties, largest " + fixed(c.largestKm2, 3) + " km² (" + c.largestAt +
           "); neighbour provinces: " + fixed(c.contextTrimmedKm2, 1) +
           " km² overlapping Shanxi removed, " + fixed(c.contextFilledKm2, 1) +
           " km² of gaps added";
}

}  // namespace

BoundaryLoader::BoundaryLoader(const GeosContext& geos, const std::string& boundaryFilesCsv)
    : geos_(geos), filesCsv_(boundaryFilesCsv) {
    const CsvTable t = CsvTable::readFile(boundaryFilesCsv);
    t.requireColumns({"file", "package", "datum"});
    for (const auto& row : t.rows()) {
        const std::string& datum = t.field(row, "datum");
        if (datum != "GCJ-02" && datum != "WGS84")
            throw Error(ErrorKind::Data, "datum must be GCJ-02 or WGS84", t.where(row));
        if (!files_.emplace(t.field(row, "file"), FileInfo{t.field(row, "package"), datum}).second)
            throw Error(ErrorKind::Data, "file listed twice", t.where(row));
    }
}

const BoundaryLoader::FileInfo& BoundaryLoader::fileInfo(const std::string& file) const {
    auto it = files_.find(file);
    if (it == files_.end())
        throw Error(ErrorKind::Data, "boundary file " + file + " is not listed (datum unknown)",
                    filesCsv_);
    return it->second;
}

BoundarySet BoundaryLoader::load(const std::string& mappingCsv, const std::string& boundaryDir,
                                 const std::string& neighborsFile,
                                 const CountyRegistry& registry) const {
    BoundarySet set;
    BoundaryStats& stats = set.stats;
    const CsvTable mapping = CsvTable::readFile(mappingCsv);
    mapping.requireColumns(
        {"source_adcode", "source_name", "source_file", "adcode", "boundary_quality", "note"});

    // Read each file once, index features by source adcode.
    std::set<std::string> files;
    for (const auto& row : mapping.rows()) files.insert(mapping.field(row, "source_file"));
    std::set<std::string> packages;
    bool anyGcj = false;
    std::map<std::string, RawFeature> features;
    for (const auto& file : files) {
        const FileInfo& info = fileInfo(file);
        packages.insert(info.package);
        anyGcj = anyGcj || info.datum == "GCJ-02";
        const std::string path = (std::filesystem::path(boundaryDir) / file).string();
        for (auto& f : readFeatures(geos_, path, info.datum == "GCJ-02", true, &stats)) {
            const std::string key = f.id;
            if (!features.emplace(key, std::move(f)).second)
                throw Error(ErrorKind::Data, "duplicate feature id " + key, path);
            ++stats.sourceFeatures;
        }
    }

    std::map<std::string, std::vector<const RawFeature*>> parts;
    std::map<std::string, CountyShape>& shapes = set.counties;
    std::set<std::string> used;
    for (const auto& row : mapping.rows()) {
        const std::string where = mapping.where(row);
        const std::string& src = mapping.field(row, "source_adcode");
        const std::string& target = mapping.field(row, "adcode");
        auto it = features.find(src);
        if (it == features.end())
            throw Error(ErrorKind::Data,
                        "no polygon with id " + src + " in " + mapping.field(row, "source_file"),
                        where);
        if (!registry.find(target))
            throw Error(ErrorKind::Data, "target adcode " + target + " is not in county_codes.csv",
                        where);
        if (!used.insert(src).second)
            throw Error(ErrorKind::Data, "source polygon mapped twice", where);
        const std::string& quality = mapping.field(row, "boundary_quality");
        if (quality != "exact" && quality != "approximate")
            throw Error(ErrorKind::Data, "boundary_quality must be exact or approximate", where);
        CountyShape& shape = shapes[target];
        shape.adcode = target;
        if (quality == "approximate") shape.quality = "approximate";
        const std::string& note = mapping.field(row, "note");
        if (!note.empty() && shape.note.find(note) == std::string::npos)
            shape.note += (shape.note.empty() ? "" : "；") + note;
        shape.sourceUnits.push_back(src + " " + mapping.field(row, "source_name"));
        parts[target].push_back(&it->second);
    }
    if (used.size() != features.size())
        throw Error(ErrorKind::Data,
                    std::to_string(features.size() - used.size()) +
                        " boundary polygons are not listed in the mapping",
                    mappingCsv);
    for (const auto& [code, county] : registry.byCode())
        if (!shapes.count(code))
            throw Error(ErrorKind::Data,
                        "county " + code + " " + county.name + " has no boundary polygon",
                        mappingCsv);

    // Repair, dissolve onto the 2023 units.
    std::vector<CoverageUnit> units;
    for (auto& [adcode, shape] : shapes) {
        std::vector<GeosGeometryPtr> repairedParts;
        std::vector<const GEOSGeometry*> raw;
        for (const RawFeature* f : parts[adcode]) {
            if (geos_.isValid(f->geometry.get())) {
                raw.push_back(f->geometry.get());
            } else {
                ++shape.repaired;
                ++stats.repairedFeatures;
                auto fixedPart = geos_.polygonalPart(geos_.makeValid(f->geometry.get()).get());
                if (!geos_.isValid(fixedPart.get()) || geos_.isEmpty(fixedPart.get()))
                    throw Error(
                        ErrorKind::Geometry,
                        "polygon cannot be repaired: " + geos_.validityReason(f->geometry.get()),
                        "county " + adcode + " (" + f->name + ")");
                raw.push_back(fixedPart.get());
                repairedParts.push_back(std::move(fixedPart));
            }
        }
        GeosGeometryPtr merged = raw.size() == 1 ? geos_.clone(raw.front()) : geos_.unionAll(raw);
        const CountyCode* code = registry.find(adcode);
        units.push_back(CoverageUnit{adcode + " " + (code ? code->name : std::string()),
                                     geos_.polygonalPart(merged.get()), 0});
    }

    // Neighbour provinces (context), same datum handling.
    if (!neighborsFile.empty()) {
        const FileInfo& info = fileInfo(neighborsFile);
        const std::string path = (std::filesystem::path(boundaryDir) / neighborsFile).string();
        for (auto& f : readFeatures(geos_, path, info.datum == "GCJ-02", false, &stats)) {
            if (f.name.empty()) throw Error(ErrorKind::Data, "feature without name", path);
            GeosGeometryPtr g = geos_.isValid(f.geometry.get())
                                    ? geos_.polygonalPart(f.geometry.get())
                                    : geos_.polygonalPart(geos_.makeValid(f.geometry.get()).get());
            units.push_back(CoverageUnit{f.name, std::move(g), 1});
        }
    }

    // One clean coverage: counties tile the province, neighbours fit its outline.
    stats.coverage = CoverageCleaner(geos_, kMaxSliverKm2).clean(units);
    {
        std::size_t i = 0;
        for (auto& [adcode, shape] : shapes) shape.geometry = std::move(units[i++].geometry);
        for (; i < units.size(); ++i)
            set.neighbors.push_back(NamedShape{units[i].id, std::move(units[i].geometry)});
    }

    // Label point: the source's (county seat for DataV, cp for echarts) when it
    // lies inside an unchanged unit, else the centroid the source gives, else a
    // point guaranteed to be on the surface.
    for (auto& [adcode, shape] : shapes) {
        const RawFeature* only = parts[adcode].size() == 1 ? parts[adcode].front() : nullptr;
        bool placed = false;
        if (only)
            for (const auto& [x, y] : only->labelCandidates) {
                auto p = geos_.point(x, y);
                if (!geos_.contains(shape.geometry.get(), p.get())) continue;
                shape.labelX = x;
                shape.labelY = y;
                placed = true;
                break;
            }
        if (!placed) {
            auto p = geos_.pointOnSurface(shape.geometry.get());
            geos_.pointXY(p.get(), &shape.labelX, &shape.labelY);
        }
    }

    // What the database says about all this (metadata table).
    std::string packageList;
    for (const auto& p : packages) packageList += (packageList.empty() ? "" : ", ") + p;
    set.metadata.emplace_back("boundary_source", packageList);
    if (anyGcj) {
        set.metadata.emplace_back(
            "datum_conversion",
            "The boundary sources are in GCJ-02 (the datum of Chinese web maps such as AMap and "
            "DataV). The builder converted every vertex to WGS84 (CGCS2000 treated as identical) "
            "by inverting the published GCJ-02 forward formula (Krasovsky 1940 constants) with a "
            "fixed-point iteration to 1e-10 degree: " +
                std::to_string(stats.convertedVertices) +
                " vertices, worst round trip GCJ-02 -> WGS84 -> GCJ-02 " +
                fixed(stats.worstRoundTripM * 1000.0, 3) +
                " mm (limit 0.2 m); the shift removed in Shanxi is " + fixed(stats.minShiftM, 0) +
                "-" + fixed(stats.maxShiftM, 0) + " m.");
    }
    set.metadata.emplace_back(
        "boundary_cleaning",
        "Each prefecture file shares its internal borders exactly, but a border between two "
        "files was generalised twice. The counties and neighbour provinces were noded and "
        "polygonized together and every sliver given to the unit sharing the longest border "
        "with it: " +
            describeCoverage(stats.coverage) + ".");
    set.metadata.emplace_back(
        "boundary_source_zh",
        "县级行政区划边界据 " + packageList + " 整理（2023 年区划）" +
            (anyGcj ? std::string("；原为 GCJ-02 坐标，已按公开的 GCJ-02 算法迭代反算为 "
                                  "WGS84/CGCS2000，往返误差小于 0.2 米。")
                    : std::string("。")));
    return set;
}

}  // namespace jinmap::builder
