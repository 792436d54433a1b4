#include "publish/site_texts.h"

#include <QString>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/geodatabase.h"

namespace jinmap {

namespace {

QJsonObject both(const QString& zh, const QString& en) {
    return QJsonObject{{"zh_CN", zh}, {"en", en}};
}

QString meta(const GeoDatabase& db, const char* key) {
    try {
        return QString::fromStdString(db.metadata(key));
    } catch (const Error&) {
        return {};
    }
}

}  // namespace

QJsonObject siteTexts(const GeoDatabase& db) {
    const QString boundaryZh = meta(db, "boundary_source_zh");
    const QString boundaryEn = meta(db, "boundary_precision");
    const QString datumEn = meta(db, "crs_note");
    return QJsonObject{
        {"schematic",
         both(QStringLiteral("示意图：本图为示意图，行政边界未经测绘审核，不作为权属争议依据；"
                             "公开出版或展示须依法送审并取得审图号。"),
              QStringLiteral(
                  "Schematic map (示意图): the administrative boundaries are not surveyed "
                  "and settle no dispute; publishing or displaying the map publicly "
                  "requires an official map review number (审图号)."))},
        {"boundary",
         both(boundaryZh.isEmpty()
                  ? QStringLiteral("县级行政区划边界来源未记录，坐标系统未经核实。")
                  : boundaryZh,
              (boundaryEn.isEmpty()
                   ? QStringLiteral("The source of the county boundaries is not recorded.")
                   : boundaryEn) +
                  (datumEn.isEmpty() ? QString() : QStringLiteral(" ") + datumEn))},
        {"placement",
         both(QStringLiteral("专业镇点位只表示所在县（县级定位），不是镇的实际位置。"),
              QStringLiteral("Town points show the county (county-level placement), not the town's "
                             "location."))},
        {"coverage",
         both(QStringLiteral("资料只完整列出大同、晋中、晋城三市的专业镇；斜线表示资料未列出该市专"
                             "业镇（无数据），不是 0。"),
              QStringLiteral("The sources list all towns of Datong, Jinzhong and Jincheng only; "
                             "hatching means the sources list no towns for that city (no data), "
                             "not zero."))}};
}

std::string licensesText(const GeoDatabase& db, const std::string& maplibreVersionLine) {
    std::string out =
        "# Licences of this site\n\n"
        "Written by `jinmap publish`. The map data, summaries and figures come from jinmap's "
        "database (data version " +
        db.dataVersion() +
        "); every figure carries the document and the sentence it came from.\n\n"
        "## MapLibre GL JS\n\n"
        "`vendor/maplibre-gl/` holds MapLibre GL JS, unmodified, from the npm registry: " +
        maplibreVersionLine +
        "\nBSD 3-Clause licence, see `vendor/maplibre-gl/LICENSE.txt`.\n\n"
        "## Boundary and code-list packages\n\n";
    try {
        auto stmt = db.database()->prepare(
            "SELECT key, value FROM metadata WHERE key LIKE 'package:%' ORDER BY key");
        while (stmt.step())
            out += "- `" + stmt.columnText(0).substr(8) + "` " + stmt.columnText(1) + "\n";
    } catch (const Error&) {
        out += "- (not recorded in this database)\n";
    }
    out +=
        "\n## Fonts\n\n"
        "The site ships no font: labels and text use the reader's Noto Sans CJK SC "
        "(SIL Open Font License 1.1) where installed, otherwise the system's sans-serif font.\n";
    return out;
}

}  // namespace jinmap
