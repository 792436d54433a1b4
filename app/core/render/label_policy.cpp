#include "render/label_policy.h"

#include <cmath>
#include <cstring>

#include "base/error.h"
#include "render/styled_layer.h"

namespace jinmap {

namespace {

// MapLibre's fromRadialOffset: the label moved `r` away from the point in
// the direction its anchor faces (diagonals r/√2 on each axis).
QPointF radialOffset(TextAnchor a, double r) {
    const double d = r / std::sqrt(2.0);
    switch (a) {
        case TextAnchor::Center:
            return {0, 0};
        case TextAnchor::Top:
            return {0, r};
        case TextAnchor::Bottom:
            return {0, -r};
        case TextAnchor::Left:
            return {r, 0};
        case TextAnchor::Right:
            return {-r, 0};
        case TextAnchor::TopLeft:
            return {d, d};
        case TextAnchor::TopRight:
            return {-d, d};
        case TextAnchor::BottomLeft:
            return {d, -d};
        case TextAnchor::BottomRight:
            return {-d, -d};
    }
    return {0, 0};
}

// MapLibre's fromTextOffset: with variable anchors, text-offset's absolute
// values, signed away from the anchor's side.
QPointF sideOffset(TextAnchor a, QPointF o) {
    const double x = std::abs(o.x()), y = std::abs(o.y());
    double dx = 0, dy = 0;
    switch (a) {
        case TextAnchor::Left:
        case TextAnchor::TopLeft:
        case TextAnchor::BottomLeft:
            dx = x;
            break;
        case TextAnchor::Right:
        case TextAnchor::TopRight:
        case TextAnchor::BottomRight:
            dx = -x;
            break;
        default:
            break;
    }
    switch (a) {
        case TextAnchor::Top:
        case TextAnchor::TopLeft:
        case TextAnchor::TopRight:
            dy = y;
            break;
        case TextAnchor::Bottom:
        case TextAnchor::BottomLeft:
        case TextAnchor::BottomRight:
            dy = -y;
            break;
        default:
            break;
    }
    return {dx, dy};
}

}  // namespace

std::vector<LabelCandidate::Position> labelPositions(const Paint& p, double emPx) {
    const QPointF offset =
        p.offset.size() >= 2 ? QPointF(p.offset[0] * emPx, p.offset[1] * emPx) : QPointF();
    const double radial = std::max(0.0, p.radialOffset) * emPx;
    std::vector<LabelCandidate::Position> out;
    if (p.variableAnchors.empty()) {
        out.push_back({p.anchor, radial > 0 ? radialOffset(p.anchor, radial) : offset});
        return out;
    }
    for (const TextAnchor a : p.variableAnchors)
        out.push_back({a, radial > 0 ? radialOffset(a, radial) : sideOffset(a, offset)});
    return out;
}

ResolvedFont resolveFont(const std::vector<std::string>& stack, const QString& overrideFamily) {
    ResolvedFont out;
    std::string firstError;
    for (const std::string& raw : stack) {
        std::string name = raw;
        int weight = QFont::Normal;
        static const std::pair<const char*, int> suffixes[] = {
            {" Regular", QFont::Normal}, {" Bold", QFont::Bold},   {" Medium", QFont::Medium},
            {" Light", QFont::Light},    {" Black", QFont::Black}, {" Thin", QFont::Thin},
            {" DemiLight", QFont::Light}};
        for (const auto& [suffix, w] : suffixes) {
            const std::size_t len = std::strlen(suffix);
            if (name.size() > len && name.compare(name.size() - len, len, suffix) == 0) {
                name.resize(name.size() - len);
                weight = w;
                break;
            }
        }
        out.weight = weight;
        if (!overrideFamily.isEmpty()) {
            out.family = overrideFamily;
            return out;
        }
        try {
            out.family = requireFontFamily(QString::fromStdString(name));
            return out;
        } catch (const Error& e) {
            if (firstError.empty()) firstError = e.message();
        }
    }
    if (!overrideFamily.isEmpty()) {
        out.family = overrideFamily;
        return out;
    }
    if (stack.empty()) {
        out.family = requireFontFamily(QStringLiteral("Noto Sans CJK SC"));
        return out;
    }
    throw Error(ErrorKind::Render, firstError);
}

}  // namespace jinmap
