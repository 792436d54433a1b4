#include "scene_index.h"

#include <algorithm>
#include <cmath>

#include "data/feature.h"
#include "data/geodatabase.h"
#include "map_math.h"

namespace jinmap::viewer {

namespace {

QString text(const Feature& f, const Fields& fields, const char* name) {
    const int i = fields.indexOf(name);
    if (i < 0) return {};
    return QString::fromStdString(valueToString(f.properties[static_cast<std::size_t>(i)]));
}

double number(const Feature& f, const Fields& fields, const char* name, double fallback) {
    const int i = fields.indexOf(name);
    if (i < 0) return fallback;
    if (const auto* d = std::get_if<double>(&f.properties[static_cast<std::size_t>(i)])) return *d;
    return fallback;
}

Geometry project(const Geometry& g) {
    Geometry m = g;
    for (std::size_t i = 0; i + 1 < m.xy.size(); i += 2) {
        m.xy[i] = lonToMercX(g.xy[i]);
        m.xy[i + 1] = latToMercY(g.xy[i + 1]);
    }
    m.recomputeBounds();
    return m;
}

// Distance from a point to the segments of a line geometry.
double distanceToLines(const Geometry& g, double x, double y) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r + 1 < g.rings.size(); ++r) {
        for (std::uint32_t i = g.rings[r]; i + 1 < g.rings[r + 1]; ++i) {
            const double ax = g.xy[std::size_t{2} * i], ay = g.xy[std::size_t{2} * i + 1];
            const double bx = g.xy[2 * i + 2], by = g.xy[2 * i + 3];
            const double dx = bx - ax, dy = by - ay;
            const double len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
            t = std::clamp(t, 0.0, 1.0);
            best = std::min(best, std::hypot(x - (ax + t * dx), y - (ay + t * dy)));
        }
    }
    return best;
}

std::vector<PointItem> readPoints(const GeoDatabase& db, const char* relation) {
    std::vector<PointItem> out;
    std::unique_ptr<FeatureSource> src;
    try {
        src = db.source(relation);
    } catch (...) {
        return out;  // optional layers (parks, platforms) may be absent
    }
    const Fields& fields = src->fields();
    for (auto& f : readAll(*src)) {
        PointItem p;
        p.id = text(f, fields, "id");
        p.name = text(f, fields, "name");
        p.countyAdcode = text(f, fields, "county_adcode");
        p.county = text(f, fields, "county");
        p.prefecture = text(f, fields, "prefecture");
        p.sector = text(f, fields, "sector");
        if (p.sector.isEmpty()) p.sector = text(f, fields, "industry");
        p.sectorGroup = text(f, fields, "sector_group");
        p.level = text(f, fields, "level");
        p.levelDetail = text(f, fields, "level_detail");
        p.kind = text(f, fields, "layout_kind");
        if (p.kind.isEmpty()) p.kind = text(f, fields, "kind");
        if (!f.geometry.isEmpty()) {
            p.located = true;
            p.lon = f.geometry.xy[0];
            p.lat = f.geometry.xy[1];
            p.mx = lonToMercX(p.lon);
            p.my = latToMercY(p.lat);
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

bool TownFilter::accepts(const PointItem& town) const {
    if (!levels.isEmpty() && !levels.contains(town.level)) return false;
    if (!sectorGroups.isEmpty() && !sectorGroups.contains(town.sectorGroup)) return false;
    if (!prefectures.isEmpty() && !prefectures.contains(town.prefecture)) return false;
    return true;
}

SceneIndex::SceneIndex(const GeoDatabase& db) {
    {
        auto src = db.source("counties");
        const Fields& fields = src->fields();
        for (auto& f : readAll(*src)) {
            CountyItem c;
            c.adcode = text(f, fields, "adcode");
            c.name = text(f, fields, "name");
            c.prefecture = text(f, fields, "prefecture");
            c.prefectureAdcode = text(f, fields, "prefecture_adcode");
            c.labelLon = number(f, fields, "label_x", f.geometry.bounds.centerX());
            c.labelLat = number(f, fields, "label_y", f.geometry.bounds.centerY());
            c.merc = project(f.geometry);
            c.lonLat = std::move(f.geometry);
            counties_.push_back(std::move(c));
        }
    }
    towns_ = readPoints(db, "towns");
    parks_ = readPoints(db, "parks");
    platforms_ = readPoints(db, "platforms");
    for (const char* relation : {"layout_elements", "layout_axes"}) {
        try {
            auto src = db.source(relation);
            const Fields& fields = src->fields();
            for (auto& f : readAll(*src)) {
                LayoutItem l;
                l.id = text(f, fields, "id");
                l.kind = text(f, fields, "kind");
                l.name = text(f, fields, "name");
                l.description = text(f, fields, "description");
                l.relation = QString::fromLatin1(relation);
                l.merc = project(f.geometry);
                l.lonLat = std::move(f.geometry);
                layout_.push_back(std::move(l));
            }
        } catch (...) {
            // optional layers
        }
    }
    buildGrid();
}

QStringList SceneIndex::prefectures() const {
    QStringList out;
    for (const auto& c : counties_)
        if (!out.contains(c.prefecture)) out << c.prefecture;
    return out;
}

QStringList SceneIndex::sectorGroups() const {
    QStringList out;
    for (const auto& t : towns_)
        if (!t.sectorGroup.isEmpty() && !out.contains(t.sectorGroup)) out << t.sectorGroup;
    return out;
}

void SceneIndex::buildGrid() {
    for (const auto& c : counties_) gridBounds_.extend(c.merc.bounds);
    if (gridBounds_.isEmpty()) return;
    gridW_ = gridH_ = 32;
    cells_.assign(static_cast<std::size_t>(gridW_) * static_cast<std::size_t>(gridH_), {});
    const double cw = gridBounds_.width() / gridW_, ch = gridBounds_.height() / gridH_;
    for (int i = 0; i < static_cast<int>(counties_.size()); ++i) {
        const Bounds& b = counties_[static_cast<std::size_t>(i)].merc.bounds;
        const int x0 =
            std::clamp(static_cast<int>((b.minX - gridBounds_.minX) / cw), 0, gridW_ - 1);
        const int x1 =
            std::clamp(static_cast<int>((b.maxX - gridBounds_.minX) / cw), 0, gridW_ - 1);
        const int y0 =
            std::clamp(static_cast<int>((b.minY - gridBounds_.minY) / ch), 0, gridH_ - 1);
        const int y1 =
            std::clamp(static_cast<int>((b.maxY - gridBounds_.minY) / ch), 0, gridH_ - 1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                cells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(gridW_) +
                       static_cast<std::size_t>(x)]
                    .push_back(i);
    }
}

Hit SceneIndex::hitTest(double mx, double my, double tolerance, const TownFilter& filter,
                        const Layers& layers) const {
    auto nearest = [&](const std::vector<PointItem>& items, HitKind kind, bool filtered, Hit& best,
                       double& bestD) {
        for (int i = 0; i < static_cast<int>(items.size()); ++i) {
            const PointItem& p = items[static_cast<std::size_t>(i)];
            if (!p.located || (filtered && !filter.accepts(p))) continue;
            const double d = std::hypot(p.mx - mx, p.my - my);
            if (d <= tolerance && d < bestD) {
                bestD = d;
                best = {kind, i};
            }
        }
    };
    Hit best;
    double bestD = std::numeric_limits<double>::infinity();
    if (layers.towns) nearest(towns_, HitKind::Town, true, best, bestD);
    if (layers.parks) {
        nearest(parks_, HitKind::Park, false, best, bestD);
        nearest(platforms_, HitKind::Platform, false, best, bestD);
    }
    if (best) return best;
    if (layers.layout) {
        for (int i = 0; i < static_cast<int>(layout_.size()); ++i) {
            const Geometry& g = layout_[static_cast<std::size_t>(i)].merc;
            Bounds b = g.bounds;
            b.minX -= tolerance, b.minY -= tolerance, b.maxX += tolerance, b.maxY += tolerance;
            if (!b.contains(mx, my)) continue;
            if (g.isPolygonal() ? g.containsPoint(mx, my) : distanceToLines(g, mx, my) <= tolerance)
                return {HitKind::LayoutElement, i};
        }
    }
    if (!layers.counties || cells_.empty() || !gridBounds_.contains(mx, my)) return {};
    const int cx = std::clamp(
        static_cast<int>((mx - gridBounds_.minX) / (gridBounds_.width() / gridW_)), 0, gridW_ - 1);
    const int cy = std::clamp(
        static_cast<int>((my - gridBounds_.minY) / (gridBounds_.height() / gridH_)), 0, gridH_ - 1);
    for (int i : cells_[static_cast<std::size_t>(cy) * static_cast<std::size_t>(gridW_) +
                        static_cast<std::size_t>(cx)])
        if (counties_[static_cast<std::size_t>(i)].merc.containsPoint(mx, my))
            return {HitKind::County, i};
    return {};
}

int SceneIndex::countyIndex(const QString& adcode) const {
    for (int i = 0; i < static_cast<int>(counties_.size()); ++i)
        if (counties_[static_cast<std::size_t>(i)].adcode == adcode) return i;
    return -1;
}

int SceneIndex::townIndex(const QString& id) const {
    for (int i = 0; i < static_cast<int>(towns_.size()); ++i)
        if (towns_[static_cast<std::size_t>(i)].id == id) return i;
    return -1;
}

}  // namespace jinmap::viewer
