#pragma once
// The towns the viewer lists, filters and counts: read once from the
// presentation model (core/present) in the interface language, so the
// filters, the result list, the legend's counts and the county choropleth
// all agree on which towns the filters keep. The renderer is told through a
// feature filter on town ids and per-county counts (ColumnOverride).
// Threads: built and used on the GUI thread; the filter and overrides it
// hands out are immutable copies the frame thread may keep.
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "render/map_renderer.h"

namespace jinmap {
class ViewReader;
}

namespace jinmap::viewer {

struct TownEntry {
    QString id, name;           // name in the interface language
    QString level;              // provincial / municipal / unknown
    QString sectorKey, sector;  // sector group: key (as stored) and its name
    QString prefectureAdcode, prefecture;
    QString countyAdcode, county;  // empty: the documents do not say (no point on the map)
};

// Empty lists mean "all".
struct TownFilter {
    QStringList levels;        // provincial / municipal / unknown
    QStringList sectorGroups;  // sector group keys
    QStringList prefectures;   // prefecture adcodes
    bool isEmpty() const {
        return levels.isEmpty() && sectorGroups.isEmpty() && prefectures.isEmpty();
    }
    bool accepts(const TownEntry& town) const;
    bool operator==(const TownFilter& o) const {
        return levels == o.levels && sectorGroups == o.sectorGroups && prefectures == o.prefectures;
    }
    bool operator!=(const TownFilter& o) const { return !(*this == o); }
};

class TownCatalogue {
  public:
    // Throws jinmap::Error when the model cannot be read.
    void load(ViewReader& reader);
    const std::vector<TownEntry>& towns() const { return towns_; }
    const TownEntry* find(const QString& id) const;
    std::vector<const TownEntry*> filtered(const TownFilter& filter) const;
    // Towns the filter keeps in one county (all its towns when `filter` is empty).
    int countIn(const QString& countyAdcode, const TownFilter& filter) const;

    // For the renderer: the towns relation's rows the filter keeps (null when
    // the filter keeps every town), and the county view's town counts of the
    // kept towns (town_count, provincial_count, municipal_count by adcode).
    FeatureFilter featureFilter(const TownFilter& filter) const;
    ColumnOverrides countyCounts(const TownFilter& filter) const;

  private:
    std::vector<TownEntry> towns_;
};

}  // namespace jinmap::viewer
