#include "boundaries.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/csv.h"
#include "base/error.h"
#include "counties.h"
#include "data/geojson.h"

namespace jinmap::builder {

namespace {

struct RawFeature {
    std::string id;
    std::string name;
    GeosGeometryPtr geometry;
    bool hasCp = false;
    double cpX = 0, cpY = 0;
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

std::string propertyString(const rapidjson::Value& props, const char* key) {
    if (!props.IsObject()) return {};
    auto it = props.FindMember(key);
    if (it == props.MemberEnd()) return {};
    if (it->value.IsString()) return it->value.GetString();
    if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
    return {};
}

std::vector<RawFeature> readFeatures(const GeosContext& geos, const std::string& path) {
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
    std::vector<RawFeature> out;
    int index = 0;
    for (const auto& f : doc["features"].GetArray()) {
        const std::string where = path + " feature " + std::to_string(index++);
        if (!f.IsObject() || !f.HasMember("geometry") || !f["geometry"].IsObject())
            throw Error(ErrorKind::Data, "feature without geometry", where);
        RawFeature rf;
        const rapidjson::Value empty(rapidjson::kObjectType);
        const rapidjson::Value& props = f.HasMember("properties") ? f["properties"] : empty;
        rf.id = propertyString(props, "id");
        if (rf.id.empty() && f.HasMember("id")) {
            if (f["id"].IsString())
                rf.id = f["id"].GetString();
            else if (f["id"].IsInt64())
                rf.id = std::to_string(f["id"].GetInt64());
        }
        rf.name = propertyString(props, "name");
        if (props.IsObject() && props.HasMember("cp") && props["cp"].IsArray() &&
            props["cp"].Size() == 2 && props["cp"][0].IsNumber() && props["cp"][1].IsNumber()) {
            rf.hasCp = true;
            rf.cpX = props["cp"][0].GetDouble();
            rf.cpY = props["cp"][1].GetDouble();
        }
        try {
            rf.geometry = geosFromGeoJson(geos, stringify(f["geometry"]));
        } catch (const Error& e) {
            throw Error(ErrorKind::Geometry, e.message(), where + " (" + rf.name + ")");
        }
        out.push_back(std::move(rf));
    }
    return out;
}

}  // namespace

std::map<std::string, CountyShape> BoundaryLoader::loadCounties(const std::string& mappingCsv,
                                                                const std::string& boundaryDir,
                                                                const CountyRegistry& registry,
                                                                BoundaryStats* stats) const {
    const CsvTable mapping = CsvTable::readFile(mappingCsv);
    mapping.requireColumns(
        {"source_adcode", "source_name", "source_file", "adcode", "boundary_quality", "note"});

    // Read each file once, index features by source adcode.
    std::set<std::string> files;
    for (const auto& row : mapping.rows()) files.insert(mapping.field(row, "source_file"));
    std::map<std::string, RawFeature> features;
    for (const auto& file : files) {
        const std::string path = (std::filesystem::path(boundaryDir) / file).string();
        for (auto& f : readFeatures(geos_, path)) {
            const std::string key = f.id;
            if (!features.emplace(key, std::move(f)).second)
                throw Error(ErrorKind::Data, "duplicate feature id " + key, path);
            if (stats) ++stats->sourceFeatures;
        }
    }

    std::map<std::string, std::vector<const RawFeature*>> parts;
    std::map<std::string, CountyShape> shapes;
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

    for (auto& [adcode, shape] : shapes) {
        std::vector<GeosGeometryPtr> repairedParts;
        std::vector<const GEOSGeometry*> raw;
        for (const RawFeature* f : parts[adcode]) {
            if (geos_.isValid(f->geometry.get())) {
                raw.push_back(f->geometry.get());
            } else {
                ++shape.repaired;
                if (stats) ++stats->repairedFeatures;
                auto fixed = geos_.polygonalPart(geos_.makeValid(f->geometry.get()).get());
                if (!geos_.isValid(fixed.get()) || geos_.isEmpty(fixed.get()))
                    throw Error(
                        ErrorKind::Geometry,
                        "polygon cannot be repaired: " + geos_.validityReason(f->geometry.get()),
                        "county " + adcode + " (" + f->name + ")");
                raw.push_back(fixed.get());
                repairedParts.push_back(std::move(fixed));
            }
        }
        GeosGeometryPtr merged = raw.size() == 1 ? geos_.clone(raw.front()) : geos_.unionAll(raw);
        shape.geometry = geos_.polygonalPart(merged.get());
        if (!geos_.isValid(shape.geometry.get()))
            throw Error(
                ErrorKind::Geometry,
                "dissolved polygon is invalid: " + geos_.validityReason(shape.geometry.get()),
                "county " + adcode);
        // Label point: echarts' cp for an unchanged unit when it lies inside,
        // else a point guaranteed to be on the surface.
        const RawFeature* only = parts[adcode].size() == 1 ? parts[adcode].front() : nullptr;
        bool placed = false;
        if (only && only->hasCp) {
            auto cp = geos_.point(only->cpX, only->cpY);
            if (geos_.contains(shape.geometry.get(), cp.get())) {
                shape.labelX = only->cpX;
                shape.labelY = only->cpY;
                placed = true;
            }
        }
        if (!placed) {
            auto p = geos_.pointOnSurface(shape.geometry.get());
            geos_.pointXY(p.get(), &shape.labelX, &shape.labelY);
        }
    }
    for (const auto& [code, county] : registry.byCode())
        if (!shapes.count(code))
            throw Error(ErrorKind::Data,
                        "county " + code + " " + county.name + " has no boundary polygon",
                        mappingCsv);
    return shapes;
}

std::vector<NamedShape> BoundaryLoader::loadNamedShapes(const std::string& geojsonPath) const {
    std::vector<NamedShape> out;
    for (auto& f : readFeatures(geos_, geojsonPath)) {
        GeosGeometryPtr g = geos_.isValid(f.geometry.get())
                                ? geos_.polygonalPart(f.geometry.get())
                                : geos_.polygonalPart(geos_.makeValid(f.geometry.get()).get());
        if (f.name.empty()) throw Error(ErrorKind::Data, "feature without name", geojsonPath);
        out.push_back(NamedShape{f.name, std::move(g)});
    }
    return out;
}

}  // namespace jinmap::builder
