#include "data/county_summary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <sstream>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/feature.h"

namespace jinmap {

namespace {

std::vector<SourceQuote> provenanceFor(Database& db, const std::string& table,
                                       const std::string& id) {
    auto stmt = db.prepare(
        "SELECT p.source_id, s.file, p.quote, coalesce(p.field, '') FROM provenance p JOIN sources "
        "s "
        "ON s.id = p.source_id WHERE p.subject_table = ?1 AND p.subject_id = ?2 ORDER BY p.id");
    stmt.bind(1, table).bind(2, id);
    std::vector<SourceQuote> out;
    while (stmt.step())
        out.push_back(SourceQuote{stmt.columnText(0), stmt.columnText(1), stmt.columnText(2),
                                  stmt.columnText(3)});
    return out;
}

std::vector<NoteEntry> notesFor(Database& db, const std::string& table, const std::string& id) {
    auto stmt = db.prepare(
        "SELECT id, subject_table || ' ' || coalesce(subject_id, ''), note, coalesce(source_id, "
        "'') "
        "FROM data_notes WHERE subject_table = ?1 AND subject_id = ?2 ORDER BY id");
    stmt.bind(1, table).bind(2, id);
    std::vector<NoteEntry> out;
    while (stmt.step())
        out.push_back(NoteEntry{stmt.columnText(0), stmt.columnText(1), stmt.columnText(2),
                                stmt.columnText(3)});
    return out;
}

TownEntry readTown(Database& db, Statement& stmt) {
    TownEntry t;
    t.id = stmt.columnText(0);
    t.name = stmt.columnText(1);
    t.nameAsWritten = stmt.columnText(2);
    t.sector = stmt.columnText(3);
    t.sectorGroup = stmt.columnText(4);
    t.level = stmt.columnText(5);
    t.levelDetail = stmt.columnText(6);
    t.locationPrecision = stmt.columnText(7);
    auto facts = db.prepare(
        "SELECT f.metric, coalesce(m.label_zh, f.metric), f.value, f.value_text, "
        "coalesce(f.unit,''), f.year, "
        "f.source_id, s.file, f.quote FROM town_facts f JOIN sources s ON s.id = f.source_id "
        "LEFT JOIN metrics m ON m.metric = f.metric WHERE f.town_id = ?1 ORDER BY f.id");
    facts.bind(1, t.id);
    while (facts.step()) {
        FactEntry f;
        f.metric = facts.columnText(0);
        f.metricLabel = facts.columnText(1);
        f.value = facts.columnOptionalDouble(2);
        f.valueText = facts.columnText(3);
        f.unit = facts.columnText(4);
        if (!facts.isNull(5)) f.year = static_cast<int>(facts.columnInt64(5));
        f.source = SourceQuote{facts.columnText(6), facts.columnText(7), facts.columnText(8), ""};
        t.facts.push_back(std::move(f));
    }
    t.provenance = provenanceFor(db, "towns", t.id);
    t.notes = notesFor(db, "towns", t.id);
    return t;
}

constexpr const char* kTownColumns =
    "SELECT id, name, name_as_written, coalesce(sector,''), coalesce(sector_group,''), level, "
    "coalesce(level_detail,''), location_precision FROM towns ";

}  // namespace

TownEntry loadTown(const GeoDatabase& gdb, const std::string& townId) {
    Database& db = *gdb.database();
    auto stmt = db.prepare(std::string(kTownColumns) + "WHERE id = ?1");
    stmt.bind(1, townId);
    if (!stmt.step()) throw Error(ErrorKind::NotFound, "unknown town '" + townId + "'");
    return readTown(db, stmt);
}

CountySummary loadCountySummary(const GeoDatabase& gdb, const std::string& adcode) {
    Database& db = *gdb.database();
    CountySummary s;
    auto county = db.prepare(
        "SELECT c.adcode, c.name, c.prefecture, c.prefecture_adcode, c.kind, c.boundary_quality, "
        "coalesce(c.boundary_note,''), p.coverage, coalesce(p.coverage_note,'') FROM counties c "
        "JOIN prefectures p ON p.adcode = c.prefecture_adcode WHERE c.adcode = ?1");
    county.bind(1, adcode);
    if (!county.step()) throw Error(ErrorKind::NotFound, "unknown county code '" + adcode + "'");
    s.county = CountyRef{county.columnText(0), county.columnText(1), county.columnText(2),
                         county.columnText(3)};
    s.kind = county.columnText(4);
    s.boundaryQuality = county.columnText(5);
    s.boundaryNote = county.columnText(6);
    s.coverage = county.columnText(7);
    s.coverageNote = county.columnText(8);
    s.dataVersion = gdb.dataVersion();

    auto towns = db.prepare(std::string(kTownColumns) +
                            "WHERE county_adcode = ?1 ORDER BY CASE level WHEN 'provincial' THEN 0 "
                            "WHEN 'municipal' THEN 1 ELSE 2 END, id");
    towns.bind(1, adcode);
    while (towns.step()) s.towns.push_back(readTown(db, towns));

    auto readParks = [&](const char* table, std::vector<ParkEntry>& out) {
        const std::string t = table;
        const std::string industry = t == "parks" ? "coalesce(industry,'')" : "coalesce(kind,'')";
        const std::string layout = t == "parks" ? "coalesce(layout_kind,'')" : "''";
        auto stmt = db.prepare("SELECT id, name, " + industry + ", " + layout +
                               ", coalesce(location_precision,'') FROM " + t +
                               " WHERE county_adcode = ?1 ORDER BY id");
        stmt.bind(1, adcode);
        while (stmt.step()) {
            ParkEntry p{stmt.columnText(0), stmt.columnText(1), stmt.columnText(2),
                        stmt.columnText(3), stmt.columnText(4), {}};
            p.provenance = provenanceFor(db, t, p.id);
            out.push_back(std::move(p));
        }
    };
    readParks("parks", s.parks);
    readParks("platforms", s.platforms);

    auto projects = db.prepare(
        "SELECT p.id, p.name, coalesce(p.industry,''), coalesce(p.builder,''), "
        "coalesce(p.content,''), "
        "coalesce(p.investment_text,''), coalesce(p.investment_unit,''), p.investment, "
        "p.source_id, s.file, "
        "p.quote FROM projects p JOIN sources s ON s.id = p.source_id WHERE p.county_adcode = ?1 "
        "ORDER BY p.id");
    projects.bind(1, adcode);
    while (projects.step()) {
        ProjectEntry p;
        p.id = projects.columnText(0);
        p.name = projects.columnText(1);
        p.industry = projects.columnText(2);
        p.builder = projects.columnText(3);
        p.content = projects.columnText(4);
        p.investmentText = projects.columnText(5);
        p.investmentUnit = projects.columnText(6);
        p.investment = projects.columnOptionalDouble(7);
        p.source = SourceQuote{projects.columnText(8), projects.columnText(9),
                               projects.columnText(10), ""};
        s.projects.push_back(std::move(p));
    }

    // County-level notes; then the notes any reader of this summary must see.
    s.notes = notesFor(db, "counties", adcode);
    auto prefNotes = notesFor(db, "prefectures", s.county.prefectureAdcode);
    s.notes.insert(s.notes.end(), prefNotes.begin(), prefNotes.end());
    if (s.boundaryQuality == "approximate")
        s.notes.push_back(
            NoteEntry{"boundary", "counties " + adcode, "边界为近似：" + s.boundaryNote, ""});
    if (!s.towns.empty())
        s.notes.push_back(NoteEntry{
            "placement", "towns",
            "专业镇点位为县级示意位置（位于县域标注点附近），不代表专业镇实际位置。", ""});
    if (s.coverage != "full")
        s.notes.push_back(NoteEntry{
            "coverage", "prefectures " + s.county.prefectureAdcode,
            std::string("资料未完整列出") + s.county.prefecture + "的专业镇（覆盖度：" +
                (s.coverage == "none" ? "无" : "部分") + "）：未列出不代表没有。" + s.coverageNote,
            ""});
    return s;
}

std::string levelLabelZh(const std::string& level) {
    if (level == "provincial") return "省级";
    if (level == "municipal") return "市级";
    return "级别不明";
}

std::string formatSummaryText(const CountySummary& s) {
    std::ostringstream out;
    out << s.county.name << "（" << s.county.prefecture << "，" << s.county.adcode << "）\n";
    out << "专业镇 " << s.towns.size() << " 个";
    if (!s.parks.empty()) out << "，园区 " << s.parks.size() << " 个";
    if (!s.platforms.empty()) out << "，创新平台 " << s.platforms.size() << " 个";
    if (!s.projects.empty()) out << "，规划项目 " << s.projects.size() << " 个";
    out << "\n";
    for (const auto& t : s.towns) {
        out << "\n■ " << t.name;
        if (t.nameAsWritten != t.name) out << "（原文：" << t.nameAsWritten << "）";
        out << "\n  产业：" << t.sector << "（" << t.sectorGroup << "）\n";
        out << "  级别：" << levelLabelZh(t.level);
        if (!t.levelDetail.empty()) out << "（原文：" << t.levelDetail << "）";
        out << "\n";
        for (const auto& f : t.facts) {
            out << "  · " << f.metricLabel << "：" << f.valueText;
            if (!f.unit.empty() && f.valueText.find(f.unit) == std::string::npos)
                out << " " << f.unit;
            if (f.year) out << "（" << *f.year << "年）";
            out << "\n      来源 " << f.source.file << "：「" << f.source.quote << "」\n";
        }
        for (const auto& p : t.provenance)
            out << "  出处 " << p.file << (p.field.empty() ? "" : "[" + p.field + "]") << "：「"
                << p.quote << "」\n";
        for (const auto& n : t.notes) out << "  ⚠ 数据说明：" << n.note << "\n";
    }
    auto printParks = [&](const char* title, const std::vector<ParkEntry>& list) {
        if (list.empty()) return;
        out << "\n" << title << "\n";
        for (const auto& p : list) {
            out << "  · " << p.name;
            if (!p.industry.empty()) out << "（" << p.industry << "）";
            out << "\n";
            for (const auto& q : p.provenance)
                out << "      来源 " << q.file << "：「" << q.quote << "」\n";
        }
    };
    printParks("园区", s.parks);
    printParks("创新平台", s.platforms);
    if (!s.projects.empty()) {
        out << "\n规划项目\n";
        for (const auto& p : s.projects) {
            out << "  · " << p.name;
            if (!p.investmentText.empty())
                out << "，总投资 " << p.investmentText << p.investmentUnit;
            out << "\n      来源 " << p.source.file << "：「" << p.source.quote << "」\n";
        }
    }
    if (!s.notes.empty()) {
        out << "\n数据说明\n";
        for (const auto& n : s.notes) out << "  ⚠ " << n.note << "\n";
    }
    out << "\n数据版本 " << s.dataVersion << "\n";
    return out.str();
}

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}
QJsonObject sourceJson(const SourceQuote& sq) {
    QJsonObject o{{"source_id", q(sq.sourceId)}, {"file", q(sq.file)}, {"quote", q(sq.quote)}};
    if (!sq.field.empty()) o["field"] = q(sq.field);
    return o;
}
QJsonArray notesJson(const std::vector<NoteEntry>& notes) {
    QJsonArray a;
    for (const auto& n : notes)
        a.append(QJsonObject{{"id", q(n.id)},
                             {"subject", q(n.subject)},
                             {"note", q(n.note)},
                             {"sources", q(n.sources)}});
    return a;
}
}  // namespace

std::string formatSummaryJson(const CountySummary& s) {
    QJsonObject root;
    root["adcode"] = q(s.county.adcode);
    root["name"] = q(s.county.name);
    root["prefecture"] = q(s.county.prefecture);
    root["prefecture_adcode"] = q(s.county.prefectureAdcode);
    root["kind"] = q(s.kind);
    root["boundary_quality"] = q(s.boundaryQuality);
    root["coverage"] = q(s.coverage);
    root["data_version"] = q(s.dataVersion);
    QJsonArray towns;
    for (const auto& t : s.towns) {
        QJsonObject o{{"id", q(t.id)},
                      {"name", q(t.name)},
                      {"name_as_written", q(t.nameAsWritten)},
                      {"sector", q(t.sector)},
                      {"sector_group", q(t.sectorGroup)},
                      {"level", q(t.level)},
                      {"level_detail", q(t.levelDetail)},
                      {"location_precision", q(t.locationPrecision)}};
        QJsonArray facts;
        for (const auto& f : t.facts) {
            QJsonObject fo{{"metric", q(f.metric)},
                           {"label", q(f.metricLabel)},
                           {"value_text", q(f.valueText)},
                           {"unit", q(f.unit)},
                           {"source", sourceJson(f.source)}};
            fo["value"] = f.value ? QJsonValue(*f.value) : QJsonValue();
            fo["year"] = f.year ? QJsonValue(*f.year) : QJsonValue();
            facts.append(fo);
        }
        o["facts"] = facts;
        QJsonArray prov;
        for (const auto& p : t.provenance) prov.append(sourceJson(p));
        o["provenance"] = prov;
        o["notes"] = notesJson(t.notes);
        towns.append(o);
    }
    root["towns"] = towns;
    auto parksJson = [](const std::vector<ParkEntry>& list) {
        QJsonArray a;
        for (const auto& p : list) {
            QJsonArray prov;
            for (const auto& sq : p.provenance) prov.append(sourceJson(sq));
            a.append(QJsonObject{{"id", q(p.id)},
                                 {"name", q(p.name)},
                                 {"industry", q(p.industry)},
                                 {"layout_kind", q(p.layoutKind)},
                                 {"provenance", prov}});
        }
        return a;
    };
    root["parks"] = parksJson(s.parks);
    root["platforms"] = parksJson(s.platforms);
    QJsonArray projects;
    for (const auto& p : s.projects) {
        QJsonObject o{{"id", q(p.id)},
                      {"name", q(p.name)},
                      {"industry", q(p.industry)},
                      {"builder", q(p.builder)},
                      {"content", q(p.content)},
                      {"investment_text", q(p.investmentText)},
                      {"investment_unit", q(p.investmentUnit)},
                      {"source", sourceJson(p.source)}};
        o["investment"] = p.investment ? QJsonValue(*p.investment) : QJsonValue();
        projects.append(o);
    }
    root["projects"] = projects;
    root["notes"] = notesJson(s.notes);
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::vector<std::vector<std::string>> summaryFactRows(const CountySummary& s) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"county", "county_adcode", "prefecture", "town", "level", "level_detail",
                    "sector", "metric", "value", "value_text", "unit", "year", "source_file",
                    "quote"});
    for (const auto& t : s.towns) {
        for (const auto& f : t.facts) {
            rows.push_back({s.county.name, s.county.adcode, s.county.prefecture, t.name,
                            levelLabelZh(t.level), t.levelDetail, t.sector, f.metricLabel,
                            f.value ? valueToString(*f.value) : "", f.valueText, f.unit,
                            f.year ? std::to_string(*f.year) : "", f.source.file, f.source.quote});
        }
    }
    return rows;
}

}  // namespace jinmap
