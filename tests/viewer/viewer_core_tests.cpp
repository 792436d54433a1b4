// The viewer's C++ core without QML: the controller answers the GUI thread
// (search, county summary, click) while the frame thread draws frames from
// cold caches, as at start-up. Each thread reads through its own connection;
// under ThreadSanitizer (preset tsan) any shared handle or cache is reported.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QFuture>
#include <QGuiApplication>
#include <QThreadPool>
#include <QtConcurrent>
#include <atomic>
#include <memory>
#include <vector>

#include "controller.h"
#include "data/geodatabase.h"
#include "frame_source.h"
#include "map_math.h"

namespace jinmap::viewer {
namespace {

ViewerOptions options(const QString& theme) {
    ViewerOptions o;
    o.dbPath = QStringLiteral(JINMAP_TEST_DB);
    o.stylesDir = QStringLiteral(JINMAP_STYLES_DIR);
    o.theme = theme;
    o.language = QStringLiteral("zh_CN");
    o.useSettings = false;
    return o;
}

Bounds lonLat(double minLon, double minLat, double maxLon, double maxLat) {
    Bounds b;
    b.extend(minLon, minLat);
    b.extend(maxLon, maxLat);
    return b;
}

TEST(ViewerCore, ControllerAnswersWhileTheFrameThreadDrawsFromColdCaches) {
    Controller ctl(options(QStringLiteral("towns")));
    ctl.load();  // queues the warm-up frame on the frame thread: cold caches
    ASSERT_TRUE(ctl.hasDatabase());
    ASSERT_TRUE(ctl.errorMessage().isEmpty()) << ctl.errorMessage().toStdString();
    const std::shared_ptr<FrameSource> source = ctl.frameSource();
    ASSERT_TRUE(source);

    // Frames queued as the thematic layer queues them: the province, a city,
    // a county.
    std::vector<QFuture<QImage>> frames;
    for (const Bounds& b : {lonLat(110.2, 34.5, 114.6, 40.8), lonLat(112.5, 39.5, 114.6, 40.8),
                            lonLat(112.4, 37.2, 112.9, 37.6)}) {
        FrameRequest request = ctl.frameRequest();
        request.extent = lonLatToMercator(b);
        request.pixelSize = QSize(480, 360);
        frames.push_back(QtConcurrent::run(frameThreadPool(), [source, request] {
            return source->render(request, std::make_shared<std::atomic<bool>>(false));
        }));
    }
    auto allDone = [&] {
        for (const auto& f : frames)
            if (!f.isFinished()) return false;
        return true;
    };
    int rounds = 0;
    do {
        ctl.search(QStringLiteral("大同"));
        EXPECT_GT(ctl.searchRows().count(), 0);
        EXPECT_TRUE(ctl.selectCounty(QStringLiteral("太谷区"), false));
        EXPECT_GT(ctl.summaryRows().count(), 0);
        ctl.clearSelection();
        ctl.clickAt(112.55, 37.42, 200);  // 太谷区, through the scene index
        ctl.clearSelection();
        QCoreApplication::processEvents();
        ++rounds;
    } while (!allDone());
    EXPECT_GT(rounds, 0);
    for (auto& f : frames) {
        const QImage image = f.result();
        EXPECT_FALSE(image.isNull());
        EXPECT_EQ(image.size(), QSize(480, 360));
    }
    EXPECT_TRUE(source->lastErrors().isEmpty())
        << source->lastErrors().join(QStringLiteral("; ")).toStdString();
    // Two readers: this thread and the frame thread, each with its own connection.
    EXPECT_EQ(ctl.database()->connectionCount(), 2u);
}

}  // namespace
}  // namespace jinmap::viewer

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
