// Style parsing through the public API: files, error context, warnings and
// the typed model the renderer reads.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "style/style_parser.h"
#include "test_support.h"

namespace jinmap {
namespace {

namespace fs = std::filesystem;

const char* kMinimal = R"({
  "version": 8,
  "name": "t",
  "sources": {"counties": {"type": "vector", "jinmap:table": "counties"}},
  "layers": [
    {"id": "fill", "type": "fill", "source": "counties",
     "paint": {"fill-color": 12}}
  ]
})";

TEST(StyleParser, ErrorsCarryFileLinePathAndMessage) {
    try {
        parseStyleText(kMinimal, "styles/t.json");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Style);
        EXPECT_EQ(e.context(), "styles/t.json:7: $.layers[0].paint.fill-color");
        EXPECT_EQ(e.message(), "expected color, found number");
        EXPECT_STREQ(e.what(),
                     "styles/t.json:7: $.layers[0].paint.fill-color: expected color, found number");
    }
}

TEST(StyleParser, ReadsFilesAndReportsMissingOrHugeOnes) {
    const fs::path dir = fs::temp_directory_path() / "jinmap-style-tests";
    fs::create_directories(dir);
    const fs::path good = dir / "good.json";
    std::ofstream(good) << R"({"version": 8, "sources": {}, "layers": [
        {"id": "bg", "type": "background", "paint": {"background-color": "#fff"}}]})";
    const ParseResult r = parseStyleFile(good.string());
    ASSERT_EQ(r.style->layers.size(), 1u);
    EXPECT_EQ(r.style->layers[0].background()->color.constant().toString(), "#ffffff");

    try {
        parseStyleFile((dir / "missing.json").string());
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Io);
        EXPECT_EQ(e.context(), (dir / "missing.json").string());
    }

    // A sparse 17 MiB file: refused from its size, never read.
    const fs::path huge = dir / "huge.json";
    std::ofstream(huge).close();
    fs::resize_file(huge, kMaxStyleBytes + 1);
    try {
        parseStyleFile(huge.string());
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Style);
        EXPECT_NE(std::string(e.what()).find("style file is too large"), std::string::npos);
    }
    fs::remove_all(dir);
}

TEST(StyleParser, BuildsTheTypedModel) {
    const char* text = R"({
      "version": 8,
      "sources": {
        "towns": {"type": "vector", "jinmap:table": "towns", "jinmap:geometry-column": "geometry"},
        "q": {"type": "vector", "jinmap:sql": "SELECT * FROM towns"}
      },
      "layers": [
        {"id": "t", "type": "circle", "source": "towns", "minzoom": 5, "maxzoom": 12,
         "filter": ["==", ["get", "level"], "provincial"],
         "paint": {"circle-radius": ["match", ["get", "level"], "provincial", 7, 4],
                   "circle-color": "#e41a1c"},
         "metadata": {"jinmap:shape": "star", "author": "free-form"}},
        {"id": "l", "type": "symbol", "source": "q", "layout": {"visibility": "none",
         "text-field": ["get", "name"], "text-font": ["Noto Sans CJK SC"],
         "text-offset": [0, 1.2], "text-anchor": "top", "symbol-sort-key": ["get", "rank"]}}
      ]})";
    const ParseResult r = parseStyleText(text, "t.json");
    EXPECT_TRUE(r.warnings.empty());
    const Style& s = *r.style;
    ASSERT_NE(s.findSource("q"), nullptr);
    EXPECT_EQ(s.findSource("q")->sql, "SELECT * FROM towns");
    EXPECT_EQ(s.findSource("towns")->geometryColumn, "geometry");
    const Layer* t = s.findLayer("t");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->attributes, std::vector<std::string>{"level"});
    EXPECT_TRUE(t->isVisibleAt(5));
    EXPECT_FALSE(t->isVisibleAt(12));
    EXPECT_FALSE(t->isVisibleAt(4.9));
    ASSERT_NE(t->circle(), nullptr);
    EXPECT_EQ(t->fill(), nullptr);
    EXPECT_FALSE(t->circle()->radius.isFeatureConstant());
    EXPECT_TRUE(t->circle()->color.isConstant());
    EXPECT_EQ(t->circle()->shape.constant(), CircleShape::Star);
    const test::MapFeature prov{{"level", "provincial"}}, mun{{"level", "municipal"}};
    EXPECT_TRUE(t->accepts(EvaluationContext{6, &prov}));
    EXPECT_FALSE(t->accepts(EvaluationContext{6, &mun}));
    EXPECT_EQ(t->circle()->radius.evaluate(EvaluationContext{6, &prov}), 7);
    const Layer* l = s.findLayer("l");
    ASSERT_NE(l->symbol(), nullptr);
    EXPECT_FALSE(l->visible);
    EXPECT_EQ(l->symbol()->textOffset.constant(), (std::vector<double>{0, 1.2}));
    EXPECT_EQ(l->symbol()->textAnchor.constant(), TextAnchor::Top);
    EXPECT_EQ(l->attributes, (std::vector<std::string>{"name", "rank"}));
}

TEST(StyleParser, MapLibreVectorSourcesAndNamespacedExtensions) {
    // What MapLibre's validator accepts: vector sources with jinmap: keys,
    // source-layer naming the table, extensions in layer metadata.
    const char* text = R"({"version": 8,
      "sources": {"c": {"type": "vector", "jinmap:table": "counties"}},
      "layers": [
        {"id": "f", "type": "fill", "source": "c", "source-layer": "counties",
         "metadata": {"jinmap:hatch": true, "jinmap:fill-rule": "nonzero"},
         "paint": {"fill-color": "#ccc"}},
        {"id": "l", "type": "line", "source": "c", "source-layer": "counties",
         "layout": {"line-join": ["match", ["get", "kind"], "a", "round", "bevel"],
                    "line-cap": "square", "line-miter-limit": 4}},
        {"id": "s", "type": "symbol", "source": "c", "source-layer": "counties",
         "layout": {"text-field": ["get", "name"], "text-variable-anchor": ["top", "left"],
                    "text-radial-offset": 0.5, "text-padding": 3}}]})";
    const ParseResult r = parseStyleText(text, "m.json");
    EXPECT_TRUE(r.warnings.empty());
    const Style& s = *r.style;
    EXPECT_EQ(s.findSource("c")->table, "counties");
    const Layer* f = s.findLayer("f");
    EXPECT_EQ(f->sourceLayer, "counties");
    EXPECT_TRUE(f->fill()->hatch.constant());
    EXPECT_EQ(f->fill()->fillRule.constant(), FillRule::NonZero);
    const LineStyle* l = s.findLayer("l")->line();
    const test::MapFeature a{{"kind", "a"}}, b{{"kind", "b"}};
    EXPECT_EQ(l->join.evaluate(EvaluationContext{6, &a}), LineJoin::Round);
    EXPECT_EQ(l->join.evaluate(EvaluationContext{6, &b}), LineJoin::Bevel);
    EXPECT_EQ(l->cap.constant(), LineCap::Square);
    EXPECT_EQ(l->miterLimit.constant(), 4);
    const SymbolStyle* sym = s.findLayer("s")->symbol();
    EXPECT_EQ(sym->textVariableAnchor.constant(),
              (std::vector<TextAnchor>{TextAnchor::Top, TextAnchor::Left}));
    EXPECT_EQ(sym->textRadialOffset.constant(), 0.5);
    EXPECT_EQ(sym->textPadding.constant(), 3);
    // MapLibre's defaults.
    const ParseResult d = parseStyleText(
        R"({"version": 8, "sources": {"c": {"type": "vector", "jinmap:table": "c"}},
            "layers": [{"id": "l", "type": "line", "source": "c"},
                       {"id": "s", "type": "symbol", "source": "c"},
                       {"id": "f", "type": "fill", "source": "c"}]})",
        "d.json");
    EXPECT_EQ(d.style->findLayer("l")->line()->join.constant(), LineJoin::Miter);
    EXPECT_EQ(d.style->findLayer("l")->line()->cap.constant(), LineCap::Butt);
    EXPECT_EQ(d.style->findLayer("l")->line()->miterLimit.constant(), 2);
    EXPECT_TRUE(d.style->findLayer("s")->symbol()->textVariableAnchor.constant().empty());
    EXPECT_EQ(d.style->findLayer("s")->symbol()->textPadding.constant(), 2);
    EXPECT_EQ(d.style->findLayer("f")->fill()->fillRule.constant(), FillRule::EvenOdd);
}

TEST(StyleParser, OldJinmapKeysSayHowToWriteThem) {
    auto error = [](const std::string& text) -> std::string {
        try {
            parseStyleText(text, "o.json");
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    };
    const std::string src =
        R"({"version": 8, "sources": {"c": {"type": "vector", "jinmap:table": "c"}},)";
    EXPECT_NE(
        error(
            R"({"version": 8, "sources": {"c": {"type": "spatialite", "table": "c"}}, "layers": []})")
            .find("\"type\": \"vector\", \"jinmap:table\""),
        std::string::npos);
    EXPECT_NE(
        error(R"({"version": 8, "sources": {"c": {"type": "vector", "table": "c"}}, "layers": []})")
            .find("write \"jinmap:table\""),
        std::string::npos);
    EXPECT_NE(error(src + R"("layers": [{"id": "f", "type": "fill", "source": "c",
                                          "paint": {"fill-hatch": true}}]})")
                  .find("metadata as \"jinmap:hatch\""),
              std::string::npos);
    EXPECT_NE(error(src + R"("layers": [{"id": "f", "type": "fill", "source": "c",
                                          "paint": {"jinmap:hatch": true}}]})")
                  .find("jinmap extension"),
              std::string::npos);
    EXPECT_NE(error(src + R"("layers": [{"id": "f", "type": "fill", "source": "c",
                                          "source-layer": "towns"}]})")
                  .find("source-layer \"towns\" is not the source's table \"c\""),
              std::string::npos);
    EXPECT_NE(error(src + R"("layers": [{"id": "f", "type": "line", "source": "c",
                                          "layout": {"line-join": "mitre"}}]})")
                  .find("one of \"bevel\", \"round\", \"miter\""),
              std::string::npos);
    // An unknown jinmap: key in metadata is a warning, other metadata free-form.
    const ParseResult r =
        parseStyleText(src + R"("layers": [{"id": "f", "type": "fill", "source": "c",
                             "metadata": {"jinmap:shape": "star", "x": 1}}]})",
                       "w.json");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].message, "unknown jinmap extension for fill layers (ignored)");
}

TEST(StyleParser, WarningsHaveLinesAndPaths) {
    const char* text =
        "{\"version\": 8, \"sources\": {},\n"
        "\"sprite\": \"x\",\n"
        "\"layers\": [{\"id\": \"b\", \"type\": \"background\",\n"
        "  \"paint\": {\"background-pattern\": \"p\"}}]}";
    const ParseResult r = parseStyleText(text, "w.json");
    ASSERT_EQ(r.warnings.size(), 2u);
    EXPECT_EQ(r.warnings[0].toString(), "w.json:2: $.sprite: unsupported style key (ignored)");
    EXPECT_EQ(r.warnings[1].line, 4);
    EXPECT_EQ(r.warnings[1].path, "$.layers[0].paint.background-pattern");
    EXPECT_EQ(r.warnings[1].message, "unsupported property (ignored)");
}

TEST(StyleParser, ConstantExpressionsAreFolded) {
    const char* text = R"({"version": 8, "sources": {"c": {"type": "vector", "jinmap:table": "c"}},
      "layers": [{"id": "l", "type": "line", "source": "c",
        "paint": {"line-dasharray": ["literal", [2, 1]],
                  "line-color": ["to-color", "#123456"]}}]})";
    const ParseResult r = parseStyleText(text, "t.json");
    const LineStyle* line = r.style->layers[0].line();
    ASSERT_NE(line, nullptr);
    EXPECT_TRUE(line->dasharray.isConstant());
    EXPECT_EQ(line->dasharray.constant(), (std::vector<double>{2, 1}));
    EXPECT_TRUE(line->color.isConstant());
    EXPECT_EQ(line->color.constant().toString(), "#123456");
}

}  // namespace
}  // namespace jinmap

namespace jinmap {
namespace {

// Damaged files (truncated, bytes changed) must fail with a Style error,
// never crash or throw anything else; accepted ones must evaluate safely.
TEST(StyleParser, DamagedFilesFailCleanly) {
    std::vector<std::string> texts;
    for (const char* dir : {JINMAP_STYLE_FIXTURES, JINMAP_STYLES_DIR})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".json" && fs::file_size(e.path()) < 100000)
                texts.push_back(test::readFile(e.path().string()));
    ASSERT_FALSE(texts.empty());
    const std::string alphabet = "{}[]\",:0123456789-.eE truefalsnl\\#\xe5\xa4\xa7\xff";
    unsigned seed = 12345;
    auto next = [&seed] {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 8) & 0xFFFFFF;
    };
    int accepted = 0, rejected = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text = texts[next() % texts.size()];
        if (text.empty()) continue;
        switch (next() % 3) {
            case 0:
                text.resize(next() % text.size());
                break;
            case 1:
                for (int k = 0; k < 3; ++k)
                    text[next() % text.size()] = alphabet[next() % alphabet.size()];
                break;
            default:
                text.erase(next() % text.size(), 1 + next() % 8);
                break;
        }
        try {
            const ParseResult r = parseStyleText(text, "damaged.json");
            const test::MapFeature f{{"town_count", 2}, {"name", "x"}, {"level", "provincial"}};
            for (const auto& layer : r.style->layers) layer.accepts(EvaluationContext{8, &f});
            ++accepted;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Style) << e.what();
            ++rejected;
        }
    }
    EXPECT_GT(rejected, 0);
    EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace jinmap
