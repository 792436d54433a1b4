#include "present/view_loader.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/error.h"
#include "base/sqlite.h"
#include "base/text.h"
#include "data/geodatabase.h"
#include "present/display_value.h"
#include "present/quoted_text.h"

namespace jinmap {

namespace {

struct SourceRow {
    std::string file, title, titleEn, publisher, publisherEn, date, sha256;
};

struct NoteRow {
    std::string id, table, subject, note, noteEn, kind, related, sourceId;
};

struct FactRow {
    std::string factId, townId, metric, label, labelEn, metricZh, metricEn;
    std::optional<double> value;
    std::string valueText, unit, scope, company, sourceId, quote;
    std::optional<int> year;
    std::string valueTextEn;
    std::string enteredBy;  // a workspace figure entered by hand: its author
};

struct TownRow {
    std::string id, name, nameAsWritten, nameEn, sector, sectorEn, group, groupEn, level,
        levelDetail, levelDetailEn, precision, countyAdcode, prefecture;
    std::string enteredBy;  // a workspace town entered by hand: who (no source)
};

struct PlaceRow {
    std::string adcode, name, nameEn, kind, prefectureAdcode, quality, boundaryNote;
    std::string coverage;  // prefectures
};

struct ParkRow {
    std::string id, name, nameEn, industry, industryEn, kind, countyAdcode;
};

struct ProjectRow {
    std::string id, name, nameEn, industry, industryEn, builder, content, contentEn;
    std::optional<double> investment;
    std::string investmentText, investmentUnit, countyAdcode, sourceId, quote;
};

struct LayoutRow {
    std::string id, kind, name, nameEn, description, descriptionEn;
};

struct CountRow {
    std::string id, scope, level, what, whatEn, sourceId, quote;
    long long count = 0;
};

int levelRank(const std::string& level) {
    return level == "provincial" ? 0 : level == "municipal" ? 1 : 2;
}

bool hasLatinLetter(const std::string& s) {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

std::string key(const std::string& table, const std::string& id) {
    return table + '\x1f' + id;
}

// 2025-03-10 → 2025年3月10日 (Chinese); ISO as stored in English.
std::string dateText(const std::string& date, Lang lang) {
    if (lang == Lang::En || date.empty()) return date;
    std::string out;
    std::size_t part = 0, start = 0;
    static const char* suffix[] = {"年", "月", "日"};
    while (start <= date.size() && part < 3) {
        const std::size_t dash = date.find('-', start);
        std::string piece =
            date.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
        while (part > 0 && piece.size() > 1 && piece.front() == '0') piece.erase(0, 1);
        out += piece + suffix[part++];
        if (dash == std::string::npos) break;
        start = dash + 1;
    }
    return out;
}

}  // namespace

struct ViewReader::Impl {
    Database& db;
    Lang lang;
    std::string dataVersion;
    std::map<std::string, std::set<std::string>> columns;

    std::map<std::string, SourceRow> sources;
    std::vector<NoteRow> notes;
    std::unordered_multimap<std::string, std::size_t> notesBySubject;
    std::unordered_multimap<std::string, std::size_t> notesBySourceOnly;  // no subject id
    // factId → (other factId, index of the note or -1 when the note sits on the other)
    std::unordered_multimap<std::string, std::pair<std::string, long>> conflicts;
    std::vector<FactRow> facts;
    std::unordered_map<std::string, std::size_t> factById;
    std::unordered_multimap<std::string, std::size_t> factsByTown;
    std::vector<TownRow> towns;
    std::map<std::string, PlaceRow> counties, prefectures;
    std::map<std::string, std::string> prefectureByName;
    std::unordered_map<std::string, std::vector<QuoteView>> provenance;
    std::vector<ParkRow> parks, platforms;
    std::vector<ProjectRow> projects;
    std::vector<LayoutRow> layout;
    std::vector<CountRow> counts;

    Impl(Database& database, Lang l) : db(database), lang(l) {}

    // coalesce(column, '') when the table has it, else '' (older databases).
    std::string col(const std::string& table, const std::string& column,
                    const std::string& fallback = "''", const std::string& alias = {}) {
        auto it = columns.find(table);
        if (it == columns.end()) {
            const auto list = db.columns(table);
            it = columns.emplace(table, std::set<std::string>(list.begin(), list.end())).first;
        }
        if (!it->second.count(column)) return fallback;
        return "coalesce(" + alias + column + ", " + fallback + ")";
    }

    void load();
    std::string zh(const std::string& s) const { return toSimplified(s); }
    std::string text(const std::string& zhText, const std::string& en) const {
        return pickData(lang, toSimplified(zhText), en);
    }
    std::string countyName(const std::string& adcode) const {
        const auto it = counties.find(adcode);
        return it == counties.end() ? std::string()
                                    : placeName(it->second.name, it->second.nameEn, lang);
    }
    std::string prefectureName(const std::string& adcode) const {
        const auto it = prefectures.find(adcode);
        return it == prefectures.end() ? std::string()
                                       : placeName(it->second.name, it->second.nameEn, lang);
    }
    std::string citation(const std::string& sourceId) const;
    NoteView noteView(const NoteRow& n) const {
        return NoteView{
            n.id, n.kind,
            lang == Lang::Zh || n.noteEn.empty()
                ? (lang == Lang::Zh ? simplifyOutsideQuotes(n.note) : "「" + n.note + "」")
                : n.noteEn};
    }
    std::vector<NoteView> notesFor(const std::string& table, const std::string& id) const;
    std::vector<QuoteView> provenanceFor(const std::string& table, const std::string& id) const {
        const auto it = provenance.find(key(table, id));
        return it == provenance.end() ? std::vector<QuoteView>() : it->second;
    }
    std::string yearText(const std::optional<int>& year) const {
        if (!year) return {};
        return lang == Lang::Zh ? std::to_string(*year) + "年" : std::to_string(*year);
    }
    std::string withYear(const std::string& value, const std::optional<int>& year) const {
        if (!year) return value;
        return lang == Lang::Zh ? value + "（" + std::to_string(*year) + "年）"
                                : value + " (" + std::to_string(*year) + ")";
    }
    OtherReading otherReading(const FactRow& f, const std::string& townId) const;
    FactView factView(const FactRow& f) const;
    TownView townView(const TownRow& t) const;
    ParkView parkView(const ParkRow& p, bool platform) const;
    LayoutElementView layoutView(const LayoutRow& l) const {
        LayoutElementView e;
        e.id = l.id;
        e.kind = l.kind;
        e.kindText = layoutKindWord(l.kind, lang);
        e.name = text(l.name, l.nameEn);
        e.description = text(l.description, l.descriptionEn);
        e.provenance = provenanceFor("layout_elements", l.id);
        e.notes = notesFor("layout_elements", l.id);
        return e;
    }
    ProjectView projectView(const ProjectRow& p) const;
    std::vector<SourceView> sourceViews(const std::vector<std::string>& ids) const;
    NoteView placementNote() const;
    NoteView coverageNote(const PlaceRow& prefecture) const;
    NoteView boundaryNote(const PlaceRow& county) const;
};

void ViewReader::Impl::load() {
    try {
        dataVersion = db.queryString("SELECT value FROM metadata WHERE key = 'data_version'")
                          .value_or(std::string());
    } catch (const Error&) {
    }
    {
        auto s = db.prepare("SELECT id, file, " + col("sources", "title") + ", " +
                            col("sources", "title_en") + ", " + col("sources", "publisher") + ", " +
                            col("sources", "publisher_en") + ", " + col("sources", "date") +
                            ", coalesce(sha256, '') FROM sources ORDER BY id");
        while (s.step())
            sources[s.columnText(0)] =
                SourceRow{s.columnText(1), s.columnText(2), s.columnText(3), s.columnText(4),
                          s.columnText(5), s.columnText(6), s.columnText(7)};
    }
    {
        auto s = db.prepare("SELECT id, subject_table, coalesce(subject_id, ''), note, " +
                            col("data_notes", "note_en") + ", " + col("data_notes", "kind") + ", " +
                            col("data_notes", "related_fact_id") +
                            ", coalesce(source_id, '') FROM data_notes ORDER BY id");
        while (s.step()) {
            NoteRow n{s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(3),
                      s.columnText(4), s.columnText(5), s.columnText(6), s.columnText(7)};
            const std::size_t i = notes.size();
            if (n.kind == "conflict" && !n.related.empty() && n.table == "town_facts") {
                conflicts.emplace(n.subject, std::make_pair(n.related, static_cast<long>(i)));
                conflicts.emplace(n.related, std::make_pair(n.subject, -1L));
            } else if (n.subject.empty()) {
                notesBySourceOnly.emplace(n.sourceId, i);
            } else {
                notesBySubject.emplace(key(n.table, n.subject), i);
            }
            notes.push_back(std::move(n));
        }
    }
    {
        auto s = db.prepare(
            "SELECT " + col("town_facts", "fact_id", "CAST(f.id AS TEXT)", "f.") +
            ", f.town_id, f.metric, " + col("town_facts", "label", "''", "f.") + ", " +
            col("town_facts", "label_en", "''", "f.") +
            ", coalesce(m.label_zh, f.metric), coalesce(m.label_en, f.metric), f.value, "
            "coalesce(f.value_text, ''), coalesce(f.unit, ''), " +
            col("town_facts", "scope", "'town'", "f.") + ", " +
            col("town_facts", "company", "''", "f.") + ", f.source_id, f.quote, f.year, " +
            col("town_facts", "value_text_en", "''", "f.") + ", " +
            col("town_facts", "entered_by", "''", "f.") +
            " FROM town_facts f LEFT JOIN metrics m ON m.metric = "
            "f.metric ORDER BY f.id");
        while (s.step()) {
            FactRow f{s.columnText(0),  s.columnText(1),           s.columnText(2),
                      s.columnText(3),  s.columnText(4),           s.columnText(5),
                      s.columnText(6),  s.columnOptionalDouble(7), s.columnText(8),
                      s.columnText(9),  s.columnText(10),          s.columnText(11),
                      s.columnText(12), s.columnText(13),          std::nullopt,
                      s.columnText(15), s.columnText(16)};
            if (!s.isNull(14)) f.year = static_cast<int>(s.columnInt64(14));
            factById[f.factId] = facts.size();
            factsByTown.emplace(f.townId, facts.size());
            facts.push_back(std::move(f));
        }
    }
    {
        auto s = db.prepare(
            "SELECT t.id, t.name, t.name_as_written, " + col("towns", "name_en", "''", "t.") +
            ", coalesce(t.sector, ''), " + col("towns", "sector_en", "''", "t.") +
            ", coalesce(t.sector_group, ''), coalesce(g.label_en, ''), t.level, "
            "coalesce(t.level_detail, ''), " +
            col("towns", "level_detail_en", "''", "t.") +
            ", t.location_precision, coalesce(t.county_adcode, ''), t.prefecture, " +
            col("towns", "entered_by", "''", "t.") +
            " FROM towns t LEFT JOIN sector_groups g ON g.sector_group = t.sector_group ORDER BY "
            "t.id");
        while (s.step())
            towns.push_back(TownRow{s.columnText(0), s.columnText(1), s.columnText(2),
                                    s.columnText(3), s.columnText(4), s.columnText(5),
                                    s.columnText(6), s.columnText(7), s.columnText(8),
                                    s.columnText(9), s.columnText(10), s.columnText(11),
                                    s.columnText(12), s.columnText(13), s.columnText(14)});
    }
    {
        auto s = db.prepare("SELECT adcode, name, " + col("counties", "name_en") +
                            ", kind, prefecture_adcode, boundary_quality, "
                            "coalesce(boundary_note, '') FROM counties ORDER BY adcode");
        while (s.step())
            counties[s.columnText(0)] =
                PlaceRow{s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(3),
                         s.columnText(4), s.columnText(5), s.columnText(6), {}};
        auto p = db.prepare("SELECT adcode, name, " + col("prefectures", "name_en") +
                            ", coverage FROM prefectures ORDER BY adcode");
        while (p.step()) {
            PlaceRow row{p.columnText(0), p.columnText(1), p.columnText(2), {}, {}, {}, {}, {}};
            row.coverage = p.columnText(3);
            prefectureByName[row.name] = row.adcode;
            prefectures[row.adcode] = row;
        }
    }
    {
        auto s = db.prepare(
            "SELECT subject_table, subject_id, source_id, quote, coalesce(field, '') FROM "
            "provenance ORDER BY id");
        while (s.step())
            provenance[key(s.columnText(0), s.columnText(1))].push_back(
                QuoteView{s.columnText(2), s.columnText(3), s.columnText(4)});
    }
    {
        auto s = db.prepare("SELECT id, name, " + col("parks", "name_en") +
                            ", coalesce(industry, ''), " + col("parks", "industry_en") +
                            ", coalesce(layout_kind, ''), coalesce(county_adcode, '') FROM parks "
                            "ORDER BY id");
        while (s.step())
            parks.push_back(ParkRow{s.columnText(0), s.columnText(1), s.columnText(2),
                                    s.columnText(3), s.columnText(4), s.columnText(5),
                                    s.columnText(6)});
        const std::string kindEn = col("platforms", "kind_en") != "''"
                                       ? col("platforms", "kind_en")
                                       : col("platforms", "industry_en");
        auto p = db.prepare("SELECT id, name, " + col("platforms", "name_en") +
                            ", coalesce(kind, ''), " + kindEn +
                            ", '', coalesce(county_adcode, '') FROM platforms ORDER BY id");
        while (p.step())
            platforms.push_back(ParkRow{p.columnText(0), p.columnText(1), p.columnText(2),
                                        p.columnText(3), p.columnText(4), p.columnText(5),
                                        p.columnText(6)});
    }
    {
        auto s = db.prepare(
            "SELECT id, name, " + col("projects", "name_en") + ", coalesce(industry, ''), " +
            col("projects", "industry_en") + ", coalesce(builder, ''), coalesce(content, ''), " +
            col("projects", "content_en") +
            ", investment, coalesce(investment_text, ''), coalesce(investment_unit, ''), "
            "coalesce(county_adcode, ''), source_id, quote FROM projects ORDER BY id");
        while (s.step()) {
            ProjectRow p{s.columnText(0),  s.columnText(1),  s.columnText(2),
                         s.columnText(3),  s.columnText(4),  s.columnText(5),
                         s.columnText(6),  s.columnText(7),  s.columnOptionalDouble(8),
                         s.columnText(9),  s.columnText(10), s.columnText(11),
                         s.columnText(12), s.columnText(13)};
            projects.push_back(std::move(p));
        }
    }
    {
        auto s =
            db.prepare("SELECT id, kind, name, " + col("layout_elements", "name_en") +
                       ", coalesce(description, ''), " + col("layout_elements", "description_en") +
                       " FROM layout_elements ORDER BY id");
        while (s.step())
            layout.push_back(LayoutRow{s.columnText(0), s.columnText(1), s.columnText(2),
                                       s.columnText(3), s.columnText(4), s.columnText(5)});
    }
    {
        auto s = db.prepare("SELECT id, scope, level, count, coalesce(what, ''), " +
                            col("doc_counts", "what_en") +
                            ", source_id, quote FROM doc_counts ORDER BY id");
        while (s.step()) {
            CountRow c{s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(4),
                       s.columnText(5), s.columnText(6), s.columnText(7), s.columnInt64(3)};
            counts.push_back(std::move(c));
        }
    }
}

std::string ViewReader::Impl::citation(const std::string& sourceId) const {
    const auto it = sources.find(sourceId);
    if (it == sources.end()) return {};
    const SourceRow& s = it->second;
    std::string out;
    if (lang == Lang::En && !s.titleEn.empty())
        out = "“" + s.titleEn + "”";
    else
        out = "《" + (s.title.empty() ? s.file : simplifyOutsideQuotes(s.title)) + "》";
    const std::string publisher =
        lang == Lang::Zh ? zh(s.publisher) : (s.publisherEn.empty() ? s.publisher : s.publisherEn);
    if (!publisher.empty()) out += " · " + publisher;
    if (!s.date.empty()) out += " · " + dateText(s.date, lang);
    return out;
}

std::vector<NoteView> ViewReader::Impl::notesFor(const std::string& table,
                                                 const std::string& id) const {
    std::vector<std::size_t> idx;
    const auto range = notesBySubject.equal_range(key(table, id));
    for (auto it = range.first; it != range.second; ++it) idx.push_back(it->second);
    std::sort(idx.begin(), idx.end());
    std::vector<NoteView> out;
    out.reserve(idx.size());
    for (std::size_t i : idx) out.push_back(noteView(notes[i]));
    return out;
}

OtherReading ViewReader::Impl::otherReading(const FactRow& f, const std::string& townId) const {
    OtherReading r;
    r.factId = f.factId;
    if (f.townId != townId) {
        const auto it = std::find_if(towns.begin(), towns.end(),
                                     [&](const TownRow& t) { return t.id == f.townId; });
        if (it != towns.end()) r.town = text(it->name, it->nameEn);
    }
    const FactView v = factView(f);
    r.label = v.label;
    r.value = v.valueWithYear;
    r.citation = citation(f.sourceId);
    r.sourceId = f.sourceId;
    r.quote = f.quote;
    return r;
}

FactView ViewReader::Impl::factView(const FactRow& f) const {
    FactView v;
    v.factId = f.factId;
    v.metric = f.metric;
    if (lang == Lang::Zh)
        v.label = zh(f.label.empty() ? f.metricZh : f.label);
    else
        v.label = !f.labelEn.empty() ? f.labelEn : f.metricEn;
    const FigureParts parts{f.value, f.valueText, f.unit, f.valueTextEn};
    v.value = displayValue(parts, lang);
    v.number = f.value;
    v.unit = zh(f.unit);
    v.asWritten = f.valueText;
    v.yearNumber = f.year;
    v.year = yearText(f.year);
    v.valueWithYear = withYear(v.value, f.year);
    v.scope = parseScope(f.scope);
    v.company = f.company;
    v.scopeBadge = scopeBadge(v.scope, f.company, lang);
    v.source = QuoteView{f.sourceId, f.quote, {}};
    v.citation = citation(f.sourceId);
    if (f.sourceId.empty() && !f.enteredBy.empty())
        v.citation = lang == Lang::Zh ? "手工录入（" + f.enteredBy + "）"
                                      : "entered by hand (" + f.enteredBy + ")";
    v.notes = notesFor("town_facts", f.factId);
    return v;
}

TownView ViewReader::Impl::townView(const TownRow& t) const {
    TownView v;
    v.id = t.id;
    v.nameZh = zh(t.name);
    v.name = lang == Lang::Zh ? v.nameZh : (t.nameEn.empty() ? v.nameZh : t.nameEn);
    if (zh(t.nameAsWritten) != v.nameZh) v.nameAsWritten = t.nameAsWritten;
    v.sector = text(t.sector, t.sectorEn);
    v.sectorGroup = text(t.group, t.groupEn);
    v.level = t.level;
    v.levelText = levelDisplay(t.level, t.levelDetail, t.levelDetailEn, lang);
    v.locationPrecision = t.precision;
    v.countyAdcode = t.countyAdcode;
    v.county = countyName(t.countyAdcode);
    v.sectorGroupKey = zh(t.group);
    const auto pref = prefectureByName.find(t.prefecture);
    v.prefecture = pref == prefectureByName.end() ? zh(t.prefecture) : prefectureName(pref->second);
    if (pref != prefectureByName.end()) v.prefectureAdcode = pref->second;
    std::vector<std::size_t> idx;
    const auto range = factsByTown.equal_range(t.id);
    for (auto it = range.first; it != range.second; ++it) idx.push_back(it->second);
    std::sort(idx.begin(), idx.end());
    for (std::size_t i : idx) {
        FactView f = factView(facts[i]);
        const auto cr = conflicts.equal_range(f.factId);
        std::vector<std::pair<std::string, long>> list;
        for (auto it = cr.first; it != cr.second; ++it) list.push_back(it->second);
        std::sort(list.begin(), list.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [otherId, noteIndex] : list) {
            FactView::Conflict c;
            const auto other = factById.find(otherId);
            if (other != factById.end()) c.other = otherReading(facts[other->second], t.id);
            if (noteIndex >= 0) c.note = noteView(notes[static_cast<std::size_t>(noteIndex)]);
            f.conflicts.push_back(std::move(c));
        }
        v.facts.push_back(std::move(f));
    }
    v.provenance = provenanceFor("towns", t.id);
    // A workspace town entered by hand has no document: say who entered it.
    if (v.provenance.empty() && !t.enteredBy.empty())
        v.citation = lang == Lang::Zh ? "手工录入（" + t.enteredBy + "）"
                                      : "entered by hand (" + t.enteredBy + ")";
    v.notes = notesFor("towns", t.id);
    return v;
}

ParkView ViewReader::Impl::parkView(const ParkRow& p, bool platform) const {
    ParkView v;
    v.id = p.id;
    v.nameZh = zh(p.name);
    v.name = text(p.name, p.nameEn);
    v.kind = p.kind;
    if (platform) {
        v.kindText = text(p.industry, p.industryEn);  // 高校 / 企业研究院 …
    } else {
        v.industry = text(p.industry, p.industryEn);
        v.kindText = layoutKindWord(p.kind, lang);
    }
    v.county = countyName(p.countyAdcode);
    const std::string table = platform ? "platforms" : "parks";
    v.provenance = provenanceFor(table, p.id);
    v.notes = notesFor(table, p.id);
    return v;
}

ProjectView ViewReader::Impl::projectView(const ProjectRow& p) const {
    ProjectView v;
    v.id = p.id;
    v.nameZh = zh(p.name);
    v.name = text(p.name, p.nameEn);
    v.industry = text(p.industry, p.industryEn);
    v.builder = zh(p.builder);
    // The plan's own wording (product codes, model numbers, formulas): quoted.
    v.content = lang == Lang::En && !p.contentEn.empty() ? p.contentEn
                : p.content.empty()                      ? std::string()
                                                         : "「" + p.content + "」";
    v.investment =
        displayValue(FigureParts{p.investment, p.investmentText, p.investmentUnit, {}}, lang);
    v.countyAdcode = p.countyAdcode;
    v.county = countyName(p.countyAdcode);
    v.source = QuoteView{p.sourceId, p.quote, {}};
    v.citation = citation(p.sourceId);
    v.notes = notesFor("projects", p.id);
    return v;
}

std::vector<SourceView> ViewReader::Impl::sourceViews(const std::vector<std::string>& ids) const {
    std::vector<SourceView> out;
    for (const std::string& id : ids) {
        const auto it = sources.find(id);
        if (it == sources.end()) continue;
        const SourceRow& s = it->second;
        SourceView v;
        v.id = id;
        v.title =
            lang == Lang::En && !s.titleEn.empty() ? s.titleEn : simplifyOutsideQuotes(s.title);
        v.publisher = lang == Lang::En && !s.publisherEn.empty() ? s.publisherEn : zh(s.publisher);
        v.date = dateText(s.date, lang);
        v.citation = citation(id);
        v.file = s.file;
        v.sha256 = s.sha256;
        v.notes = notesFor("sources", id);
        std::vector<std::size_t> extra;
        const auto range = notesBySourceOnly.equal_range(id);
        for (auto r = range.first; r != range.second; ++r) extra.push_back(r->second);
        std::sort(extra.begin(), extra.end());
        for (std::size_t i : extra) v.notes.push_back(noteView(notes[i]));
        out.push_back(std::move(v));
    }
    return out;
}

NoteView ViewReader::Impl::placementNote() const {
    return NoteView{"placement", "placement",
                    pick(lang, "专业镇点位只表示所在县（县级示意位置），不是镇的实际位置。",
                         "Town points show the county (county-level placement), not the "
                         "town's location.")};
}

NoteView ViewReader::Impl::coverageNote(const PlaceRow& p) const {
    const std::string name = placeName(p.name, p.nameEn, lang);
    if (p.coverage == "none")
        return NoteView{"coverage", "coverage",
                        lang == Lang::Zh ? "资料未列出" + name + "的专业镇：未列出不代表没有。"
                                         : "The sources list no specialty town of " + name +
                                               ": that does not mean it has none."};
    return NoteView{"coverage", "coverage",
                    lang == Lang::Zh ? "资料只列出" + name + "的部分专业镇：未列出不代表没有。"
                                     : "The sources list only some specialty towns of " + name +
                                           ": a county without towns here may still have some."};
}

NoteView ViewReader::Impl::boundaryNote(const PlaceRow& c) const {
    // The stored note, when it is written for planners (Chinese, no codes).
    if (lang == Lang::Zh && !c.boundaryNote.empty() && !hasLatinLetter(c.boundaryNote))
        return NoteView{"boundary", "boundary", "边界为近似划分：" + zh(c.boundaryNote)};
    return NoteView{
        "boundary", "boundary",
        pick(lang, "边界为近似划分：底图早于区划调整，本县界线由调整前的单元拼合而成，仅作示意。",
             "Approximate boundary: the basemap predates the re-division; this "
             "boundary is assembled from the former units and is schematic.")};
}

// ------------------------------------------------------------ ViewReader

namespace {

struct SourceCollector {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    void add(const std::string& id) {
        if (!id.empty() && seen.insert(id).second) ids.push_back(id);
    }
    void add(const std::vector<QuoteView>& quotes) {
        for (const QuoteView& q : quotes) add(q.sourceId);
    }
    void add(const TownView& t) {
        add(t.provenance);
        for (const FactView& f : t.facts) {
            add(f.source.sourceId);
            for (const FactView::Conflict& c : f.conflicts) add(c.other.sourceId);
        }
    }
};

bool hasKind(const std::vector<NoteView>& notes, const char* kind) {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const NoteView& n) { return n.kind == kind; });
}

}  // namespace

ViewReader::ViewReader(const GeoDatabase& db, Lang lang)
    : d_(std::make_unique<Impl>(*db.database(), lang)) {
    d_->load();
}

ViewReader::~ViewReader() = default;

Lang ViewReader::lang() const {
    return d_->lang;
}

CountyView ViewReader::county(const std::string& adcode) {
    const auto it = d_->counties.find(adcode);
    if (it == d_->counties.end())
        throw Error(ErrorKind::NotFound, "unknown county code '" + adcode + "'");
    const PlaceRow& c = it->second;
    CountyView v;
    v.lang = d_->lang;
    v.adcode = adcode;
    v.nameZh = c.name;
    v.name = placeName(c.name, c.nameEn, d_->lang);
    v.kind = c.kind;
    v.prefectureAdcode = c.prefectureAdcode;
    v.prefecture = d_->prefectureName(c.prefectureAdcode);
    v.boundaryQuality = c.quality;
    const auto pref = d_->prefectures.find(c.prefectureAdcode);
    if (pref != d_->prefectures.end()) {
        v.coverage = pref->second.coverage;
        v.coverageText = coverageWord(v.coverage, d_->lang);
    }
    std::vector<const TownRow*> rows;
    for (const TownRow& t : d_->towns)
        if (t.countyAdcode == adcode) rows.push_back(&t);
    std::stable_sort(rows.begin(), rows.end(), [](const TownRow* a, const TownRow* b) {
        return levelRank(a->level) < levelRank(b->level);
    });
    for (const TownRow* t : rows) v.towns.push_back(d_->townView(*t));
    for (const ParkRow& p : d_->parks)
        if (p.countyAdcode == adcode) v.parks.push_back(d_->parkView(p, false));
    for (const ParkRow& p : d_->platforms)
        if (p.countyAdcode == adcode) v.platforms.push_back(d_->parkView(p, true));
    for (const ProjectRow& p : d_->projects)
        if (p.countyAdcode == adcode) v.projects.push_back(d_->projectView(p));

    v.notes = d_->notesFor("counties", adcode);
    if (c.quality == "approximate" && !hasKind(v.notes, "boundary"))
        v.notes.push_back(d_->boundaryNote(c));
    if (pref != d_->prefectures.end()) {
        auto prefNotes = d_->notesFor("prefectures", pref->first);
        const bool stated = hasKind(prefNotes, "coverage");
        v.notes.insert(v.notes.end(), prefNotes.begin(), prefNotes.end());
        if (v.coverage != "full" && !stated) v.notes.push_back(d_->coverageNote(pref->second));
    }
    if (!v.towns.empty()) v.notes.push_back(d_->placementNote());

    SourceCollector sources;
    for (const TownView& t : v.towns) sources.add(t);
    for (const ParkView& p : v.parks) sources.add(p.provenance);
    for (const ParkView& p : v.platforms) sources.add(p.provenance);
    for (const ProjectView& p : v.projects) sources.add(p.source.sourceId);
    v.sources = d_->sourceViews(sources.ids);
    v.dataVersion = d_->dataVersion;
    return v;
}

CityView ViewReader::city(const std::string& prefectureAdcode) {
    const auto it = d_->prefectures.find(prefectureAdcode);
    if (it == d_->prefectures.end())
        throw Error(ErrorKind::NotFound, "unknown city code '" + prefectureAdcode + "'");
    const PlaceRow& p = it->second;
    CityView v;
    v.lang = d_->lang;
    v.adcode = prefectureAdcode;
    v.nameZh = p.name;
    v.name = placeName(p.name, p.nameEn, d_->lang);
    v.coverage = p.coverage;
    v.coverageText = coverageWord(p.coverage, d_->lang);
    std::set<std::string> countyCodes;
    for (const auto& [code, c] : d_->counties) {
        if (c.prefectureAdcode != prefectureAdcode) continue;
        countyCodes.insert(code);
        CityView::CountyLine line{code, placeName(c.name, c.nameEn, d_->lang), 0};
        for (const TownRow& t : d_->towns) line.towns += t.countyAdcode == code ? 1 : 0;
        v.counties.push_back(line);
    }
    std::vector<const TownRow*> rows;
    for (const TownRow& t : d_->towns)
        if (t.prefecture == p.name || countyCodes.count(t.countyAdcode)) rows.push_back(&t);
    std::stable_sort(rows.begin(), rows.end(), [](const TownRow* a, const TownRow* b) {
        if (levelRank(a->level) != levelRank(b->level))
            return levelRank(a->level) < levelRank(b->level);
        return a->group < b->group;
    });
    for (const TownRow* t : rows) v.towns.push_back(d_->townView(*t));

    // Parks, platforms, projects and layout elements without a county belong
    // to the city whose located ones come from the same document (the plan).
    std::set<std::string> planSources;
    for (const ParkRow& pk : d_->parks)
        if (countyCodes.count(pk.countyAdcode))
            for (const QuoteView& q : d_->provenanceFor("parks", pk.id))
                planSources.insert(q.sourceId);
    for (const ProjectRow& pj : d_->projects)
        if (countyCodes.count(pj.countyAdcode)) planSources.insert(pj.sourceId);
    auto fromPlan = [&](const std::vector<QuoteView>& quotes) {
        return std::any_of(quotes.begin(), quotes.end(),
                           [&](const QuoteView& q) { return planSources.count(q.sourceId) > 0; });
    };
    for (const ParkRow& pk : d_->parks)
        if (countyCodes.count(pk.countyAdcode) ||
            (pk.countyAdcode.empty() && fromPlan(d_->provenanceFor("parks", pk.id))))
            v.parks.push_back(d_->parkView(pk, false));
    for (const ParkRow& pf : d_->platforms)
        if (countyCodes.count(pf.countyAdcode) ||
            (pf.countyAdcode.empty() && fromPlan(d_->provenanceFor("platforms", pf.id))))
            v.platforms.push_back(d_->parkView(pf, true));
    for (const ProjectRow& pj : d_->projects)
        if (countyCodes.count(pj.countyAdcode) ||
            (pj.countyAdcode.empty() && planSources.count(pj.sourceId)))
            v.projects.push_back(d_->projectView(pj));
    for (const LayoutRow& l : d_->layout) {
        const auto prov = d_->provenanceFor("layout_elements", l.id);
        if (!fromPlan(prov)) continue;
        v.layout.push_back(d_->layoutView(l));
    }
    for (const CountRow& c : d_->counts) {
        const std::string scope = d_->zh(c.scope);
        if (scope != p.name && scope != "山西省" && scope != "全省") continue;
        DocCountView dc;
        dc.id = c.id;
        dc.scope = scope == p.name ? v.name : placeName("山西省", "Shanxi Province", d_->lang);
        dc.level = c.level;
        dc.levelText = levelWord(c.level, d_->lang);
        dc.what = d_->text(c.what, c.whatEn);
        dc.count = c.count;
        dc.source = QuoteView{c.sourceId, c.quote, {}};
        dc.citation = d_->citation(c.sourceId);
        dc.notes = d_->notesFor("doc_counts", c.id);
        v.counts.push_back(std::move(dc));
    }
    v.notes = d_->notesFor("prefectures", prefectureAdcode);
    if (p.coverage != "full" && !hasKind(v.notes, "coverage"))
        v.notes.push_back(d_->coverageNote(p));
    if (!v.towns.empty()) v.notes.push_back(d_->placementNote());

    SourceCollector sources;
    for (const TownView& t : v.towns) sources.add(t);
    for (const ParkView& pk : v.parks) sources.add(pk.provenance);
    for (const ParkView& pf : v.platforms) sources.add(pf.provenance);
    for (const ProjectView& pj : v.projects) sources.add(pj.source.sourceId);
    for (const LayoutElementView& l : v.layout) sources.add(l.provenance);
    for (const DocCountView& c : v.counts) sources.add(c.source.sourceId);
    v.sources = d_->sourceViews(sources.ids);
    v.dataVersion = d_->dataVersion;
    return v;
}

TownView ViewReader::town(const std::string& id) {
    for (const TownRow& t : d_->towns)
        if (t.id == id) return d_->townView(t);
    throw Error(ErrorKind::NotFound, "unknown town '" + id + "'");
}

ParkView ViewReader::park(const std::string& id) {
    for (const ParkRow& p : d_->parks)
        if (p.id == id) return d_->parkView(p, false);
    throw Error(ErrorKind::NotFound, "unknown park '" + id + "'");
}

ParkView ViewReader::platform(const std::string& id) {
    for (const ParkRow& p : d_->platforms)
        if (p.id == id) return d_->parkView(p, true);
    throw Error(ErrorKind::NotFound, "unknown innovation platform '" + id + "'");
}

LayoutElementView ViewReader::layoutElement(const std::string& id) {
    for (const LayoutRow& l : d_->layout)
        if (l.id == id) return d_->layoutView(l);
    throw Error(ErrorKind::NotFound, "unknown layout element '" + id + "'");
}

ProjectView ViewReader::project(const std::string& id) {
    for (const ProjectRow& p : d_->projects)
        if (p.id == id) return d_->projectView(p);
    throw Error(ErrorKind::NotFound, "unknown project '" + id + "'");
}

std::vector<PlaceLine> ViewReader::countyList() {
    std::vector<PlaceLine> out;
    for (const auto& [code, c] : d_->counties)
        out.push_back(PlaceLine{code,
                                placeName(c.name, c.nameEn, d_->lang),
                                c.prefectureAdcode,
                                d_->prefectureName(c.prefectureAdcode),
                                {}});
    return out;
}

std::vector<PlaceLine> ViewReader::cityList() {
    std::vector<PlaceLine> out;
    for (const auto& [code, p] : d_->prefectures)
        out.push_back(PlaceLine{code, placeName(p.name, p.nameEn, d_->lang), {}, {}, p.coverage});
    return out;
}

std::vector<TownView> ViewReader::allTowns() {
    std::vector<const TownRow*> rows;
    for (const TownRow& t : d_->towns) rows.push_back(&t);
    auto prefCode = [&](const TownRow* t) {
        const auto it = d_->prefectureByName.find(t->prefecture);
        return it == d_->prefectureByName.end() ? std::string() : it->second;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const TownRow* a, const TownRow* b) {
        return std::make_tuple(prefCode(a), a->countyAdcode, a->id) <
               std::make_tuple(prefCode(b), b->countyAdcode, b->id);
    });
    std::vector<TownView> out;
    out.reserve(rows.size());
    for (const TownRow* t : rows) out.push_back(d_->townView(*t));
    return out;
}

std::vector<SourceView> ViewReader::sourcesOf(const std::vector<TownView>& towns) {
    SourceCollector c;
    for (const TownView& t : towns) c.add(t);
    return d_->sourceViews(c.ids);
}

std::vector<SourceView> ViewReader::allSources() {
    std::vector<std::string> ids;
    for (const auto& [id, s] : d_->sources) ids.push_back(id);
    return d_->sourceViews(ids);
}

std::vector<std::string> ViewReader::prefectureCodes() {
    std::vector<std::string> out;
    for (const auto& [code, p] : d_->prefectures) out.push_back(code);
    return out;
}

CountyView loadCountyView(const GeoDatabase& db, const std::string& adcode, Lang lang) {
    return ViewReader(db, lang).county(adcode);
}

CityView loadCityView(const GeoDatabase& db, const std::string& prefectureAdcode, Lang lang) {
    return ViewReader(db, lang).city(prefectureAdcode);
}

TownView loadTownView(const GeoDatabase& db, const std::string& townId, Lang lang) {
    return ViewReader(db, lang).town(townId);
}

}  // namespace jinmap
