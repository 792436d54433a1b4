// layers, summary, facts: read-only questions to the database.
#include <cstdio>
#include <map>

#include "base/error.h"
#include "base/numbers.h"
#include "base/sqlite.h"
#include "cli.h"
#include "cli_commands.h"
#include "data/county_summary.h"
#include "data/geodatabase.h"
#include "export/table_writer.h"

namespace jinmap::cli {

namespace {

int layersCommand(const Context& ctx, const Args&) {
    auto db = GeoDatabase::open(ctx.dbPath);
    std::printf("%s (data version %s)\n", ctx.dbPath.c_str(), db->dataVersion().c_str());
    std::printf("%-18s %8s %8s  %-14s %s\n", "layer", "features", "drawn", "geometry",
                "extent (lon/lat)");
    for (const auto& l : db->layers()) {
        if (l.extent.isEmpty()) {
            std::printf("%-18s %8lld %8lld  %-14s (none)\n", l.name.c_str(),
                        static_cast<long long>(l.featureCount),
                        static_cast<long long>(l.withGeometry), l.geometryType.c_str());
        } else {
            const std::string extent =
                formatFixed(l.extent.minX, 4) + "," + formatFixed(l.extent.minY, 4) + "," +
                formatFixed(l.extent.maxX, 4) + "," + formatFixed(l.extent.maxY, 4);
            std::printf("%-18s %8lld %8lld  %-14s %s\n", l.name.c_str(),
                        static_cast<long long>(l.featureCount),
                        static_cast<long long>(l.withGeometry), l.geometryType.c_str(),
                        extent.c_str());
        }
    }
    return 0;
}

int summaryCommand(const Context& ctx, const Args& args) {
    const auto county = args.value("county");
    if (!county) return usageError("summary needs --county NAME|ADCODE");
    auto db = GeoDatabase::open(ctx.dbPath);
    const CountyRef ref = db->resolveCounty(*county);
    const CountySummary summary = loadCountySummary(*db, ref.adcode);
    const std::string text =
        args.flag("json") ? formatSummaryJson(summary) : formatSummaryText(summary);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

int factsCommand(const Context& ctx, const Args& args) {
    const std::string format = args.valueOr("format", "csv");
    const auto output = args.value("output");
    if (!output) return usageError("facts needs -o FILE");
    TableFormat tableFormat;
    if (format == "csv")
        tableFormat = TableFormat::Csv;
    else if (format == "xlsx")
        tableFormat = TableFormat::Xlsx;
    else
        return usageError("--format must be csv or xlsx");
    auto db = GeoDatabase::open(ctx.dbPath);
    auto stmt = db->database()->prepare(
        "SELECT t.name, t.name_as_written, coalesce(t.county, ''), coalesce(t.county_adcode, ''), "
        "t.prefecture, "
        "t.level, coalesce(t.level_detail, ''), coalesce(t.sector, ''), coalesce(m.label_zh, "
        "f.metric), f.metric, "
        "f.value, f.value_text, coalesce(f.unit, ''), f.year, s.file, f.quote "
        "FROM town_facts f JOIN towns t ON t.id = f.town_id JOIN sources s ON s.id = f.source_id "
        "LEFT JOIN metrics m ON m.metric = f.metric ORDER BY t.prefecture, t.county_adcode, t.id, "
        "f.id");
    Table table;
    table.name = "town_facts";
    table.header = {"town",  "town_as_written", "county", "county_adcode", "prefecture",
                    "level", "level_detail",    "sector", "metric_label",  "metric",
                    "value", "value_text",      "unit",   "year",          "source_file",
                    "quote"};
    table.numericColumns = {10, 13};
    while (stmt.step()) {
        std::vector<std::string> row;
        for (int i = 0; i < stmt.columnCount(); ++i) {
            if (i == 5)
                row.push_back(levelLabelZh(stmt.columnText(i)));
            else if (stmt.isNull(i))
                row.emplace_back();
            else if (i == 10)
                row.push_back(valueToString(stmt.columnDouble(i)));
            else
                row.push_back(stmt.columnText(i));
        }
        table.rows.push_back(std::move(row));
    }
    writeTable(table, *output, tableFormat);
    std::printf("wrote %zu figures to %s\n", table.rows.size(), output->c_str());
    return 0;
}

}  // namespace

void registerDataCommands() {
    registerCommand({"layers",
                     "list every layer: feature count, geometry type, extent",
                     {},
                     {},
                     layersCommand});
    registerCommand({"summary",
                     "--county NAME|ADCODE [--json]   a county's industry summary",
                     {"county"},
                     {"json"},
                     summaryCommand});
    registerCommand({"facts",
                     "--format csv|xlsx -o FILE   every town figure with its source",
                     {"format"},
                     {},
                     factsCommand});
}

}  // namespace jinmap::cli
