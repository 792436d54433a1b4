// layers, summary, facts: read-only questions to the database.
#include <cstdio>
#include <map>
#include <optional>

#include "base/error.h"
#include "base/numbers.h"
#include "base/sqlite.h"
#include "base/table_writer.h"
#include "cli.h"
#include "cli_commands.h"
#include "data/geodatabase.h"
#include "present/fact_table.h"
#include "present/summary_json.h"
#include "present/summary_text.h"
#include "present/view_loader.h"

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

// --lang zh_CN|en (default zh_CN); a bad value is a usage error.
std::optional<Lang> languageOf(const Args& args) {
    try {
        return parseLang(args.valueOr("lang", "zh_CN"));
    } catch (const Error&) {
        return std::nullopt;
    }
}

int summaryCommand(const Context& ctx, const Args& args) {
    const auto county = args.value("county");
    const auto city = args.value("city");
    if (!county == !city)
        return usageError("summary needs --county NAME|ADCODE or --city NAME|ADCODE");
    const auto lang = languageOf(args);
    if (!lang) return usageError("--lang must be zh_CN or en");
    auto db = GeoDatabase::open(ctx.dbPath);
    ViewReader reader(*db, *lang);
    std::string text;
    if (county) {
        const CountyView view = reader.county(db->resolveCounty(*county).adcode);
        text = args.flag("json") ? countySummaryJson(view) : countySummaryText(view);
    } else {
        const auto pref = db->resolvePrefecture(*city);
        if (!pref) throw Error(ErrorKind::NotFound, "unknown city '" + *city + "'");
        const CityView view = reader.city(pref->first);
        text = args.flag("json") ? citySummaryJson(view) : citySummaryText(view);
    }
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
    const auto lang = languageOf(args);
    if (!lang) return usageError("--lang must be zh_CN or en");
    auto db = GeoDatabase::open(ctx.dbPath);
    ViewReader reader(*db, *lang);
    const Table table = factTable(reader.allTowns(), *lang, "town_facts");
    writeTable(table, *output, tableFormat);
    std::printf("wrote %zu rows to %s\n", table.rows.size(), output->c_str());
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
                     "--county NAME|ADCODE | --city NAME|ADCODE [--json] [--lang zh_CN|en]   a "
                     "county's or a city's industry summary",
                     {"county", "city", "lang"},
                     {"json"},
                     summaryCommand});
    registerCommand({"facts",
                     "--format csv|xlsx -o FILE [--lang zh_CN|en]   every town figure with its "
                     "scope, caveats and source",
                     {"format", "lang"},
                     {},
                     factsCommand});
}

}  // namespace jinmap::cli
