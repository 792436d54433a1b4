#include "publish/marker_images.h"

#include <QBuffer>
#include <QImageWriter>
#include <QPointF>
#include <algorithm>
#include <cmath>
#include <vector>

#include "base/error.h"

namespace jinmap {

namespace {

QRgb rgba(const Color& c) {
    auto byte = [](float v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255));
    };
    return qRgba(byte(c.r), byte(c.g), byte(c.b), byte(c.a));
}

std::string hex(const Color& c) {
    std::string s = c.toString();  // "#rrggbb" or "#rrggbbaa"
    if (!s.empty() && s[0] == '#') s.erase(0, 1);
    return s;
}

// The outline of a shape of radius 1 as the desktop draws it
// (render/circle_painter.cpp): star tips 1.25, inner corners 0.5; the
// triangle reaches 1.2 up.
std::vector<QPointF> outline(CircleShape shape) {
    std::vector<QPointF> p;
    switch (shape) {
        case CircleShape::Square:
            p = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
            break;
        case CircleShape::Triangle:
            p = {{0, -1.2}, {1.04, 0.6}, {-1.04, 0.6}};
            break;
        case CircleShape::Star:
            for (int k = 0; k < 10; ++k) {
                const double a = -M_PI / 2 + k * M_PI / 5;
                const double r = (k % 2 == 0) ? 1.25 : 0.5;
                p.emplace_back(r * std::cos(a), r * std::sin(a));
            }
            break;
        case CircleShape::Circle:
            break;
    }
    return p;
}

double segmentDistance(QPointF p, QPointF a, QPointF b) {
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

bool inside(QPointF p, const std::vector<QPointF>& poly) {
    bool in = false;
    for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const QPointF& a = poly[i];
        const QPointF& b = poly[j];
        if ((a.y() > p.y()) != (b.y() > p.y()) &&
            p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x())
            in = !in;
    }
    return in;
}

// Signed distance (negative inside) from p to the shape of radius r.
double signedDistance(QPointF p, CircleShape shape, double r) {
    if (shape == CircleShape::Circle) return std::hypot(p.x(), p.y()) - r;
    std::vector<QPointF> poly = outline(shape);
    for (QPointF& q : poly) q *= r;
    double d = 1e300;
    for (std::size_t i = 0; i < poly.size(); ++i)
        d = std::min(d, segmentDistance(p, poly[i], poly[(i + 1) % poly.size()]));
    return inside(p, poly) ? -d : d;
}

}  // namespace

QImage hatchTile(const Color& fill, const Color& line, int pixelRatio) {
    const int pr = std::clamp(pixelRatio, 1, 4);
    const int period = 8 * pr;
    QImage image(period, period, QImage::Format_ARGB32);
    const QRgb f = rgba(fill), l = rgba(line);
    // Qt's '/' pattern as the desktop's coverage filler draws it: the line
    // where (x + y) mod period falls in the period's last `pr` steps.
    for (int y = 0; y < period; ++y)
        for (int x = 0; x < period; ++x)
            image.setPixel(x, y, ((x + y) % period) >= period - pr ? l : f);
    return image;
}

QImage shapeSdf(CircleShape shape) {
    // The shape's reach (a star's tips 1.25 r) and the halo room.
    const double reach = shape == CircleShape::Star       ? 1.25
                         : shape == CircleShape::Triangle ? 1.2
                                                          : 1.0;
    const int half =
        static_cast<int>(std::ceil((reach * kShapeUnitRadius + kShapeBuffer) * kShapePixelRatio));
    const int size = 2 * half;
    QImage image(size, size, QImage::Format_ARGB32);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            // Pixel centre in screen px at icon-size 1, origin at the centre.
            const QPointF p((x + 0.5 - half) / kShapePixelRatio,
                            (y + 0.5 - half) / kShapePixelRatio);
            const double d = signedDistance(p, shape, kShapeUnitRadius);
            const double v = std::clamp(0.75 - d / 8.0, 0.0, 1.0);
            image.setPixel(x, y, qRgba(0, 0, 0, static_cast<int>(std::lround(v * 255))));
        }
    }
    return image;
}

std::string hatchImageId(const Color& fill, const Color& line) {
    return "jinmap-hatch-" + hex(fill) + "-" + hex(line);
}

std::string shapeImageId(CircleShape shape) {
    return std::string("jinmap-shape-") + circleShapeName(shape);
}

QByteArray toPng(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image))
        throw Error(ErrorKind::Export, "cannot encode PNG: " + writer.errorString().toStdString());
    return bytes;
}

}  // namespace jinmap
