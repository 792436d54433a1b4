#pragma once
// Towns' figures as a table (CSV/XLSX: `jinmap facts`, the county sheet's
// table, the viewer's "Export table"): headers in the view's language and the
// caveats as columns — scope, whether the figure counts as the town's own,
// the conflicting reading, the notes — next to the document and its sentence.
#include <string>
#include <vector>

#include "base/table_writer.h"
#include "present/views.h"

namespace jinmap {

// One row per figure; a town without figures gets one row saying so.
Table factTable(const std::vector<TownView>& towns, Lang lang, const std::string& sheetName);

}  // namespace jinmap
