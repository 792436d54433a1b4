// `jinmap publish`: the site's files, its size, the translated themes, the
// summaries from the presentation model, the search index in both scripts,
// the vector-tile path and the failures that must leave nothing behind.
// (The site in a real browser: tests/web, label web.)
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/sqlite.h"

namespace fs = std::filesystem;

namespace {

struct Outcome {
    int code = -1;
    std::string out, err;
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class Publish : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-publish-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    Outcome jinmap(const std::string& args, const std::string& db = JINMAP_TEST_DB) const {
        const fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
        const std::string cmd = "QT_QPA_PLATFORM=offscreen '" + std::string(JINMAP_PROGRAM) +
                                "' --db '" + db + "' " + args + " >'" + out.string() + "' 2>'" +
                                err.string() + "'";
        const int status = std::system(cmd.c_str());
        Outcome r;
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = slurp(out);
        r.err = slurp(err);
        return r;
    }
    static std::string style(const char* name) {
        return std::string("--style '") + JINMAP_STYLES_DIR + "/" + name + "' ";
    }
    static std::string themes() {
        return style("towns.json") + style("datong-layout.json") + style("admin.json");
    }

    // site.js is `window.JINMAP_SITE = {…};`
    static QJsonObject siteConfig(const fs::path& site) {
        const std::string text = slurp(site / "site.js");
        const auto start = text.find('{');
        const auto end = text.rfind('}');
        return QJsonDocument::fromJson(
                   QByteArray::fromStdString(text.substr(start, end - start + 1)))
            .object();
    }

    fs::path dir_;
};

std::uint64_t folderBytes(const fs::path& dir) {
    std::uint64_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

TEST_F(Publish, ShanxiSiteHasEveryPartAndStaysUnderFiveMegabytes) {
    const fs::path site = dir_ / "site";
    const Outcome r = jinmap("publish " + themes() + "-o '" + site.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* f : {"index.html", "app.js", "app.css", "site.js", "LICENSES.md",
                          ".jinmap-site", "vendor/maplibre-gl/maplibre-gl.js",
                          "vendor/maplibre-gl/maplibre-gl.css", "vendor/maplibre-gl/LICENSE.txt",
                          "themes/towns.json", "themes/admin.json", "themes/datong-layout.json",
                          "data/counties.js", "data/towns.js", "summaries/zh_CN/county-140703.js",
                          "summaries/en/county-140703.js", "summaries/zh_CN/city-140200.js"})
        EXPECT_TRUE(fs::is_regular_file(site / f)) << f;
    const std::uint64_t bytes = folderBytes(site);
    EXPECT_LE(bytes, 5'000'000u) << "the Shanxi site must stay within 5 MB";
    EXPECT_NE(r.out.find("themes: towns, datong-layout, admin"), std::string::npos) << r.out;
    // MapLibre's classic 5.24 build and its licence.
    EXPECT_NE(slurp(site / "vendor/maplibre-gl/VERSION").find("maplibre-gl@5.24."),
              std::string::npos);
    EXPECT_NE(slurp(site / "vendor/maplibre-gl/LICENSE.txt").find("BSD"), std::string::npos);
    EXPECT_NE(slurp(site / "LICENSES.md").find("maplibre-gl@5.24."), std::string::npos);
    // Scripts, not fetch: the page loads from file://.
    const std::string index = slurp(site / "index.html");
    EXPECT_NE(index.find("<script src=\"vendor/maplibre-gl/maplibre-gl.js\">"), std::string::npos);
    EXPECT_EQ(index.find("type=\"module\""), std::string::npos);
    EXPECT_EQ(slurp(site / "data/counties.js").rfind("jinmapData(\"counties\",", 0), 0u);
}

TEST_F(Publish, ThemesAreMapLibreStylesWithPatternsIconsAndNoGlyphs) {
    const fs::path site = dir_ / "site";
    ASSERT_EQ(jinmap("publish " + themes() + "-o '" + site.string() + "'").code, 0);
    const QJsonObject towns =
        QJsonDocument::fromJson(QByteArray::fromStdString(slurp(site / "themes/towns.json")))
            .object();
    EXPECT_EQ(towns.value("version").toInt(), 8);
    EXPECT_FALSE(towns.contains("glyphs")) << "text is drawn from local fonts";
    EXPECT_FALSE(towns.contains("sprite"));
    bool pattern = false, icon = false, circle = false;
    for (const QJsonValue& v : towns.value("layers").toArray()) {
        const QJsonObject l = v.toObject();
        pattern = pattern || l.value("paint").toObject().contains("fill-pattern");
        icon = icon || l.value("layout").toObject().contains("icon-image");
        circle = circle || l.value("type").toString() == "circle";
    }
    EXPECT_TRUE(pattern) << "jinmap:hatch becomes a fill-pattern";
    EXPECT_TRUE(icon) << "star/square markers become icons";
    EXPECT_FALSE(circle);
    for (const QJsonValue& v : towns.value("sources").toObject())
        EXPECT_EQ(v.toObject().value("type").toString(), "geojson");

    const QJsonObject config = siteConfig(site);
    const QJsonObject images = config.value("images").toObject();
    EXPECT_TRUE(images.contains("jinmap-shape-star"))
        << QJsonDocument(images).toJson().left(300).toStdString();
    EXPECT_TRUE(images.contains("jinmap-shape-square"));
    bool hatch = false;
    for (const QString& id : images.keys()) hatch = hatch || id.startsWith("jinmap-hatch");
    EXPECT_TRUE(hatch);
    EXPECT_EQ(config.value("themes").toArray().size(), 3);
    EXPECT_FALSE(config.value("dataVersion").toString().isEmpty());
}

TEST_F(Publish, SummariesAreThePresentationModelAndSearchReadsBothScripts) {
    const fs::path site = dir_ / "site";
    ASSERT_EQ(jinmap("publish " + themes() + "-o '" + site.string() + "'").code, 0);
    // The county file carries `jinmap summary --json` of the same county.
    const Outcome model = jinmap("summary --county 140703 --json");
    ASSERT_EQ(model.code, 0) << model.err;
    const QJsonObject expected =
        QJsonDocument::fromJson(QByteArray::fromStdString(model.out)).object();
    const std::string script = slurp(site / "summaries/zh_CN/county-140703.js");
    const auto start = script.find('{');
    const QJsonObject shipped = QJsonDocument::fromJson(QByteArray::fromStdString(script.substr(
                                                            start, script.rfind('}') - start + 1)))
                                    .object();
    ASSERT_FALSE(shipped.isEmpty());
    EXPECT_EQ(shipped, expected);
    EXPECT_NE(script.find("太谷玛钢专业镇"), std::string::npos);
    EXPECT_NE(slurp(site / "summaries/en/county-140703.js").find("\"lang\":\"en\""),
              std::string::npos);

    // Search: 祁縣 (Traditional) maps to 祁县.
    const QJsonObject places = siteConfig(site).value("places").toObject();
    bool qixian = false;
    for (const QJsonValue& e : places.value("entries").toArray())
        qixian = qixian || (e.toObject().value("n").toString() == QStringLiteral("祁县") &&
                            e.toObject().value("k").toString() == "county");
    EXPECT_TRUE(qixian);
    EXPECT_EQ(places.value("t2s").toObject().value(QStringLiteral("縣")).toString(),
              QStringLiteral("县"));
}

TEST_F(Publish, LargeLayersGoThroughGdalVectorTiles) {
    const fs::path site = dir_ / "site";
    const Outcome r = jinmap("publish " + style("towns.json") +
                             "--tiles counties --tile-maxzoom 7 -o '" + site.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("vector tiles"), std::string::npos) << r.out;
    const QJsonObject towns =
        QJsonDocument::fromJson(QByteArray::fromStdString(slurp(site / "themes/towns.json")))
            .object();
    int vector = 0;
    for (const QJsonValue& v : towns.value("sources").toObject()) {
        const QJsonObject s = v.toObject();
        if (s.value("type").toString() != "vector") continue;
        ++vector;
        EXPECT_EQ(s.value("maxzoom").toInt(), 7);
        const QJsonArray b = s.value("bounds").toArray();
        ASSERT_EQ(b.size(), 4);
        EXPECT_NEAR(b.at(0).toDouble(), 110.2, 0.2);
        EXPECT_NEAR(b.at(3).toDouble(), 40.7, 0.2);
        const std::string tiles = s.value("tiles").toArray().at(0).toString().toStdString();
        const std::string dataset = tiles.substr(6, tiles.find("/{z}") - 6);
        std::size_t count = 0;
        for (const auto& e : fs::recursive_directory_iterator(site / "tiles" / dataset))
            if (e.is_regular_file() && e.path().extension() == ".pbf") ++count;
        EXPECT_GT(count, 10u);
        EXPECT_TRUE(fs::is_regular_file(site / "tiles" / dataset / "0/0/0.pbf"));
    }
    EXPECT_EQ(vector, 1);
    // The MBTiles is an intermediate: nothing left beside the site.
    for (const auto& e : fs::directory_iterator(dir_))
        EXPECT_EQ(e.path().filename().string().find(".mbtiles"), std::string::npos) << e.path();
}

TEST_F(Publish, DatabaseWithoutFactsModelGivesAMapOnlySite) {
    // The all-China benchmark databases carry counties but no facts model
    // (no schema_version 2): the site has the map, no summaries or search.
    const fs::path db = dir_ / "no-facts.sqlite";
    fs::copy_file(JINMAP_TEST_DB, db);
    jinmap::Database::open(db.string(), jinmap::Database::Mode::ReadWrite)
        .exec("DELETE FROM metadata WHERE key = 'schema_version'");
    const fs::path site = dir_ / "site";
    const Outcome r =
        jinmap("publish " + style("admin.json") + "-o '" + site.string() + "'", db.string());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("no facts model"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::is_regular_file(site / "themes/admin.json"));
    EXPECT_FALSE(fs::exists(site / "summaries"));
    const QJsonObject config = siteConfig(site);
    EXPECT_FALSE(config.value("summaries").toBool());
    EXPECT_TRUE(config.value("places").toObject().value("entries").toArray().isEmpty());
    // The same database with the model: summaries are there.
    const QJsonObject full = [&] {
        const fs::path withModel = dir_ / "site-model";
        EXPECT_EQ(jinmap("publish " + style("admin.json") + "-o '" + withModel.string() + "'").code,
                  0);
        return siteConfig(withModel);
    }();
    EXPECT_TRUE(full.value("summaries").toBool());
}

TEST_F(Publish, FailuresLeaveNothingAndKeepOtherFolders) {
    const fs::path site = dir_ / "site";
    EXPECT_EQ(jinmap("publish -o '" + site.string() + "'").code, 2) << "no --style";
    EXPECT_EQ(jinmap("publish " + style("towns.json")).code, 2) << "no -o";
    EXPECT_EQ(
        jinmap("publish " + style("towns.json") + "--precision x -o '" + site.string() + "'").code,
        2);
    const Outcome noMaplibre = jinmap("publish " + style("towns.json") +
                                      "--maplibre /nonexistent -o '" + site.string() + "'");
    EXPECT_EQ(noMaplibre.code, 1);
    EXPECT_NE(noMaplibre.err.find("maplibre-gl.js"), std::string::npos) << noMaplibre.err;
    EXPECT_FALSE(fs::exists(site));
    // A folder someone else filled is never replaced.
    fs::create_directories(dir_ / "mine");
    std::ofstream(dir_ / "mine" / "notes.txt") << "keep";
    const Outcome refused =
        jinmap("publish " + style("towns.json") + "-o '" + (dir_ / "mine").string() + "'");
    EXPECT_EQ(refused.code, 1);
    EXPECT_EQ(slurp(dir_ / "mine" / "notes.txt"), "keep");
    // An earlier site is replaced as a whole.
    ASSERT_EQ(jinmap("publish " + themes() + "-o '" + site.string() + "'").code, 0);
    ASSERT_EQ(jinmap("publish " + style("admin.json") + "-o '" + site.string() + "'").code, 0);
    EXPECT_FALSE(fs::exists(site / "themes/towns.json"));
    EXPECT_TRUE(fs::exists(site / "themes/admin.json"));
    for (const auto& e : fs::directory_iterator(dir_))
        EXPECT_EQ(e.path().filename().string().find(".publish-"), std::string::npos) << e.path();
}

}  // namespace
