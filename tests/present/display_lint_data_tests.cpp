// The display lint over the real database (issue 11): every county and city
// summary (text and JSON, Chinese and English), the county sheets' tables as
// laid out, the CSV/XLSX table exports in both languages; every data note is
// shown somewhere; only the town's own figures can be summed or mapped.
#include <cpl_conv.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <unistd.h>

#include <QGuiApplication>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/csv.h"
#include "base/sqlite.h"
#include "base/text.h"
#include "data/geodatabase.h"
#include "display_lint.h"
#include "export/exporter.h"
#include "present/fact_table.h"
#include "present/summary_json.h"
#include "present/summary_text.h"
#include "present/view_loader.h"

namespace fs = std::filesystem;

namespace jinmap {
namespace {

std::shared_ptr<GeoDatabase> db() {
    static std::shared_ptr<GeoDatabase> d = GeoDatabase::open(JINMAP_TEST_DB);
    return d;
}

std::vector<std::string> column(const std::string& sql) {
    std::vector<std::string> out;
    auto s = db()->database()->prepare(sql);
    while (s.step())
        if (!s.isNull(0)) out.push_back(s.columnText(0));
    return out;
}

// Names that stay Chinese in English text: places, towns, companies, parks,
// platforms, projects, builders, layout elements.
std::set<std::string> properNames() {
    std::set<std::string> names{"山西省", "山西"};
    for (const char* sql :
         {"SELECT name FROM counties", "SELECT name FROM prefectures", "SELECT name FROM towns",
          "SELECT name FROM parks", "SELECT name FROM platforms", "SELECT name FROM projects",
          "SELECT builder FROM projects", "SELECT name FROM layout_elements",
          "SELECT company FROM town_facts"})
        for (const std::string& n : column(sql)) {
            names.insert(n);
            names.insert(toSimplified(n));
        }
    return names;
}

lint::DisplayLint makeLint(Lang lang) {
    return lint::DisplayLint(lang, properNames(), {db()->dataVersion()});
}

const char* langName(Lang l) {
    return langCode(l);
}

TEST(DisplayLintData, EveryCountySummaryReadsCleanlyInBothLanguages) {
    const auto counties = column("SELECT adcode FROM counties ORDER BY adcode");
    ASSERT_EQ(counties.size(), 117u);
    for (Lang lang : {Lang::Zh, Lang::En}) {
        auto lint = makeLint(lang);
        ViewReader reader(*db(), lang);
        for (const std::string& code : counties) {
            const CountyView v = reader.county(code);
            const std::string where = v.nameZh + " (" + langName(lang) + ")";
            lint.lines(where + " text", countySummaryText(v));
            lint.json(where + " json", countySummaryJson(v));
        }
        EXPECT_TRUE(lint.findings().empty()) << langName(lang) << "\n" << lint.report();
    }
}

TEST(DisplayLintData, EveryCitySummaryReadsCleanlyInBothLanguages) {
    for (Lang lang : {Lang::Zh, Lang::En}) {
        auto lint = makeLint(lang);
        ViewReader reader(*db(), lang);
        const auto codes = reader.prefectureCodes();
        ASSERT_EQ(codes.size(), 11u);
        for (const std::string& code : codes) {
            const CityView v = reader.city(code);
            const std::string where = v.nameZh + " (" + langName(lang) + ")";
            lint.lines(where + " text", citySummaryText(v));
            lint.json(where + " json", citySummaryJson(v));
        }
        EXPECT_TRUE(lint.findings().empty()) << langName(lang) << "\n" << lint.report();
    }
}

// The sheet's table and notes as the layout holds them (after fitting).
TEST(DisplayLintData, CountySheetTablesReadCleanly) {
    auto lint = makeLint(Lang::Zh);
    // The counties of issue 11's "done when", one with parks and projects only
    // and one with nothing (a sheet is a layout: ~1 s each, so not all 117;
    // the same views are linted for every county as text and JSON above).
    const std::vector<std::string> counties{"140727", "140225", "140215", "140525", "140522",
                                            "140728", "140703", "140213", "140311"};
    for (const std::string& code : counties) {
        ExportRequest r;
        r.kind = ExportRequest::Kind::CountySheet;
        r.county = code;
        r.stylePath = std::string(JINMAP_SOURCE_DIR) + "/styles/towns.json";
        r.crs = "EPSG:4546";
        r.page = parsePaper("A4");
        r.page.dpi = 72;
        r.exportDate = "2026-01-01";
        r.output = (fs::temp_directory_path() / "jinmap-lint-sheet.pdf").string();
        Exporter ex(db(), r);
        const auto texts = ex.sheetTexts(0);
        ASSERT_FALSE(texts.empty()) << code;
        for (const std::string& t : texts) lint.text("sheet " + code, t);
    }
    EXPECT_TRUE(lint.findings().empty()) << lint.report();
}

std::vector<std::vector<std::string>> readXlsx(const std::string& path) {
    GDALAllRegister();
    std::vector<std::vector<std::string>> rows;
    const char* options[] = {"HEADERS=FORCE", nullptr};
    GDALDatasetH ds =
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options, nullptr);
    if (!ds) return rows;
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::vector<std::string> header;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        header.push_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    rows.push_back(header);
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        std::vector<std::string> row;
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
            row.push_back(OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "");
        rows.push_back(row);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return rows;
}

void lintTable(lint::DisplayLint& lint, const std::string& where,
               const std::vector<std::vector<std::string>>& rows) {
    ASSERT_FALSE(rows.empty());
    // Columns: 0 city … 3 town, 6 figure, 8 year, 9 scope, 14 quotation (not ours), 15 number.
    std::vector<lint::FigureKey> figures;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            if (c != 14 && c != 15) lint.text(where + " row " + std::to_string(r), rows[r][c]);
        if (r > 0 && rows[r].size() > 9)
            figures.push_back({rows[r][3], rows[r][6], rows[r][8], rows[r][9]});
    }
    lint.figures(where, figures);
}

TEST(DisplayLintData, FactTablesAsCsvAndXlsxReadCleanly) {
    for (Lang lang : {Lang::Zh, Lang::En}) {
        auto lint = makeLint(lang);
        ViewReader reader(*db(), lang);
        const Table table = factTable(reader.allTowns(), lang, "town_facts");
        const fs::path dir =
            fs::temp_directory_path() / ("jinmap-lint-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        const std::string csv = (dir / "facts.csv").string(), xlsx = (dir / "facts.xlsx").string();
        writeTable(table, csv, TableFormat::Csv);
        writeTable(table, xlsx, TableFormat::Xlsx);
        const CsvTable read = CsvTable::readFile(csv);
        std::vector<std::vector<std::string>> csvRows{read.header()};
        for (const CsvRow& r : read.rows()) csvRows.push_back(r.fields);
        ASSERT_EQ(csvRows.size(), table.rows.size() + 1);
        lintTable(lint, std::string("csv ") + langName(lang), csvRows);
        auto xlsxRows = readXlsx(xlsx);
        // GDAL may still take the header row for data (Field1…): use the sheet's own.
        if (xlsxRows.size() > 1 && xlsxRows[1] == table.header) xlsxRows.erase(xlsxRows.begin());
        ASSERT_EQ(xlsxRows.size(), table.rows.size() + 1) << xlsx;
        EXPECT_EQ(xlsxRows.front(), table.header);
        lintTable(lint, std::string("xlsx ") + langName(lang), xlsxRows);
        if (lint.findings().empty()) fs::remove_all(dir);
        EXPECT_TRUE(lint.findings().empty()) << langName(lang) << "\n" << lint.report();
    }
}

void collect(std::set<std::string>& shown, const std::vector<NoteView>& notes) {
    for (const NoteView& n : notes) shown.insert(n.id);
}

void collect(std::set<std::string>& shown, const std::vector<TownView>& towns) {
    for (const TownView& t : towns) {
        collect(shown, t.notes);
        for (const FactView& f : t.facts) {
            collect(shown, f.notes);
            for (const auto& c : f.conflicts)
                if (c.note) shown.insert(c.note->id);
        }
    }
}

template <typename V>
void collectCommon(std::set<std::string>& shown, const V& v) {
    collect(shown, v.notes);
    collect(shown, v.towns);
    for (const auto& p : v.parks) collect(shown, p.notes);
    for (const auto& p : v.platforms) collect(shown, p.notes);
    for (const auto& p : v.projects) collect(shown, p.notes);
    for (const auto& s : v.sources) collect(shown, s.notes);
}

TEST(DisplayLintData, EveryDataNoteIsAttachedToSomethingShown) {
    ViewReader reader(*db(), Lang::Zh);
    std::set<std::string> shown;
    for (const std::string& code : column("SELECT adcode FROM counties"))
        collectCommon(shown, reader.county(code));
    for (const std::string& code : reader.prefectureCodes()) {
        const CityView v = reader.city(code);
        collectCommon(shown, v);
        for (const auto& l : v.layout) collect(shown, l.notes);
        for (const auto& c : v.counts) collect(shown, c.notes);
    }
    std::string missing;
    for (const std::string& id : column("SELECT id FROM data_notes ORDER BY id"))
        if (!shown.count(id)) missing += id + " ";
    EXPECT_TRUE(missing.empty()) << "notes shown nowhere: " << missing;
}

// Nothing but the town's own figures is summed, ranked or coloured as the
// town's: no style reads the figures except through scope = 'town'.
TEST(DisplayLintData, StylesMapOnlyTheTownsOwnFigures) {
    for (const auto& e : fs::directory_iterator(std::string(JINMAP_SOURCE_DIR) + "/styles")) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        std::stringstream s;
        s << in.rdbuf();
        const std::string text = s.str();
        if (text.find("town_facts") != std::string::npos)
            EXPECT_NE(text.find("scope = 'town'"), std::string::npos)
                << e.path() << " reads town_facts without restricting to the town's own figures";
    }
}

}  // namespace
}  // namespace jinmap

int main(int argc, char** argv) {
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
