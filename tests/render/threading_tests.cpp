// Threads own their connections: a worker draws frames from cold caches
// (every layer loaded on the worker, through its own connection) while the
// main thread searches, resolves and summarises through its own. Run in the
// release build and under ThreadSanitizer (preset tsan), which reports any
// handle or cache shared without synchronisation.
#include <gtest/gtest.h>

#include <QGuiApplication>
#include <QImage>
#include <atomic>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "present/view_loader.h"
#include "present/views.h"
#include "render/extent.h"
#include "render/map_renderer.h"
#include "style/style_parser.h"

namespace jinmap {
namespace {

std::shared_ptr<const Style> shippedStyle(const char* name) {
    return parseStyleFile(std::string(JINMAP_STYLES_DIR) + "/" + name).style;
}

RenderRequest frame(std::shared_ptr<const Style> style, GeoDatabase& db, const std::string& place,
                    QSize size) {
    RenderRequest r;
    r.style = std::move(style);
    r.view = makeView("EPSG:3857", resolveExtent(db, place), size, 96, 0.02);
    return r;
}

TEST(Threads, ConnectionUsedByAnotherThreadIsAnError) {
    auto db = GeoDatabase::open(JINMAP_TEST_DB);
    std::shared_ptr<Database> mine = db->database();
    std::string message;
    std::thread other([&] {
        try {
            mine->prepare("SELECT count(*) FROM counties");
        } catch (const Error& e) {
            message = e.what();
        }
    });
    other.join();
    EXPECT_NE(message.find("another thread"), std::string::npos) << message;
}

TEST(Threads, EachThreadReadsThroughItsOwnConnection) {
    auto db = GeoDatabase::open(JINMAP_TEST_DB);
    const Database* mine = db->database().get();
    EXPECT_EQ(db->database().get(), mine);  // the same thread keeps its connection
    const Database* theirs = nullptr;
    std::size_t whileRunning = 0;
    std::thread worker([&] {
        theirs = db->database().get();
        EXPECT_GT(db->database()->queryInt("SELECT count(*) FROM counties"), 0);
        whileRunning = db->connectionCount();
    });
    worker.join();
    EXPECT_NE(theirs, nullptr);
    EXPECT_NE(theirs, mine);
    EXPECT_EQ(whileRunning, 2u);
    // The worker's connection was closed, on the worker, as it ended.
    EXPECT_EQ(db->connectionCount(), 1u);
}

TEST(Threads, WorkerRendersFromColdCachesWhileMainThreadSearchesAndSummarises) {
    // A fresh database and renderer: nothing is cached, nothing prepared.
    auto db = GeoDatabase::open(JINMAP_TEST_DB);
    MapRenderer renderer(db);
    const std::vector<RenderRequest> requests = {
        frame(shippedStyle("towns.json"), *db, "", QSize(640, 480)),
        frame(shippedStyle("admin.json"), *db, "大同市", QSize(480, 360)),
        frame(shippedStyle("datong-layout.json"), *db, "大同市", QSize(480, 360)),
        frame(shippedStyle("towns.json"), *db, "太谷区", QSize(320, 240)),
    };
    std::vector<RenderResult> results(requests.size());
    std::atomic<bool> done{false};
    std::thread worker([&] {
        for (std::size_t i = 0; i < requests.size(); ++i)
            results[i] = renderer.renderImage(requests[i]);
        done = true;
    });
    int rounds = 0;
    do {
        // What the viewer's GUI thread does while frames are drawn.
        const auto hits = db->search("大同");
        EXPECT_FALSE(hits.empty());
        const CountyRef taigu = db->resolveCounty("太谷");
        const CountyView summary = ViewReader(*db, Lang::Zh).county(taigu.adcode);
        EXPECT_FALSE(summary.towns.empty());
        EXPECT_FALSE(db->provinceBounds().isEmpty());
        EXPECT_FALSE(db->dataVersion().empty());
        ++rounds;
    } while (!done.load());
    worker.join();
    EXPECT_GT(rounds, 0);
    for (std::size_t i = 0; i < results.size(); ++i) {
        const RenderResult& r = results[i];
        for (const auto& e : r.errors)
            ADD_FAILURE() << "frame " << i << ": " << e.layer << ": " << e.message;
        EXPECT_FALSE(r.image.isNull()) << "frame " << i;
        EXPECT_GT(r.featuresDrawn, 0) << "frame " << i;
    }
    // Cold: the first frame loaded its layers itself, on the worker.
    EXPECT_GT(results[0].prepareMs, 0);
    // The same frames drawn again on this thread, warm, are pixel-identical.
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const RenderResult warm = renderer.renderImage(requests[i]);
        EXPECT_EQ(warm.prepareMs, 0) << "frame " << i;
        EXPECT_TRUE(warm.image == results[i].image) << "frame " << i;
    }
}

}  // namespace
}  // namespace jinmap

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
