#pragma once
// A canonical, line-oriented text form of a parsed style: every layer with
// all of its properties (defaults included), expressions as compact JSON.
// Used by the fixture tests and handy for `jinmap` debugging output.
#include <string>

#include "style/legend.h"
#include "style/style.h"

namespace jinmap {

std::string dump(const Style& style);
std::string dump(const Legend& legend);

}  // namespace jinmap
