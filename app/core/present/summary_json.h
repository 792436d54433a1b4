#pragma once
// JSON layouts of the views (`jinmap summary --json`): display fields in the
// view's language next to the machine fields (ids, codes, numbers, the
// document's file and checksum as provenance detail).
#include <string>

#include "present/views.h"

namespace jinmap {

std::string countySummaryJson(const CountyView& county);
std::string citySummaryJson(const CityView& city);

}  // namespace jinmap
