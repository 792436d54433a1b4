// A self-contained map drawer: counties filled by prefecture, outlines,
// county labels with halos (collision-checked), specialty-town points. Used
// when no style file is given (and until the style renderer is wired in).
#include <QFontMetricsF>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <algorithm>
#include <cmath>
#include <map>

#include "data/feature.h"
#include "data/geodatabase.h"
#include "export/geo_measure.h"
#include "export/map_drawer.h"

namespace jinmap {

namespace {

const QColor kPalette[] = {QColor("#8dd3c7"), QColor("#ffffb3"), QColor("#bebada"),
                           QColor("#fb8072"), QColor("#80b1d3"), QColor("#fdb462"),
                           QColor("#b3de69"), QColor("#fccde5"), QColor("#d9d9d9"),
                           QColor("#bc80bd"), QColor("#ccebc5")};

struct CountyShape {
    std::string adcode, name, prefecture, prefectureAdcode;
    Geometry lonLat;
    QPointF labelLonLat;
    QPainterPath path;  // map CRS
    QPointF label;      // map CRS
};

struct TownPoint {
    std::string name, level;
    QPointF lonLat, map;
};

std::string text(const Feature& f, const Fields& fields, const char* name) {
    const int i = fields.indexOf(name);
    return i < 0 ? std::string() : valueToString(f.properties[static_cast<std::size_t>(i)]);
}

class BasicMapDrawer final : public MapDrawer {
  public:
    explicit BasicMapDrawer(std::shared_ptr<GeoDatabase> db) : db_(std::move(db)) {
        auto src = db_->source("counties");
        const Fields& fields = src->fields();
        for (auto& f : readAll(*src)) {
            CountyShape c;
            c.adcode = text(f, fields, "adcode");
            c.name = text(f, fields, "name");
            c.prefecture = text(f, fields, "prefecture");
            c.prefectureAdcode = text(f, fields, "prefecture_adcode");
            const int lx = fields.indexOf("label_x"), ly = fields.indexOf("label_y");
            const auto* x = lx >= 0
                                ? std::get_if<double>(&f.properties[static_cast<std::size_t>(lx)])
                                : nullptr;
            const auto* y = ly >= 0
                                ? std::get_if<double>(&f.properties[static_cast<std::size_t>(ly)])
                                : nullptr;
            c.labelLonLat = x && y
                                ? QPointF(*x, *y)
                                : QPointF(f.geometry.bounds.centerX(), f.geometry.bounds.centerY());
            c.lonLat = std::move(f.geometry);
            counties_.push_back(std::move(c));
        }
        std::sort(counties_.begin(), counties_.end(),
                  [](const CountyShape& a, const CountyShape& b) { return a.adcode < b.adcode; });
        try {
            auto towns = db_->source("towns");
            const Fields& tf = towns->fields();
            for (auto& f : readAll(*towns)) {
                if (f.geometry.isEmpty()) continue;
                towns_.push_back({text(f, tf, "name"),
                                  text(f, tf, "level"),
                                  QPointF(f.geometry.xy[0], f.geometry.xy[1]),
                                  {}});
            }
        } catch (const std::exception&) {
        }
    }

    void setFontFamily(const QString& family) override { family_ = family; }

    void setView(const std::string& crs, const Bounds& extent, QSizeF sizePx, double dpi) override {
        if (crs != crs_) {
            crs_ = crs;
            transform_ = std::make_unique<CrsTransform>(crs);
            for (auto& c : counties_) {
                c.path = QPainterPath();
                c.path.setFillRule(Qt::OddEvenFill);
                const Geometry& g = c.lonLat;
                for (std::size_t r = 0; r + 1 < g.rings.size(); ++r) {
                    for (std::uint32_t i = g.rings[r]; i < g.rings[r + 1]; ++i) {
                        const QPointF p = transform_->forward(g.xy[2 * i], g.xy[2 * i + 1]);
                        if (i == g.rings[r])
                            c.path.moveTo(p);
                        else
                            c.path.lineTo(p);
                    }
                    c.path.closeSubpath();
                }
                c.label = transform_->forward(c.labelLonLat.x(), c.labelLonLat.y());
            }
            for (auto& t : towns_) t.map = transform_->forward(t.lonLat.x(), t.lonLat.y());
        }
        extent_ = extent;
        sizePx_ = sizePx;
        dpi_ = dpi;
        labelsValid_ = false;
    }

    QTransform toPx(const QRectF& target) const {
        const double s = target.width() / extent_.width();
        return QTransform(s, 0, 0, -s, target.left() - extent_.minX * s,
                          target.top() + extent_.maxY * s);
    }

    bool inView(const CountyShape& c) const {
        const QRectF b = c.path.boundingRect();
        return !(b.right() < extent_.minX || b.left() > extent_.maxX || b.bottom() < extent_.minY ||
                 b.top() > extent_.maxY);
    }

    QFont labelFont() const {
        QFont f(family_);
        f.setPixelSize(std::max(1, static_cast<int>(std::lround(8.5 * dpi_ / 72))));
        return f;
    }

    // Labels are placed in frame-local pixels (independent of where the frame
    // sits on the page and of the band being drawn).
    void placeLabels() {
        const QRectF target(QPointF(0, 0), sizePx_);
        labels_.clear();
        report_ = MapDrawReport();
        const QTransform t = toPx(target);
        const QFontMetricsF fm(labelFont());
        std::vector<QRectF> taken;
        for (const auto& c : counties_) {
            if (!inView(c)) continue;
            const QString name = QString::fromStdString(c.name);
            const QPointF p = t.map(c.label);
            if (!target.contains(p)) continue;  // anchor outside the frame: not a loss
            QRectF r = fm.boundingRect(name);
            r.moveCenter(p);
            const QRectF padded = r.adjusted(-1, -1, 1, 1);
            if (!target.contains(padded) ||
                std::any_of(taken.begin(), taken.end(),
                            [&](const QRectF& o) { return o.intersects(padded); })) {
                ++report_.labelsDropped;
                report_.droppedLabels << name;
                continue;
            }
            taken.push_back(padded);
            labels_.push_back({name, QPointF(r.left(), p.y() + (fm.ascent() - fm.descent()) / 2)});
            ++report_.labelsPlaced;
            report_.labelTexts << name;
        }
        labelsValid_ = true;
    }

    void draw(QPainter& p, const QRectF& target) override {
        const QTransform t = toPx(target);
        p.save();
        p.setRenderHint(QPainter::Antialiasing);
        std::map<std::string, int> prefIndex;
        for (const auto& c : counties_)
            prefIndex.emplace(c.prefectureAdcode, static_cast<int>(prefIndex.size()));
        QPen outline(QColor("#333333"));
        outline.setWidthF(0.3 * dpi_ / 96);
        outline.setJoinStyle(Qt::RoundJoin);
        for (const auto& c : counties_) {
            if (!inView(c)) continue;
            p.setBrush(kPalette[prefIndex[c.prefectureAdcode] % 11]);
            p.setPen(outline);
            p.drawPath(t.map(c.path));
        }
        for (const auto& town : towns_) {
            const QPointF q = t.map(town.map);
            if (!target.contains(q)) continue;
            const double r = (town.level == "provincial" ? 3.2 : 2.4) * dpi_ / 96;
            p.setPen(QPen(Qt::white, 0.8 * dpi_ / 96));
            p.setBrush(town.level == "provincial" ? QColor("#c0392b") : QColor("#2e86c1"));
            p.drawEllipse(q, r, r);
        }
        if (!labelsValid_) placeLabels();
        const QFont font = labelFont();
        p.setFont(font);
        p.translate(target.topLeft());
        QPen halo(Qt::white);
        halo.setWidthF(0.5 / 25.4 * dpi_ * 2);
        halo.setJoinStyle(Qt::RoundJoin);
        for (const auto& l : labels_) {
            // Halo: the outline stroked under a real drawText (text stays text in PDF/SVG).
            QPainterPath path;
            path.addText(l.pos, font, l.text);
            p.strokePath(path, halo);
        }
        p.setPen(QColor("#111111"));
        for (const auto& l : labels_) p.drawText(l.pos, l.text);
        p.restore();
    }

    std::vector<LayoutLegendEntry> legend() override {
        std::map<std::string, std::pair<std::string, int>> present;
        std::map<std::string, int> prefIndex;
        for (const auto& c : counties_)
            prefIndex.emplace(c.prefectureAdcode, static_cast<int>(prefIndex.size()));
        for (const auto& c : counties_)
            if (inView(c) && c.path.boundingRect().intersects(QRectF(
                                 extent_.minX, extent_.minY, extent_.width(), extent_.height()))) {
                auto& e = present[c.prefectureAdcode];
                e.first = c.prefecture;
                ++e.second;
            }
        std::vector<LayoutLegendEntry> out;
        out.push_back({LayoutLegendEntry::Symbol::Heading,
                       {},
                       {},
                       0,
                       0,
                       QStringLiteral("县级行政区（按地级市，县数）"),
                       -1});
        for (const auto& [code, e] : present)
            out.push_back({LayoutLegendEntry::Symbol::Fill, kPalette[prefIndex[code] % 11],
                           QColor("#333333"), 0.1, 0, QString::fromStdString(e.first), e.second});
        int prov = 0, muni = 0;
        const QRectF view(extent_.minX, extent_.minY, extent_.width(), extent_.height());
        for (const auto& t : towns_)
            if (view.contains(t.map)) (t.level == "provincial" ? prov : muni)++;
        if (prov + muni > 0)
            out.push_back(
                {LayoutLegendEntry::Symbol::Heading, {}, {}, 0, 0, QStringLiteral("专业镇"), -1});
        if (prov)
            out.push_back({LayoutLegendEntry::Symbol::Circle, QColor("#c0392b"), Qt::white, 0.2, 1.1,
                           QStringLiteral("省级专业镇"), prov});
        if (muni)
            out.push_back({LayoutLegendEntry::Symbol::Circle, QColor("#2e86c1"), Qt::white, 0.2, 0.9,
                           QStringLiteral("市级及其他专业镇"), muni});
        return out;
    }

    MapDrawReport report() override {
        if (!labelsValid_) placeLabels();
        return report_;
    }

    bool showsLayer(const std::string& relation) const override {
        return relation == "counties" || (relation == "towns" && !towns_.empty());
    }

  private:
    struct Label {
        QString text;
        QPointF pos;
    };
    std::shared_ptr<GeoDatabase> db_;
    std::vector<CountyShape> counties_;
    std::vector<TownPoint> towns_;
    std::string crs_;
    std::unique_ptr<CrsTransform> transform_;
    Bounds extent_;
    QSizeF sizePx_;
    double dpi_ = 96;
    QString family_ = QStringLiteral("Noto Sans CJK SC");
    std::vector<Label> labels_;
    bool labelsValid_ = false;
    MapDrawReport report_;
};

}  // namespace

std::unique_ptr<MapDrawer> makeBasicMapDrawer(std::shared_ptr<GeoDatabase> db) {
    return std::make_unique<BasicMapDrawer>(std::move(db));
}

}  // namespace jinmap

namespace jinmap {
// Until the style renderer is wired in, every export uses the built-in style.
std::unique_ptr<MapDrawer> makeMapDrawer(std::shared_ptr<GeoDatabase> db, const std::string&) {
    return makeBasicMapDrawer(std::move(db));
}
}  // namespace jinmap
