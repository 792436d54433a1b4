#pragma once
// Label placement policy from the style, with MapLibre's semantics and
// defaults: where a symbol layer's label may sit around its anchor
// (text-anchor + text-offset, or each text-variable-anchor in turn, moved by
// text-radial-offset or by text-offset's absolute values), and the font a
// text-font stack resolves to.
#include <QString>
#include <string>
#include <vector>

#include "render/label_engine.h"

namespace jinmap {

struct Paint;

// Candidate positions in order, offsets in device pixels (emPx: device
// pixels per em, i.e. text-size × pixel ratio).
std::vector<LabelCandidate::Position> labelPositions(const Paint& paint, double emPx);

struct ResolvedFont {
    QString family;
    int weight = QFont::Normal;
};

// "Noto Sans CJK SC Regular"-style names to an installed family and weight;
// `overrideFamily` (an export's font) replaces the family. Throws
// Error(Render) when no font of the stack is installed.
ResolvedFont resolveFont(const std::vector<std::string>& stack, const QString& overrideFamily);

}  // namespace jinmap
