#include "publish/site_publisher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/error.h"
#include "base/numbers.h"
#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "present/lang.h"
#include "present/view_loader.h"
#include "present/vocabulary.h"
#include "publish/dataset_catalog.h"
#include "publish/geojson_writer.h"
#include "publish/site_directory.h"
#include "publish/site_legend.h"
#include "publish/site_summaries.h"
#include "publish/site_texts.h"
#include "publish/vector_tiles.h"
#include "publish/web_style.h"
#include "render/extent.h"
#include "style/json.h"
#include "style/style_parser.h"
#include "style/value.h"

// Qt resources of a static library are registered by hand, outside any namespace.
static void initPublishWebResources() {
    Q_INIT_RESOURCE(publish_web);
}

namespace fs = std::filesystem;

namespace jinmap {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

const char* const kMaplibreFiles[] = {"maplibre-gl.js", "maplibre-gl.css", "LICENSE.txt",
                                      "VERSION"};
const char* const kWebFiles[] = {"index.html", "app.js", "app.css"};

// The legend's class counts and the page's filters are evaluated at a
// Shanxi-wide view (the shipped themes do not depend on zoom).
constexpr double kLegendZoom = 6.5;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, "cannot read file", path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(ErrorKind::Io, "cannot read file", path);
    return text;
}

QJsonObject both(const std::string& zh, const std::string& en) {
    return QJsonObject{{"zh_CN", q(zh)}, {"en", q(en.empty() ? zh : en)}};
}

struct Theme {
    std::string id;
    std::string path;
    json::Document raw;
    std::shared_ptr<const Style> style;
    std::map<std::string, std::string> sourceKeys;  // style source → catalog key
};

Theme readTheme(const std::string& path, std::vector<std::string>& warnings) {
    Theme t;
    t.path = path;
    const std::string text = readFile(path);
    ParseResult parsed = parseStyleText(text, path);
    for (const auto& w : parsed.warnings) warnings.push_back(w.toString());
    t.style = parsed.style;
    t.raw = json::parse(text, path);
    const auto it = t.style->metadata.find("jinmap:theme");
    t.id = it != t.style->metadata.end() && !it->second.empty() ? it->second
                                                                : fs::path(path).stem().string();
    return t;
}

std::string englishTitle(const json::Value& raw) {
    const json::Value* m = raw.find("metadata");
    const json::Value* legend = m ? m->find("jinmap:legend") : nullptr;
    const json::Value* title = legend ? legend->find("title:en") : nullptr;
    return title && title->isString() ? title->asString() : std::string();
}

bool wantsTiles(const PublishOptions& o, const Dataset& d,
                const std::vector<std::string>& sourceNames, std::uint64_t geojsonBytes) {
    for (const std::string& t : o.tiles) {
        if (t == "none") return false;
        if (t == d.name || t == d.relation ||
            std::find(sourceNames.begin(), sourceNames.end(), t) != sourceNames.end())
            return true;
    }
    const bool automatic = std::find(o.tiles.begin(), o.tiles.end(), "auto") != o.tiles.end();
    return automatic && geojsonBytes > o.tileThresholdBytes;
}

// `text` as the inside of a single-quoted JavaScript string literal.
void appendSingleQuotedBody(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\'':
                out += "\\'";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out.push_back(c);
        }
    }
}

// The dataset as a script; features without a drawable geometry (towns
// whose county the documents do not name) are left out of the dataset too,
// so legend classes and the page's features stay in step. The GeoJSON goes
// in as a string the page hands to JSON.parse: V8 scans a string literal
// and parses JSON several times faster than it parses the same data as an
// object literal (about half a second of the first render in a software-
// rendered browser for Shanxi's 1.2 MB).
std::string datasetScript(Dataset& d, const GeoJsonWriter& writer) {
    std::string out = "jinmapData(";
    json::appendQuoted(out, d.name);
    out += R"(,'{"type":"FeatureCollection","features":[)";
    std::vector<Feature> kept;
    kept.reserve(d.features.size());
    std::string feature;
    for (Feature& f : d.features) {
        feature.clear();
        if (!writer.appendFeature(feature, f, d.fields, d.columns)) continue;
        if (!kept.empty()) out.push_back(',');
        appendSingleQuotedBody(out, feature);
        kept.push_back(std::move(f));
    }
    d.features = std::move(kept);
    out += "]}');\n";
    return out;
}

bool isPointDataset(const Dataset& d) {
    if (d.features.empty()) return false;
    return std::all_of(d.features.begin(), d.features.end(),
                       [](const Feature& f) { return f.geometry.isPuntal(); });
}

// Which of a theme's layers a click can land on, by kind of place, and the
// counties its county layers show (evaluated with the layers' filters).
QJsonObject clickConfig(const Theme& t, const DatasetCatalog& catalog,
                        const std::map<std::string, std::string>& markerLayer) {
    QJsonObject click;
    std::map<std::string, QJsonArray> layersByKind;
    std::set<std::string> counties;
    std::string countySource;
    for (const Layer& layer : t.style->layers) {
        if (layer.type == LayerType::Background || !layer.visible) continue;
        const auto key = t.sourceKeys.find(layer.source);
        if (key == t.sourceKeys.end()) continue;
        const Dataset& d = catalog.datasetFor(key->second);
        if (d.kind == PlaceKind::County) {
            if (countySource.empty()) countySource = layer.source;
            const ColumnBinding binding(layer.attributes, d.fields.names);
            const int adcode = d.column("adcode");
            for (const Feature& f : d.features) {
                const RowFeatureView<std::vector<Value>> view(binding, f.properties);
                const EvaluationContext ctx{kLegendZoom, &view};
                if (adcode >= 0 && layer.accepts(ctx))
                    counties.insert(valueToString(f.properties[static_cast<std::size_t>(adcode)]));
            }
        } else if (d.kind == PlaceKind::Town || d.kind == PlaceKind::Park ||
                   d.kind == PlaceKind::Platform || d.kind == PlaceKind::Layout) {
            // Markers are drawn by a web layer of their own or by the label
            // layer they were merged into; lines and areas by themselves.
            const auto m = markerLayer.find(layer.id);
            if (m != markerLayer.end())
                layersByKind[placeKindCode(d.kind)].append(q(m->second));
            else if (layer.type != LayerType::Symbol)
                layersByKind[placeKindCode(d.kind)].append(q(layer.id));
        }
    }
    for (const auto& [kind, layers] : layersByKind) click[q(kind)] = layers;
    if (!countySource.empty()) {
        QJsonArray ids;
        for (const auto& c : counties) ids.append(q(c));
        click["county"] = QJsonObject{{"source", q(countySource)}, {"ids", ids}};
    }
    return click;
}

QJsonObject filterOptions(const GeoDatabase& db) {
    const auto database = db.database();
    QJsonArray levels, sectors, cities;
    for (const char* level : {"provincial", "municipal", "unknown"})
        levels.append(
            QJsonObject{{"value", level},
                        {"label", both(levelWord(level, Lang::Zh), levelWord(level, Lang::En))}});
    auto s = database->prepare("SELECT sector_group, label_en FROM sector_groups ORDER BY rowid");
    while (s.step())
        sectors.append(QJsonObject{{"value", q(s.columnText(0))},
                                   {"label", both(s.columnText(0), s.columnText(1))}});
    auto c = database->prepare("SELECT name, name_en FROM prefectures ORDER BY adcode");
    while (c.step())
        cities.append(QJsonObject{{"value", q(c.columnText(0))},
                                  {"label", both(c.columnText(0), c.columnText(1))}});
    return QJsonObject{{"level", levels}, {"sector", sectors}, {"city", cities}};
}

QJsonArray documents(const GeoDatabase& db) {
    std::map<std::string, QJsonObject> byId;
    std::vector<std::string> order;
    for (const Lang lang : {Lang::Zh, Lang::En}) {
        ViewReader reader(db, lang);
        for (const SourceView& s : reader.allSources()) {
            if (!byId.count(s.id)) order.push_back(s.id);
            QJsonObject& o = byId[s.id];
            o["id"] = q(s.id);
            o["file"] = q(s.file);
            o["sha256"] = q(s.sha256);
            QJsonObject citation = o.value("citation").toObject();
            citation[langCode(lang)] = q(s.citation);
            o["citation"] = citation;
        }
    }
    QJsonArray out;
    for (const auto& id : order) out.append(byId[id]);
    return out;
}

// The facts model (towns, figures, sources, notes) arrived with schema 2.
bool hasFactsModel(const GeoDatabase& db) {
    const auto version = parseInteger(db.metadata("schema_version"));
    return version && *version >= 2;
}

std::string webResource(const char* name) {
    QFile f(QStringLiteral(":/jinmap/publish/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Export, std::string("the page resource is missing: ") + name);
    return f.readAll().toStdString();
}

}  // namespace

void checkMaplibreDir(const std::string& dir) {
    for (const char* f : kMaplibreFiles) {
        std::error_code ec;
        if (!fs::is_regular_file(fs::path(dir) / f, ec))
            throw Error(ErrorKind::Io,
                        std::string("MapLibre GL JS is not here (missing ") + f +
                            "); build the project (it runs tools/fetch_maplibre.sh) or pass "
                            "--maplibre DIR",
                        dir);
    }
}

SitePublisher::SitePublisher(std::shared_ptr<GeoDatabase> db, PublishOptions options)
    : db_(std::move(db)), options_(std::move(options)) {}

PublishReport SitePublisher::run() {
    initPublishWebResources();
    PublishReport report;
    if (options_.stylePaths.empty())
        throw Error(ErrorKind::Usage, "publish needs at least one --style");
    if (options_.decimals < 0 || options_.decimals > 9 || options_.pointDecimals < 0 ||
        options_.pointDecimals > 9)
        throw Error(ErrorKind::Usage, "coordinate decimals must be 0..9");
    checkMaplibreDir(options_.maplibreDir);
    const Bounds extent = resolveExtent(*db_, options_.extent);  // before any writing
    SiteDirectory site(options_.outputDir);

    // Themes and the data they read.
    std::vector<Theme> themes;
    DatasetCatalog catalog;
    for (const std::string& path : options_.stylePaths) {
        Theme t = readTheme(path, report.warnings);
        std::string id = t.id;
        for (int n = 2;
             std::any_of(themes.begin(), themes.end(), [&](const Theme& x) { return x.id == id; });
             ++n)
            id = t.id + "-" + std::to_string(n);
        t.id = id;
        for (const auto& [name, source] : t.style->sources) {
            std::vector<std::string> attributes;
            for (const Layer& l : t.style->layers)
                if (l.source == name)
                    attributes.insert(attributes.end(), l.attributes.begin(), l.attributes.end());
            t.sourceKeys[name] = catalog.add(source, attributes);
        }
        themes.push_back(std::move(t));
    }
    catalog.load(*db_);

    // Data: GeoJSON scripts, or vector tiles for large layers.
    QJsonObject datasetsJson;
    std::map<std::string, WebSourceBinding> bindings;  // by dataset name
    for (const auto& dp : catalog.datasets()) {
        Dataset& d = *dp;
        std::vector<std::string> sourceNames;
        for (const Theme& t : themes)
            for (const auto& [name, key] : t.sourceKeys)
                if (&catalog.datasetFor(key) == &d) sourceNames.push_back(name);
        const GeoJsonWriter writer(isPointDataset(d) ? options_.pointDecimals : options_.decimals);
        const std::string script = datasetScript(d, writer);
        const std::size_t written = d.features.size();
        PublishedDataset out{d.name, written, 0, false, 0};
        WebSourceBinding binding;
        binding.dataset = d.name;
        for (int c : d.columns) binding.columns.insert(d.fields.names[static_cast<std::size_t>(c)]);
        QJsonObject info{{"kind", placeKindCode(d.kind)},
                         {"features", static_cast<double>(written)}};
        if (wantsTiles(options_, d, sourceNames, script.size())) {
            const VectorTileResult tiles =
                writeVectorTiles(d, {options_.tileMinZoom, options_.tileMaxZoom}, site);
            out.tiled = true;
            out.tiles = tiles.tiles;
            out.bytes = tiles.bytes;
            binding.tiled = true;
            binding.tileMinZoom = tiles.minZoom;
            binding.tileMaxZoom = tiles.maxZoom;
            if (!tiles.bounds.isEmpty()) {
                binding.tileBounds[0] = tiles.bounds.minX;
                binding.tileBounds[1] = tiles.bounds.minY;
                binding.tileBounds[2] = tiles.bounds.maxX;
                binding.tileBounds[3] = tiles.bounds.maxY;
            }
            info["tiles"] = QJsonObject{{"path", q("tiles/" + d.name)},
                                        {"minzoom", tiles.minZoom},
                                        {"maxzoom", tiles.maxZoom},
                                        {"count", static_cast<double>(tiles.tiles)}};
        } else {
            site.write("data/" + d.name + ".js", script);
            out.bytes = script.size();
            info["file"] = q("data/" + d.name + ".js");
        }
        info["bytes"] = static_cast<double>(out.bytes);
        datasetsJson[q(d.name)] = info;
        bindings[d.name] = binding;
        report.datasets.push_back(out);
    }

    // Themes: translated styles, legends with counts, click targets.
    const LegendVocabulary vocabulary(*db_);
    const SiteLegend legendBuilder(vocabulary, kLegendZoom);
    std::map<std::string, SiteImage> images;
    QJsonArray themesJson;
    for (const Theme& t : themes) {
        const WebStyleTranslator translator([&](const std::string& source) {
            const auto key = t.sourceKeys.find(source);
            if (key == t.sourceKeys.end())
                throw Error(ErrorKind::Export, "unknown source " + source);
            return bindings.at(catalog.datasetFor(key->second).name);
        });
        WebStyle web = translator.translate(t.raw.root, *t.style);
        for (const auto& w : web.warnings) report.warnings.push_back(t.path + ": " + w);
        for (SiteImage& i : web.images) images.emplace(i.id, i);
        std::map<std::string, const Dataset*> datasetOf;
        for (const auto& [name, key] : t.sourceKeys) datasetOf[name] = &catalog.datasetFor(key);
        std::vector<std::string> legendWarnings;
        QJsonObject legend = legendBuilder.build(*t.style, datasetOf, legendWarnings);
        for (const auto& w : legendWarnings) report.warnings.push_back(t.path + ": " + w);
        // Tiled datasets: the page cannot recount them, drop the per-feature classes.
        QJsonArray groups = legend.value("groups").toArray();
        for (int i = 0; i < groups.size(); ++i) {
            QJsonObject g = groups.at(i).toObject();
            const auto b = bindings.find(g.value("dataset").toString().toStdString());
            if (b != bindings.end() && b->second.tiled) g.remove("classes");
            groups[i] = g;
        }
        legend["groups"] = groups;

        QJsonObject sources, english;
        for (const auto& [name, dataset] : web.sourceDataset) sources[q(name)] = q(dataset);
        for (const auto& [layer, field] : web.englishTextField) english[q(layer)] = field;
        QJsonObject theme{{"id", q(t.id)},
                          {"file", q("themes/" + t.id + ".json")},
                          {"name", both(t.style->name, englishTitle(t.raw.root))},
                          {"style", web.style},
                          {"sources", sources},
                          {"legend", legend},
                          {"englishText", english},
                          {"click", clickConfig(t, catalog, web.markerLayer)}};
        themesJson.append(theme);
        site.write("themes/" + t.id + ".json",
                   QJsonDocument(web.style).toJson(QJsonDocument::Indented));
        report.themes.push_back(t.id);
    }

    // Summaries (presentation model, both languages) and the search index.
    // A database without the facts model (the all-China benchmark set) gives
    // a map-only site: themes, legend and tiles, no summaries or search.
    const bool model = hasFactsModel(*db_);
    QJsonObject places{{"entries", QJsonArray()}, {"t2s", QJsonObject()}};
    QJsonObject filters;
    QJsonArray sourceDocuments;
    if (model) {
        SiteSummaries summaries(*db_);
        report.summaryFiles = summaries.write(site);
        places = summaries.searchIndex();
        filters = filterOptions(*db_);
        sourceDocuments = documents(*db_);
    } else {
        report.warnings.push_back(
            "the database has no facts model (metadata schema_version < 2): the site shows the "
            "map and legend only, without summaries, search or filters");
    }

    QJsonObject imagesJson;
    for (const auto& [id, image] : images)
        imagesJson[q(id)] = QJsonObject{{"url", QStringLiteral("data:image/png;base64,") +
                                                    QString::fromLatin1(image.png.toBase64())},
                                        {"pixelRatio", image.pixelRatio},
                                        {"sdf", image.sdf}};

    const std::string maplibreVersion = readFile(options_.maplibreDir + "/VERSION");
    report.maplibreVersion = maplibreVersion.substr(0, maplibreVersion.find(' '));
    const bool margin = !options_.extent.empty();
    QJsonObject config{
        {"generator", QStringLiteral("jinmap " JINMAP_VERSION)},
        {"dataVersion", q(db_->dataVersion())},
        {"maplibre", q(report.maplibreVersion)},
        {"view",
         QJsonObject{{"bounds", QJsonArray{extent.minX, extent.minY, extent.maxX, extent.maxY}},
                     {"margin", margin ? 0.03 : 0.0}}},
        {"themes", themesJson},
        {"datasets", datasetsJson},
        {"images", imagesJson},
        {"filters", filters},
        {"places", places},
        {"summaries", model},
        {"documents", sourceDocuments},
        {"texts", siteTexts(*db_)}};
    std::string siteScript = "window.JINMAP_SITE = ";
    siteScript += QJsonDocument(config).toJson(QJsonDocument::Compact).toStdString();
    siteScript += ";\n";
    site.write("site.js", siteScript);

    for (const char* f : kWebFiles) site.write(f, webResource(f));
    for (const char* f : kMaplibreFiles)
        site.copyFile(options_.maplibreDir + "/" + f, std::string("vendor/maplibre-gl/") + f);
    site.write("LICENSES.md", licensesText(*db_, maplibreVersion));

    site.commit();
    report.outputDir = site.targetPath();
    report.totalBytes = site.totalBytes();
    report.files = site.fileCount();
    report.bytesByPart = site.bytesByPart();
    return report;
}

}  // namespace jinmap
