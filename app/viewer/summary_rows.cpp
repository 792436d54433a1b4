#include "summary_rows.h"

#include <QStringList>
#include <initializer_list>
#include <utility>

#include "models.h"
#include "present/vocabulary.h"

namespace jinmap::viewer {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// A document's provenance detail: its file and checksum.
QString provenanceOf(const SourceView& s) {
    QString out = qs(s.file);
    if (!s.sha256.empty())
        out += QStringLiteral(" · SHA-256 ") + qs(s.sha256.substr(0, 16)) + QStringLiteral("…");
    return out;
}

QString joinNotes(const std::vector<NoteView>& notes) {
    QStringList out;
    for (const NoteView& n : notes) out << qs(n.text);
    return out.join(QStringLiteral("\n"));
}

}  // namespace

QStringList summaryRowRoles() {
    return {"kind", "title", "detail",    "extra", "source", "quote", "level",     "sectorKey",
            "id",   "badge", "badgeKind", "warn",  "other",  "notes", "provenance"};
}

void SummaryRows::useDocuments(const std::vector<SourceView>& list) {
    for (const SourceView& s : list) documents_[s.id] = &s;
}

QString SummaryRows::provenance(const std::string& sourceId) const {
    const auto it = documents_.find(sourceId);
    return it == documents_.end() ? QString() : provenanceOf(*it->second);
}

QString SummaryRows::citation(const std::string& sourceId) const {
    const auto it = documents_.find(sourceId);
    return it == documents_.end() ? QString() : qs(it->second->citation);
}

void SummaryRows::section(const QString& title) {
    rows_.push_back(row({{"kind", "section"}, {"title", title}}));
}

void SummaryRows::info(const QString& text) {
    if (!text.isEmpty()) rows_.push_back(row({{"kind", "info"}, {"title", text}}));
}

void SummaryRows::note(const NoteView& n) {
    rows_.push_back(row({{"kind", "note"}, {"title", qs(n.text)}, {"warn", n.kind == "conflict"}}));
}

void SummaryRows::facts(const TownView& t) {
    for (const FactView& f : t.facts) {
        QStringList other;
        for (const FactView::Conflict& c : f.conflicts) {
            QString line = tr("Other reading: %1").arg(qs(c.other.value));
            if (!c.other.town.empty()) line += QStringLiteral(" · ") + qs(c.other.town);
            if (c.other.label != f.label) line += QStringLiteral(" · ") + qs(c.other.label);
            other << line << qs(c.other.citation)
                  << QStringLiteral("「") + qs(c.other.quote) + QStringLiteral("」");
            if (c.note) other << qs(c.note->text);
        }
        rows_.push_back(row({{"kind", "fact"},
                             {"title", qs(f.label)},
                             {"detail", qs(f.valueWithYear)},
                             {"badge", qs(f.scopeBadge)},
                             {"badgeKind", QString::fromLatin1(scopeCode(f.scope))},
                             {"warn", f.conflicted()},
                             {"other", other.join(QStringLiteral("\n"))},
                             {"notes", joinNotes(f.notes)},
                             {"source", qs(f.citation)},
                             {"quote", qs(f.source.quote)},
                             {"provenance", provenance(f.source.sourceId)},
                             {"id", qs(t.id)}}));
    }
}

void SummaryRows::townRow(const TownView& t, bool copyable) {
    QString detail = qs(t.sector);
    if (!t.sectorGroup.empty() && t.sectorGroup != t.sector)
        detail += lang_ == Lang::Zh
                      ? QStringLiteral("（") + qs(t.sectorGroup) + QStringLiteral("）")
                      : QStringLiteral(" (") + qs(t.sectorGroup) + QStringLiteral(")");
    const QuoteView* src = t.provenance.empty() ? nullptr : &t.provenance.front();
    rows_.push_back(row({{"kind", copyable ? "town" : "townHead"},
                         {"title", qs(t.name)},
                         {"detail", detail},
                         {"extra", qs(t.levelText)},
                         {"level", qs(t.level)},
                         {"sectorKey", qs(t.sectorGroupKey)},
                         // No document: "手工录入（author）" for a town entered by hand.
                         {"source", src ? citation(src->sourceId) : qs(t.citation)},
                         {"quote", src ? qs(src->quote) : QString()},
                         {"provenance", src ? provenance(src->sourceId) : QString()},
                         {"id", qs(t.id)}}));
}

void SummaryRows::fullTown(const TownView& t, bool copyable) {
    townRow(t, copyable);
    if (!t.nameAsWritten.empty())
        info(tr("As written in the source: %1")
                 .arg(QStringLiteral("「") + qs(t.nameAsWritten) + QStringLiteral("」")));
    if (t.countyAdcode.empty()) info(tr("County: not stated in the sources"));
    if (t.facts.empty()) info(tr("The sources give no figures for this town."));
    facts(t);
    for (const NoteView& n : t.notes) note(n);
}

void SummaryRows::parks(const std::vector<ParkView>& list, bool platform) {
    for (const ParkView& p : list) {
        const QuoteView* src = p.provenance.empty() ? nullptr : &p.provenance.front();
        rows_.push_back(row({{"kind", "park"},
                             {"title", qs(p.name)},
                             {"detail", platform ? qs(p.kindText) : qs(p.industry)},
                             {"extra", platform ? QString() : qs(p.kindText)},
                             {"source", src ? citation(src->sourceId) : QString()},
                             {"quote", src ? qs(src->quote) : QString()},
                             {"provenance", src ? provenance(src->sourceId) : QString()}}));
        for (const NoteView& n : p.notes) note(n);
    }
}

void SummaryRows::projects(const std::vector<ProjectView>& list, bool withCounty) {
    for (const ProjectView& p : list) {
        QStringList detail;
        if (!p.industry.empty()) detail << qs(p.industry);
        if (withCounty) detail << (p.county.empty() ? tr("county not stated") : qs(p.county));
        if (!p.investment.empty()) detail << tr("investment %1").arg(qs(p.investment));
        if (!p.builder.empty()) detail << qs(p.builder);
        rows_.push_back(row({{"kind", "project"},
                             {"title", qs(p.name)},
                             {"detail", detail.join(QStringLiteral(" · "))},
                             {"extra", qs(p.content)},
                             {"source", qs(p.citation)},
                             {"quote", qs(p.source.quote)},
                             {"provenance", provenance(p.source.sourceId)}}));
        for (const NoteView& n : p.notes) note(n);
    }
}

void SummaryRows::parksAndProjects(const std::vector<ParkView>& parkList,
                                   const std::vector<ParkView>& platforms,
                                   const std::vector<ProjectView>& projectList, bool withCounty) {
    if (!parkList.empty() || !platforms.empty()) {
        section(tr("Parks and platforms (%1)").arg(parkList.size() + platforms.size()));
        parks(parkList, false);
        parks(platforms, true);
    }
    if (!projectList.empty()) {
        section(tr("Planned projects (%1)").arg(projectList.size()));
        projects(projectList, withCounty);
    }
}

void SummaryRows::sources(const std::vector<SourceView>& list) {
    if (list.empty()) return;
    section(tr("Sources (%1)").arg(list.size()));
    for (const SourceView& s : list)
        rows_.push_back(row({{"kind", "source"},
                             {"title", qs(s.citation)},
                             {"notes", joinNotes(s.notes)},
                             {"provenance", provenanceOf(s)}}));
}

void SummaryRows::quoteRows(const std::vector<QuoteView>& quotes) {
    if (quotes.empty()) return;
    section(tr("Sources"));
    for (const QuoteView& q : quotes)
        rows_.push_back(row({{"kind", "source"},
                             {"title", citation(q.sourceId)},
                             {"source", citation(q.sourceId)},
                             {"quote", qs(q.quote)},
                             {"provenance", provenance(q.sourceId)}}));
}

void SummaryRows::notesSection(const std::vector<NoteView>& notes, const std::string& version) {
    section(tr("Data notes"));
    for (const NoteView& n : notes) note(n);
    if (!version.empty()) info(tr("Data version %1").arg(qs(version)));
}

QVector<QVariantMap> SummaryRows::take() {
    documents_.clear();
    return std::exchange(rows_, {});
}

QVector<QVariantMap> SummaryRows::county(const CountyView& v) {
    useDocuments(v.sources);
    rows_.push_back(row({{"kind", "link"},
                         {"title", tr("%1: city summary").arg(qs(v.prefecture))},
                         {"id", qs(v.prefectureAdcode)}}));
    section(tr("Specialty towns (%1)").arg(v.towns.size()));
    if (v.towns.empty())
        info(v.coverage == "full"
                 ? tr("The sources list no specialty town in this county.")
                 : tr("No data: the sources do not list all towns of %1.").arg(qs(v.prefecture)));
    for (const TownView& t : v.towns) fullTown(t, true);
    parksAndProjects(v.parks, v.platforms, v.projects, false);
    sources(v.sources);
    notesSection(v.notes, v.dataVersion);
    return take();
}

QVector<QVariantMap> SummaryRows::city(const CityView& v) {
    useDocuments(v.sources);
    section(tr("Overview"));
    info(qs(v.coverageText));
    QStringList perCounty, without;
    for (const CityView::CountyLine& c : v.counties)
        (c.towns > 0 ? perCounty : without)
            << (c.towns > 0 ? qs(c.name) + QStringLiteral(" ") + QString::number(c.towns)
                            : qs(c.name));
    const QString separator = lang_ == Lang::Zh ? QStringLiteral("、") : QStringLiteral(", ");
    if (!perCounty.isEmpty()) info(tr("Towns per county: %1").arg(perCounty.join(separator)));
    if (!without.isEmpty()) info(tr("No towns in the sources: %1").arg(without.join(separator)));
    std::vector<const TownView*> unplaced;
    for (const char* level : {"provincial", "municipal", "unknown"}) {
        std::vector<const TownView*> list;
        for (const TownView& t : v.towns)
            if (t.level == level) list.push_back(&t);
        if (list.empty()) continue;
        section(tr("%1 (%2)").arg(qs(levelWord(level, lang_))).arg(list.size()));
        for (const TownView* t : list) {
            const QString where = t->county.empty() ? tr("county not stated") : qs(t->county);
            rows_.push_back(row({{"kind", "townLine"},
                                 {"title", qs(t->name)},
                                 {"detail", where + QStringLiteral(" · ") + qs(t->sectorGroup)},
                                 {"level", qs(t->level)},
                                 {"sectorKey", qs(t->sectorGroupKey)},
                                 {"id", qs(t->id)}}));
            if (t->countyAdcode.empty()) unplaced.push_back(t);
        }
    }
    if (!unplaced.empty()) {
        section(tr("Towns whose county the sources do not state"));
        for (const TownView* t : unplaced) fullTown(*t, true);
    }
    if (!v.layout.empty()) {
        section(tr("Corridor, core and belt (schematic)"));
        for (const LayoutElementView& l : v.layout) {
            const QuoteView* src = l.provenance.empty() ? nullptr : &l.provenance.front();
            rows_.push_back(row({{"kind", "park"},
                                 {"title", qs(l.name)},
                                 {"detail", qs(l.kindText)},
                                 {"extra", qs(l.description)},
                                 {"source", src ? citation(src->sourceId) : QString()},
                                 {"quote", src ? qs(src->quote) : QString()},
                                 {"provenance", src ? provenance(src->sourceId) : QString()}}));
            for (const NoteView& n : l.notes) note(n);
        }
    }
    parksAndProjects(v.parks, v.platforms, v.projects, true);
    if (!v.counts.empty()) {
        section(tr("Counts stated in the documents"));
        for (const DocCountView& c : v.counts) {
            rows_.push_back(row({{"kind", "fact"},
                                 {"title", qs(c.scope) + QStringLiteral(" · ") + qs(c.what)},
                                 {"detail", QString::number(c.count)},
                                 {"source", qs(c.citation)},
                                 {"quote", qs(c.source.quote)},
                                 {"provenance", provenance(c.source.sourceId)}}));
            for (const NoteView& n : c.notes) note(n);
        }
    }
    sources(v.sources);
    notesSection(v.notes, v.dataVersion);
    return take();
}

QVector<QVariantMap> SummaryRows::town(const TownView& t, const std::vector<SourceView>& docs,
                                       const QString& cityAdcode) {
    useDocuments(docs);
    if (!cityAdcode.isEmpty())
        rows_.push_back(row({{"kind", "link"},
                             {"title", tr("%1: city summary").arg(qs(t.prefecture))},
                             {"id", cityAdcode}}));
    section(tr("Specialty town"));
    fullTown(t, false);
    sources(docs);
    section(tr("Data notes"));
    if (t.locationPrecision == "county")
        info(tr("The point shows the county (county-level placement), not the town's location."));
    else if (t.locationPrecision == "user")
        info(
            tr("The point was placed on the map by a planner (an edit in this workspace), not "
               "taken from the documents."));
    return take();
}

QVector<QVariantMap> SummaryRows::park(const ParkView& p, bool platform,
                                       const std::vector<SourceView>& documents) {
    useDocuments(documents);
    section(platform ? tr("Innovation platform") : tr("Park"));
    if (!p.industry.empty()) info(tr("Industry: %1").arg(qs(p.industry)));
    if (!p.kindText.empty())
        info((platform ? tr("Kind: %1") : tr("Layout: %1")).arg(qs(p.kindText)));
    info(p.county.empty() ? tr("County: not stated in the sources")
                          : tr("County: %1").arg(qs(p.county)));
    if (!p.county.empty())
        info(tr("The point shows the county (county-level placement), not the exact location."));
    for (const NoteView& n : p.notes) note(n);
    quoteRows(p.provenance);
    return take();
}

QVector<QVariantMap> SummaryRows::layoutElement(const LayoutElementView& l,
                                                const std::vector<SourceView>& documents) {
    useDocuments(documents);
    section(qs(l.kindText));
    info(qs(l.description));
    info(tr("The shape is schematic, derived from the places the plan names."));
    for (const NoteView& n : l.notes) note(n);
    quoteRows(l.provenance);
    return take();
}

}  // namespace jinmap::viewer
