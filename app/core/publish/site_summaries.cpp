#include "publish/site_summaries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <vector>

#include "base/error.h"
#include "base/sqlite.h"
#include "base/text.h"
#include "data/geodatabase.h"
#include "data/spatialite_source.h"
#include "present/summary_json.h"
#include "present/view_loader.h"
#include "publish/site_directory.h"
#include "style/json.h"

namespace jinmap {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// Re-lays the model's JSON compactly (the site ships it; indentation is for people).
std::string compact(const std::string& json) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (doc.isNull())
        throw Error(ErrorKind::Export,
                    "summary JSON does not read back: " + error.errorString().toStdString());
    return doc.toJson(QJsonDocument::Compact).toStdString();
}

std::string script(const char* lang, const char* kind, const std::string& id,
                   const std::string& json) {
    std::string out = "jinmapSummary(";
    json::appendQuoted(out, lang);
    out += ",";
    json::appendQuoted(out, kind);
    out += ",";
    json::appendQuoted(out, id);
    out += "," + compact(json) + ");\n";
    return out;
}

double round4(double v) {
    return std::round(v * 1e4) / 1e4;
}

// Lon/lat bounds of every row of a table, by the value of `idColumn`.
std::map<std::string, Bounds> boundsById(const GeoDatabase& db, const std::string& table,
                                         const std::string& idColumn) {
    std::map<std::string, Bounds> out;
    SpatialiteSource source(db.database(), table);
    const int c = source.fields().indexOf(idColumn);
    if (c < 0) return out;
    auto it = source.features();
    Feature f;
    while (it->next(f))
        out[valueToString(f.properties[static_cast<std::size_t>(c)])].extend(f.geometry.bounds);
    return out;
}

// UTF-8 text split into code points.
std::vector<std::string> characters(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        out.push_back(text.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace

std::size_t SiteSummaries::write(SiteDirectory& site) {
    std::size_t files = 0;
    for (const Lang lang : {Lang::Zh, Lang::En}) {
        ViewReader reader(db_, lang);
        const char* code = langCode(lang);
        const std::string dir = std::string("summaries/") + code + "/";
        auto counties = db_.database()->prepare("SELECT adcode FROM counties ORDER BY adcode");
        while (counties.step()) {
            const std::string adcode = counties.columnText(0);
            std::string path = dir;
            path += "county-" + adcode + ".js";
            site.write(path,
                       script(code, "county", adcode, countySummaryJson(reader.county(adcode))));
            ++files;
        }
        for (const std::string& adcode : reader.prefectureCodes()) {
            const CityView city = reader.city(adcode);
            std::string path = dir;
            path += "city-" + adcode + ".js";
            site.write(path, script(code, "city", adcode, citySummaryJson(city)));
            ++files;
            for (const ParkView& p : city.parks) cityOf_.emplace(p.id, adcode);
            for (const ParkView& p : city.platforms) cityOf_.emplace(p.id, adcode);
            for (const LayoutElementView& l : city.layout) cityOf_.emplace(l.id, adcode);
        }
    }
    return files;
}

QJsonObject SiteSummaries::searchIndex() const {
    const auto database = db_.database();
    // Traditional → Simplified for every character the names use, so mixed
    // input (祁縣, 太谷區) finds the Simplified names: pairs from whole-name
    // conversions (OpenCC picks by phrase) and from single characters.
    QJsonObject t2s;
    auto learn = [&](const std::string& simplified, const std::string& traditional) {
        const auto s = characters(simplified), t = characters(traditional);
        if (s.size() != t.size()) return;
        for (std::size_t i = 0; i < s.size(); ++i)
            if (s[i] != t[i] && s[i].size() > 1) t2s[q(t[i])] = q(s[i]);
    };
    auto addCharacters = [&](const std::string& text) {
        if (text.empty()) return;
        const std::string simplified = toSimplified(text);
        learn(simplified, text);
        learn(simplified, toTraditional(simplified));
        for (const std::string& c : characters(simplified))
            if (c.size() > 1) learn(c, toTraditional(c));
    };
    QJsonArray entries;
    std::map<std::string, std::string> countyEn, cityEn;
    {
        auto s = database->prepare("SELECT adcode, name_en FROM counties");
        while (s.step()) countyEn[s.columnText(0)] = s.columnText(1);
        auto p = database->prepare("SELECT name, name_en FROM prefectures");
        while (p.step()) cityEn[p.columnText(0)] = p.columnText(1);
    }
    auto add = [&](const char* kind, const std::string& id, const std::string& name,
                   const std::string& asWritten, const std::string& en, const std::string& context,
                   const std::string& contextEn, const Bounds& b, const std::string& summary) {
        QJsonObject e{{"k", kind}, {"id", q(id)}, {"n", q(name)}, {"s", q(summary)}};
        const std::string traditional = toTraditional(name);
        if (traditional != name) e["t"] = q(traditional);
        if (!asWritten.empty() && asWritten != name && asWritten != traditional)
            e["w"] = q(asWritten);
        if (!en.empty()) e["e"] = q(en);
        if (!context.empty()) e["c"] = q(context);
        if (!contextEn.empty()) e["ce"] = q(contextEn);
        if (!b.isEmpty())
            e["b"] = QJsonArray{round4(b.minX), round4(b.minY), round4(b.maxX), round4(b.maxY)};
        entries.append(e);
        addCharacters(name);
        addCharacters(asWritten);
    };

    {
        const auto bounds = boundsById(db_, "prefectures", "adcode");
        auto s = database->prepare("SELECT adcode, name, name_en FROM prefectures ORDER BY adcode");
        while (s.step()) {
            const std::string adcode = s.columnText(0);
            const auto b = bounds.find(adcode);
            add("city", adcode, s.columnText(1), {}, s.columnText(2), "山西省", "Shanxi",
                b == bounds.end() ? Bounds() : b->second, "city:" + adcode);
        }
    }
    {
        const auto bounds = boundsById(db_, "counties", "adcode");
        auto s = database->prepare(
            "SELECT adcode, name, name_en, prefecture FROM counties ORDER BY adcode");
        while (s.step()) {
            const std::string adcode = s.columnText(0), city = s.columnText(3);
            const auto b = bounds.find(adcode);
            add("county", adcode, s.columnText(1), {}, s.columnText(2), city, cityEn[city],
                b == bounds.end() ? Bounds() : b->second, "county:" + adcode);
        }
    }
    {
        const auto bounds = boundsById(db_, "towns", "id");
        auto s = database->prepare(
            "SELECT id, name, name_as_written, name_en, county, prefecture, county_adcode, "
            "prefecture_adcode FROM towns ORDER BY id");
        while (s.step()) {
            const std::string id = s.columnText(0), county = s.columnText(4),
                              city = s.columnText(5), countyCode = s.columnText(6);
            std::string context = city;
            if (!county.empty()) {
                context += " ";
                context += county;
            }
            const std::string contextEn =
                cityEn[city] + (county.empty() ? "" : ", " + countyEn[countyCode]);
            const auto b = bounds.find(id);
            add("town", id, s.columnText(1), s.columnText(2), s.columnText(3), context, contextEn,
                b == bounds.end() ? Bounds() : b->second,
                countyCode.empty() ? "city:" + s.columnText(7) : "county:" + countyCode);
        }
    }
    for (const char* table : {"parks", "platforms"}) {
        const auto bounds = boundsById(db_, table, "id");
        const std::string kind = std::string(table) == "parks" ? "park" : "platform";
        auto s =
            database->prepare(std::string("SELECT id, name, name_en, county, county_adcode FROM ") +
                              table + " ORDER BY id");
        while (s.step()) {
            const std::string id = s.columnText(0), countyCode = s.columnText(4);
            std::string summary;
            if (!countyCode.empty())
                summary = "county:" + countyCode;
            else if (const auto c = cityOf_.find(id); c != cityOf_.end())
                summary = "city:" + c->second;
            const auto b = bounds.find(id);
            add(kind.c_str(), id, s.columnText(1), {}, s.columnText(2), s.columnText(3),
                countyEn[countyCode], b == bounds.end() ? Bounds() : b->second, summary);
        }
    }
    {
        const auto bounds = boundsById(db_, "layout_elements", "id");
        auto s = database->prepare("SELECT id, name, name_en FROM layout_elements ORDER BY id");
        while (s.step()) {
            const std::string id = s.columnText(0);
            const auto c = cityOf_.find(id);
            const auto b = bounds.find(id);
            add("layout", id, s.columnText(1), {}, s.columnText(2), {}, {},
                b == bounds.end() ? Bounds() : b->second,
                c == cityOf_.end() ? std::string() : "city:" + c->second);
        }
    }
    return QJsonObject{{"entries", entries}, {"t2s", t2s}};
}

}  // namespace jinmap
