#include "render/layer_painter.h"

#include "render/layer_cache.h"

namespace jinmap {

LegendCounter::LegendCounter(const StyledLayer& styled) : styled_(styled) {
    counts_.resize(styled.legend.size());
    for (std::size_t g = 0; g < counts_.size(); ++g)
        counts_[g].assign(styled.legend[g].entries.size(), 0);
}

void LegendCounter::count(std::size_t feature) {
    for (std::size_t g = 0; g < counts_.size(); ++g) {
        const int e = styled_.legendIndex[g][feature];
        if (e >= 0 && static_cast<std::size_t>(e) < counts_[g].size())
            ++counts_[g][static_cast<std::size_t>(e)];
    }
}

void LegendCounter::appendTo(const std::string& layerId, std::vector<LegendCount>& out) const {
    for (std::size_t g = 0; g < counts_.size(); ++g) {
        const LegendGroup& group = styled_.legend[g];
        for (std::size_t c = 0; c < counts_[g].size(); ++c)
            if (counts_[g][c] > 0)
                out.push_back({layerId,
                               group.properties.empty() ? std::string() : group.properties.front(),
                               group.entries[c].key, counts_[g][c]});
    }
}

void paintLayer(FrameContext& ctx, LayerPainter& painter, const LayerInput& in) {
    thread_local std::vector<std::uint32_t> ids;
    in.data.query(ctx.frame.queryBounds, ids);
    const StyledLayer& st = in.styled;
    LegendCounter legend(st);
    const FeatureFilter& filter = ctx.request.filter;
    painter.begin(ctx, in);
    std::size_t processed = 0;
    for (const std::uint32_t i : ids) {
        if ((++processed & 63) == 0 && ctx.cancelled()) {
            ctx.result.cancelled = true;
            break;
        }
        if (!st.pass.empty() && !st.pass[i]) continue;
        if (filter && !filter(in.data.relation(), in.data.fields(), in.data.row(i))) continue;
        const std::size_t cls = st.paintIndex.empty() ? 0 : st.paintIndex[i];
        if (!painter.feature(ctx, i, cls)) continue;
        ++ctx.result.featuresDrawn;
        ctx.result.verticesDrawn += painter.lastVertices();
        legend.count(i);
    }
    painter.end(ctx);
    legend.appendTo(in.layer.id, ctx.result.legend);
}

}  // namespace jinmap
