#pragma once
// What the viewer can click, hover, filter and highlight: counties, towns,
// parks, platforms and the Datong layout elements, read once from the
// database and projected to EPSG:3857, with a uniform grid over their
// bounding boxes so that a click costs microseconds, not a database query.
#include <QString>
#include <QStringList>
#include <memory>
#include <string>
#include <vector>

#include "data/geometry.h"

namespace jinmap {
class GeoDatabase;
}

namespace jinmap::viewer {

enum class HitKind { None, County, Town, Park, Platform, LayoutElement };

struct Hit {
    HitKind kind = HitKind::None;
    int index = -1;  // into the SceneIndex list of that kind
    explicit operator bool() const { return kind != HitKind::None; }
};

struct CountyItem {
    QString adcode, name, prefecture, prefectureAdcode;
    Geometry lonLat;  // EPSG:4326
    Geometry merc;    // EPSG:3857
    double labelLon = 0, labelLat = 0;
};

struct PointItem {
    QString id, name, countyAdcode, county, prefecture;
    QString sector, sectorGroup, level, levelDetail, kind;  // kind: park/platform layout kind
    double lon = 0, lat = 0;
    double mx = 0, my = 0;
    bool located = false;
};

struct LayoutItem {
    QString id, kind, name, description;
    QString relation;  // layout_elements (areas) or layout_axes (lines)
    Geometry lonLat, merc;
};

// Town filter: empty lists mean "all".
struct TownFilter {
    QStringList levels;        // provincial / municipal / unknown
    QStringList sectorGroups;  // sector_groups.sector_group
    QStringList prefectures;   // prefecture names
    bool isEmpty() const {
        return levels.isEmpty() && sectorGroups.isEmpty() && prefectures.isEmpty();
    }
    bool accepts(const PointItem& town) const;
    bool operator==(const TownFilter& o) const {
        return levels == o.levels && sectorGroups == o.sectorGroups && prefectures == o.prefectures;
    }
    bool operator!=(const TownFilter& o) const { return !(*this == o); }
};

class SceneIndex {
  public:
    // Reads the layers; throws jinmap::Error on a broken database.
    explicit SceneIndex(const GeoDatabase& db);

    const std::vector<CountyItem>& counties() const { return counties_; }
    const std::vector<PointItem>& towns() const { return towns_; }
    const std::vector<PointItem>& parks() const { return parks_; }
    const std::vector<PointItem>& platforms() const { return platforms_; }
    const std::vector<LayoutItem>& layout() const { return layout_; }
    QStringList prefectures() const;
    QStringList sectorGroups() const;

    // The feature under a Mercator point. Points win over areas when within
    // `tolerance` metres; then layout shapes (lines within tolerance,
    // polygons containing the point); then counties. `filter` hides towns.
    // `wantTowns` etc. reflect layer visibility.
    struct Layers {
        bool towns = true, parks = true, layout = true, counties = true;
    };
    Hit hitTest(double mx, double my, double tolerance, const TownFilter& filter,
                const Layers& layers) const;
    int countyIndex(const QString& adcode) const;
    int townIndex(const QString& id) const;

  private:
    void buildGrid();
    std::vector<CountyItem> counties_;
    std::vector<PointItem> towns_, parks_, platforms_;
    std::vector<LayoutItem> layout_;
    // Grid over the county bounding boxes.
    Bounds gridBounds_;
    int gridW_ = 0, gridH_ = 0;
    std::vector<std::vector<int>> cells_;
};

}  // namespace jinmap::viewer
