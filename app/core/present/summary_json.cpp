#include "present/summary_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace jinmap {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QJsonArray notesJson(const std::vector<NoteView>& notes) {
    QJsonArray a;
    for (const NoteView& n : notes)
        a.append(QJsonObject{{"id", q(n.id)}, {"kind", q(n.kind)}, {"text", q(n.text)}});
    return a;
}

QJsonObject quoteJson(const QuoteView& v) {
    QJsonObject o{{"source_id", q(v.sourceId)}, {"quote", q(v.quote)}};
    if (!v.field.empty()) o["field"] = q(v.field);
    return o;
}

QJsonArray quotesJson(const std::vector<QuoteView>& list) {
    QJsonArray a;
    for (const QuoteView& v : list) a.append(quoteJson(v));
    return a;
}

QJsonObject factJson(const FactView& f) {
    QJsonObject o{{"fact_id", q(f.factId)},
                  {"metric", q(f.metric)},
                  {"label", q(f.label)},
                  {"value", q(f.value)},
                  {"year_text", q(f.year)},
                  {"value_with_year", q(f.valueWithYear)},
                  {"value_as_written", q(f.asWritten)},
                  {"unit", q(f.unit)},
                  {"scope", scopeCode(f.scope)},
                  {"scope_badge", q(f.scopeBadge)},
                  {"counts_for_town", f.isTownsOwn()},
                  {"conflict", f.conflicted()},
                  {"citation", q(f.citation)},
                  {"source", quoteJson(f.source)},
                  {"notes", notesJson(f.notes)}};
    o["number"] = f.number ? QJsonValue(*f.number) : QJsonValue();
    o["year"] = f.yearNumber ? QJsonValue(*f.yearNumber) : QJsonValue();
    if (!f.company.empty()) o["company"] = q(f.company);
    QJsonArray conflicts;
    for (const FactView::Conflict& c : f.conflicts) {
        QJsonObject co{{"other_fact_id", q(c.other.factId)},
                       {"label", q(c.other.label)},
                       {"value", q(c.other.value)},
                       {"citation", q(c.other.citation)},
                       {"source", quoteJson(QuoteView{c.other.sourceId, c.other.quote, {}})}};
        if (!c.other.town.empty()) co["town"] = q(c.other.town);
        if (c.note) co["note"] = QJsonObject{{"id", q(c.note->id)}, {"text", q(c.note->text)}};
        conflicts.append(co);
    }
    o["conflicts"] = conflicts;
    return o;
}

QJsonObject townJson(const TownView& t) {
    QJsonObject o{{"id", q(t.id)},
                  {"name", q(t.name)},
                  {"name_zh", q(t.nameZh)},
                  {"sector", q(t.sector)},
                  {"sector_group", q(t.sectorGroup)},
                  {"level", q(t.level)},
                  {"level_text", q(t.levelText)},
                  {"location_precision", q(t.locationPrecision)},
                  {"county_adcode", t.countyAdcode.empty() ? QJsonValue() : q(t.countyAdcode)},
                  {"county", q(t.county)},
                  {"prefecture", q(t.prefecture)},
                  {"provenance", quotesJson(t.provenance)},
                  {"notes", notesJson(t.notes)}};
    if (!t.nameAsWritten.empty()) o["name_as_written"] = q(t.nameAsWritten);
    if (!t.citation.empty()) o["citation"] = q(t.citation);
    QJsonArray facts;
    for (const FactView& f : t.facts) facts.append(factJson(f));
    o["facts"] = facts;
    return o;
}

QJsonArray townsJson(const std::vector<TownView>& towns) {
    QJsonArray a;
    for (const TownView& t : towns) a.append(townJson(t));
    return a;
}

QJsonArray parksJson(const std::vector<ParkView>& list) {
    QJsonArray a;
    for (const ParkView& p : list)
        a.append(QJsonObject{{"id", q(p.id)},
                             {"name", q(p.name)},
                             {"name_zh", q(p.nameZh)},
                             {"industry", q(p.industry)},
                             {"kind", q(p.kind)},
                             {"kind_text", q(p.kindText)},
                             {"county", q(p.county)},
                             {"provenance", quotesJson(p.provenance)},
                             {"notes", notesJson(p.notes)}});
    return a;
}

QJsonArray projectsJson(const std::vector<ProjectView>& list) {
    QJsonArray a;
    for (const ProjectView& p : list)
        a.append(QJsonObject{
            {"id", q(p.id)},
            {"name", q(p.name)},
            {"name_zh", q(p.nameZh)},
            {"industry", q(p.industry)},
            {"builder", q(p.builder)},
            {"content", q(p.content)},
            {"investment", q(p.investment)},
            {"county", q(p.county)},
            {"county_adcode", p.countyAdcode.empty() ? QJsonValue() : q(p.countyAdcode)},
            {"citation", q(p.citation)},
            {"source", quoteJson(p.source)},
            {"notes", notesJson(p.notes)}});
    return a;
}

QJsonArray sourcesJson(const std::vector<SourceView>& list) {
    QJsonArray a;
    for (const SourceView& s : list)
        a.append(QJsonObject{{"id", q(s.id)},
                             {"title", q(s.title)},
                             {"publisher", q(s.publisher)},
                             {"date", q(s.date)},
                             {"citation", q(s.citation)},
                             {"file", q(s.file)},
                             {"sha256", q(s.sha256)},
                             {"notes", notesJson(s.notes)}});
    return a;
}

std::string dump(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

}  // namespace

std::string countySummaryJson(const CountyView& v) {
    QJsonObject root{{"lang", langCode(v.lang)},
                     {"adcode", q(v.adcode)},
                     {"name", q(v.name)},
                     {"name_zh", q(v.nameZh)},
                     {"kind", q(v.kind)},
                     {"prefecture", q(v.prefecture)},
                     {"prefecture_adcode", q(v.prefectureAdcode)},
                     {"boundary_quality", q(v.boundaryQuality)},
                     {"coverage", q(v.coverage)},
                     {"coverage_text", q(v.coverageText)},
                     {"data_version", q(v.dataVersion)},
                     {"towns", townsJson(v.towns)},
                     {"parks", parksJson(v.parks)},
                     {"platforms", parksJson(v.platforms)},
                     {"projects", projectsJson(v.projects)},
                     {"notes", notesJson(v.notes)},
                     {"sources", sourcesJson(v.sources)}};
    return dump(root);
}

std::string citySummaryJson(const CityView& v) {
    QJsonArray counties;
    for (const CityView::CountyLine& c : v.counties)
        counties.append(
            QJsonObject{{"adcode", q(c.adcode)}, {"name", q(c.name)}, {"towns", c.towns}});
    QJsonArray layout;
    for (const LayoutElementView& l : v.layout)
        layout.append(QJsonObject{{"id", q(l.id)},
                                  {"kind", q(l.kind)},
                                  {"kind_text", q(l.kindText)},
                                  {"name", q(l.name)},
                                  {"description", q(l.description)},
                                  {"provenance", quotesJson(l.provenance)},
                                  {"notes", notesJson(l.notes)}});
    QJsonArray counts;
    for (const DocCountView& c : v.counts)
        counts.append(QJsonObject{{"id", q(c.id)},
                                  {"scope", q(c.scope)},
                                  {"level", q(c.level)},
                                  {"level_text", q(c.levelText)},
                                  {"what", q(c.what)},
                                  {"count", static_cast<double>(c.count)},
                                  {"citation", q(c.citation)},
                                  {"source", quoteJson(c.source)},
                                  {"notes", notesJson(c.notes)}});
    QJsonObject root{{"lang", langCode(v.lang)},
                     {"adcode", q(v.adcode)},
                     {"name", q(v.name)},
                     {"name_zh", q(v.nameZh)},
                     {"coverage", q(v.coverage)},
                     {"coverage_text", q(v.coverageText)},
                     {"data_version", q(v.dataVersion)},
                     {"counties", counties},
                     {"towns", townsJson(v.towns)},
                     {"parks", parksJson(v.parks)},
                     {"platforms", parksJson(v.platforms)},
                     {"projects", projectsJson(v.projects)},
                     {"layout", layout},
                     {"counts", counts},
                     {"notes", notesJson(v.notes)},
                     {"sources", sourcesJson(v.sources)}};
    return dump(root);
}

}  // namespace jinmap
