#pragma once
// The summary panel's rows, laid out from the presentation model's views
// (core/present): a row per section, town, figure, park, project, note and
// document. Roles: kind (section / info / link / town / townHead / townLine
// / fact / park / project / note / source), title, detail, extra, source
// (the document's citation), quote, level, sectorKey, id, badge and
// badgeKind (a figure's scope), warn (⚠ conflict or doubt), other (the other
// reading, on demand), notes, provenance (file and checksum).
#include <QCoreApplication>
#include <QStringList>
#include <QVariantMap>
#include <QVector>
#include <map>
#include <string>
#include <vector>

#include "present/views.h"

namespace jinmap::viewer {

// The roles of those rows (RowModel's role names).
QStringList summaryRowRoles();

class SummaryRows {
    Q_DECLARE_TR_FUNCTIONS(SummaryRows)

  public:
    explicit SummaryRows(Lang lang) : lang_(lang) {}

    QVector<QVariantMap> county(const CountyView& v);
    QVector<QVariantMap> city(const CityView& v);
    QVector<QVariantMap> town(const TownView& t, const std::vector<SourceView>& sources,
                              const QString& cityAdcode);
    // A park or an innovation platform; `documents`: every document (citations).
    QVector<QVariantMap> park(const ParkView& p, bool platform,
                              const std::vector<SourceView>& documents);
    QVector<QVariantMap> layoutElement(const LayoutElementView& l,
                                       const std::vector<SourceView>& documents);

  private:
    void useDocuments(const std::vector<SourceView>& list);
    QString provenance(const std::string& sourceId) const;
    QString citation(const std::string& sourceId) const;
    void section(const QString& title);
    void info(const QString& text);
    void note(const NoteView& n);
    void facts(const TownView& t);
    void townRow(const TownView& t, bool copyable);
    void fullTown(const TownView& t, bool copyable);
    void parks(const std::vector<ParkView>& list, bool platform);
    void projects(const std::vector<ProjectView>& list, bool withCounty);
    void parksAndProjects(const std::vector<ParkView>& parkList,
                          const std::vector<ParkView>& platforms,
                          const std::vector<ProjectView>& projectList, bool withCounty);
    void sources(const std::vector<SourceView>& list);
    void quoteRows(const std::vector<QuoteView>& quotes);
    void notesSection(const std::vector<NoteView>& notes, const std::string& version);
    QVector<QVariantMap> take();

    Lang lang_;
    QVector<QVariantMap> rows_;
    std::map<std::string, const SourceView*> documents_;  // of the view being laid out
};

}  // namespace jinmap::viewer
