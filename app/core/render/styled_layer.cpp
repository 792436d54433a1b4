#include "render/styled_layer.h"

#include <cstdint>
#include <cstring>
#include <functional>

#include "base/error.h"
#include "render/layer_cache.h"
#include "render/map_renderer.h"

namespace jinmap {

bool Paint::operator==(const Paint& o) const {
    return fill == o.fill && fillOpacity == o.fillOpacity && outline == o.outline &&
           outlineColor == o.outlineColor && hatch == o.hatch && fillRule == o.fillRule &&
           line == o.line && lineWidth == o.lineWidth && lineOpacity == o.lineOpacity &&
           dash == o.dash && join == o.join && cap == o.cap && miterLimit == o.miterLimit &&
           radius == o.radius && circle == o.circle && circleOpacity == o.circleOpacity &&
           stroke == o.stroke && strokeWidth == o.strokeWidth && shape == o.shape &&
           textSize == o.textSize && textColor == o.textColor && haloColor == o.haloColor &&
           haloWidth == o.haloWidth && font == o.font && anchor == o.anchor && offset == o.offset &&
           variableAnchors == o.variableAnchors && radialOffset == o.radialOffset &&
           padding == o.padding && allowOverlap == o.allowOverlap;
}

namespace {

struct Hasher {
    std::size_t h = 0x9e3779b97f4a7c15ull;
    template <typename T>
    void add(const T& v) {
        h ^= std::hash<T>()(v) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    }
    // A double by its bits (std::hash<double> runs a byte hash per value:
    // most of interning all China's county paints); -0 as +0, which it equals.
    void add(double v) {
        if (v == 0) v = 0;
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        add(bits);
    }
    void add(const Color& c) {
        add(c.r);
        add(c.g);
        add(c.b);
        add(c.a);
    }
    template <typename T>
    void add(const std::vector<T>& items) {
        add(items.size());
        for (const T& item : items) add(item);
    }
};

}  // namespace

std::size_t PaintHash::operator()(const Paint& p) const noexcept {
    // Fields that tell classes apart in practice (colours, sizes, shapes);
    // equality decides the rest.
    Hasher h;
    h.add(p.fill);
    h.add(p.fillOpacity);
    h.add(p.hatch);
    h.add(p.line);
    h.add(p.lineWidth);
    h.add(p.dash);
    h.add(p.radius);
    h.add(p.circle);
    h.add(p.shape);
    h.add(p.textSize);
    h.add(p.textColor);
    h.add(p.offset);
    return h.h;
}

RowsForFrame::RowsForFrame(const ColumnOverride* override, const Fields& fields)
    : override_(override) {
    if (!override_) return;
    keyColumn_ = fields.indexOf(override_->keyColumn);
    for (const std::string& c : override_->columns) columns_.push_back(fields.indexOf(c));
}

const std::vector<Value>& RowsForFrame::row(const std::vector<Value>& stored) {
    if (keyColumn_ < 0 || columns_.empty()) return stored;
    replaced_ = stored;
    const auto it =
        override_->values.find(valueToString(stored[static_cast<std::size_t>(keyColumn_)]));
    const std::vector<Value>& values =
        it == override_->values.end() ? override_->otherwise : it->second;
    for (std::size_t c = 0; c < columns_.size() && c < values.size(); ++c)
        if (columns_[c] >= 0) replaced_[static_cast<std::size_t>(columns_[c])] = values[c];
    return replaced_;
}

Paint evaluatePaint(const Layer& layer, const EvaluationContext& ctx) {
    Paint p;
    if (const FillStyle* f = layer.fill()) {
        p.fill = f->color.evaluate(ctx);
        p.fillOpacity = f->opacity.evaluate(ctx);
        if (f->outlineColor) {
            p.outline = true;
            p.outlineColor = f->outlineColor->evaluate(ctx);
        }
        p.hatch = f->hatch.evaluate(ctx);
        p.fillRule = f->fillRule.evaluate(ctx);
    } else if (const LineStyle* l = layer.line()) {
        p.line = l->color.evaluate(ctx);
        p.lineWidth = l->width.evaluate(ctx);
        p.lineOpacity = l->opacity.evaluate(ctx);
        p.dash = l->dasharray.evaluate(ctx);
        p.join = l->join.evaluate(ctx);
        p.cap = l->cap.evaluate(ctx);
        p.miterLimit = l->miterLimit.evaluate(ctx);
    } else if (const CircleStyle* c = layer.circle()) {
        p.radius = c->radius.evaluate(ctx);
        p.circle = c->color.evaluate(ctx);
        p.circleOpacity = c->opacity.evaluate(ctx);
        p.stroke = c->strokeColor.evaluate(ctx);
        p.strokeWidth = c->strokeWidth.evaluate(ctx);
        p.shape = c->shape.evaluate(ctx);
    } else if (const SymbolStyle* s = layer.symbol()) {
        p.textSize = s->textSize.evaluate(ctx);
        p.textColor = s->textColor.evaluate(ctx);
        p.haloColor = s->textHaloColor.evaluate(ctx);
        p.haloWidth = s->textHaloWidth.evaluate(ctx);
        p.font = s->textFont.evaluate(ctx);
        p.anchor = s->textAnchor.evaluate(ctx);
        p.offset = s->textOffset.evaluate(ctx);
        p.variableAnchors = s->textVariableAnchor.evaluate(ctx);
        p.radialOffset = s->textRadialOffset.evaluate(ctx);
        p.padding = s->textPadding.evaluate(ctx);
        p.allowOverlap = s->textAllowOverlap.evaluate(ctx);
    }
    return p;
}

namespace {
template <typename... P>
bool anyZoomDependent(const P&... p) {
    return (!p.isZoomConstant() || ...);
}
}  // namespace

bool layerZoomDependent(const Layer& layer) {
    if (const FillStyle* f = layer.fill())
        return anyZoomDependent(f->color, f->opacity, f->hatch, f->fillRule) ||
               (f->outlineColor && !f->outlineColor->isZoomConstant());
    if (const LineStyle* l = layer.line())
        return anyZoomDependent(l->color, l->width, l->opacity, l->dasharray, l->join, l->cap,
                                l->miterLimit);
    if (const CircleStyle* c = layer.circle())
        return anyZoomDependent(c->radius, c->color, c->opacity, c->strokeColor, c->strokeWidth,
                                c->shape);
    if (const SymbolStyle* s = layer.symbol())
        return anyZoomDependent(s->textSize, s->textColor, s->textHaloColor, s->textHaloWidth,
                                s->textFont, s->textAnchor, s->textOffset, s->textVariableAnchor,
                                s->textRadialOffset, s->textPadding, s->textAllowOverlap,
                                s->textField, s->symbolSortKey);
    return false;
}

std::uint16_t PaintClasses::intern(const Paint& paint, const std::string& layerId) {
    const auto it = index_.find(paint);
    if (it != index_.end()) return it->second;
    if (paints_.size() >= kMaxClasses)
        throw Error(ErrorKind::Render,
                    "layer '" + layerId + "' has more than " + std::to_string(kMaxClasses) +
                        " distinct paint values (one per feature?); round the values the "
                        "style computes or classify them with step/match");
    const auto k = static_cast<std::uint16_t>(paints_.size());
    paints_.push_back(paint);
    index_.emplace(paint, k);
    return k;
}

void PaintClasses::clear() {
    paints_.clear();
    index_.clear();
}

std::size_t PaintClasses::bytes() const {
    return paints_.capacity() * sizeof(Paint) +
           index_.size() * (sizeof(Paint) + sizeof(std::uint16_t) + 2 * sizeof(void*));
}

void StyledLayer::evaluate(const Layer& layer, const LayerData& data, double zoom, bool paintsToo,
                           bool filterToo, bool legendToo, const ColumnOverride* override) {
    using Row = std::vector<Value>;
    const std::size_t n = data.size();
    EvaluationContext ctx;
    ctx.zoom = zoom;
    static const Row kEmpty;
    RowFeatureView<Row> view(binding, kEmpty);
    ctx.feature = &view;
    RowsForFrame rows(override, data.fields());
    if (filterToo) {
        pass.assign(n, 1);
        allPass = true;
    }
    if (paintsToo) {
        paintIndex.assign(n, 0);
        classes.clear();
    }
    if (legendToo) legendIndex.assign(legend.size(), std::vector<std::int16_t>(n, -1));
    const SymbolStyle* symbol = layer.symbol();
    if (paintsToo && symbol) {
        texts.assign(n, QString());
        sortKeys.assign(n, 0);
    }
    for (std::size_t i = 0; i < n; ++i) {
        view.setRow(rows.row(data.row(i)));
        if (filterToo) {
            pass[i] = layer.accepts(ctx) ? 1 : 0;
            if (!pass[i]) allPass = false;
        }
        if (paintsToo) {
            paintIndex[i] = classes.intern(evaluatePaint(layer, ctx), layer.id);
            if (symbol) {
                texts[i] = QString::fromStdString(symbol->textField.evaluate(ctx));
                sortKeys[i] = symbol->symbolSortKey.evaluate(ctx);
            }
        }
        if (legendToo)
            for (std::size_t g = 0; g < legend.size(); ++g)
                legendIndex[g][i] = static_cast<std::int16_t>(legend[g].classify(view, zoom));
    }
}

std::size_t StyledLayer::bytes() const {
    std::size_t b = pass.capacity() + paintIndex.capacity() * sizeof(std::uint16_t) +
                    classes.bytes() + sortKeys.capacity() * sizeof(double) +
                    texts.capacity() * sizeof(QString);
    for (const auto& t : texts) b += static_cast<std::size_t>(t.capacity()) * 2;
    for (const auto& v : legendIndex) b += v.capacity() * sizeof(std::int16_t);
    return b;
}

}  // namespace jinmap
