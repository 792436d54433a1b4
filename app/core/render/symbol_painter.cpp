// Symbol layers: a label candidate per feature at its label anchor (a
// polygon's pole of inaccessibility, a point itself, a line's middle), with
// the positions the style allows (label_policy.h). Candidates are placed and
// drawn after every layer (LabelEngine). A point's label knows the symbol
// under it is its own and, on a map too dense for anything else, may cover
// symbols of its own relation.
#include <cmath>

#include "base/error.h"
#include "render/label_policy.h"
#include "render/layer_cache.h"
#include "render/layer_painter.h"
#include "style/color.h"

namespace jinmap {

namespace {

class SymbolPainter final : public LayerPainter {
  public:
    void begin(FrameContext& ctx, const LayerInput& in) override {
        data_ = &in.data;
        styled_ = &in.styled;
        rank_ = static_cast<int>(in.rank);
        obstacleGroup_ = ctx.obstacles.group(in.data.relation());
        const double pr = ctx.frame.pixelRatio;
        classes_.clear();
        for (const Paint& p : in.styled.paints()) {
            LabelStyle ls;
            try {
                const ResolvedFont rf = resolveFont(p.font, ctx.request.fontFamily);
                ls.font = QFont(rf.family);
                ls.font.setWeight(rf.weight);
            } catch (const Error& e) {
                ctx.result.errors.push_back({in.layer.id, e.what()});
                ls.font = QFont();
            }
            ls.font.setPixelSize(std::max(1, static_cast<int>(std::lround(p.textSize * pr))));
            ls.font.setHintingPreference(QFont::PreferNoHinting);
            ls.color = toQColor(p.textColor);
            ls.haloColor = toQColor(p.haloColor);
            ls.haloWidth = p.haloWidth * pr;
            ls.padding = p.padding * pr;
            Class c;
            c.style = ctx.labels.addStyle(ls);
            c.positions = labelPositions(p, p.textSize * pr);
            c.allowOverlap = p.allowOverlap;
            classes_.push_back(std::move(c));
        }
    }

    bool feature(FrameContext& ctx, std::size_t i, std::size_t cls) override {
        if (styled_->texts.empty()) return false;
        const QString& text = styled_->texts[i];
        if (text.isEmpty()) return false;
        const QPointF a = data_->labelAnchor(i);
        const QPointF anchor = ctx.frame.px(a.x(), a.y());
        if (!ctx.frame.rect.contains(anchor)) return false;
        const Class& c = classes_[cls];
        LabelCandidate candidate;
        candidate.text = text;
        candidate.anchor = anchor;
        candidate.style = c.style;
        candidate.positions = c.positions;
        const GeometryType type = data_->type(i);
        if (type == GeometryType::Point || type == GeometryType::MultiPoint) {
            candidate.labelsSymbol = true;
            candidate.obstacleGroup = obstacleGroup_;
        }
        candidate.sortKey = styled_->sortKeys[i];
        candidate.layerRank = rank_;
        candidate.allowOverlap = c.allowOverlap;
        ctx.labels.add(std::move(candidate));
        return true;
    }

    void end(FrameContext&) override {}

  private:
    struct Class {
        int style = 0;
        std::vector<LabelCandidate::Position> positions;
        bool allowOverlap = false;
    };
    const LayerData* data_ = nullptr;
    const StyledLayer* styled_ = nullptr;
    int rank_ = 0;
    int obstacleGroup_ = -1;
    std::vector<Class> classes_;
};

}  // namespace

std::unique_ptr<LayerPainter> makeSymbolPainter() {
    return std::make_unique<SymbolPainter>();
}

}  // namespace jinmap
