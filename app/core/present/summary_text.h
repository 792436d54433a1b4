#pragma once
// Plain-text layouts of the views (the CLI's `jinmap summary`, the viewer's
// copy-to-clipboard): one line per thing, no empty lines, each quotation
// printed once and referred to by number ［n］, documents listed once.
#include <string>
#include <vector>

#include "present/views.h"

namespace jinmap {

std::string countySummaryText(const CountyView& county);
std::string citySummaryText(const CityView& city);
// One town's block with its quotations and documents: report-ready text.
std::string townSummaryText(const TownView& town, const std::vector<SourceView>& sources,
                            Lang lang);

}  // namespace jinmap
