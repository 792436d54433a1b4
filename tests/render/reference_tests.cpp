// Reference-image tests: every tests/render/cases/*.json names a style, an
// extent, a CRS, a size and the expected image with the allowed number of
// mismatched pixels and the per-channel colour tolerance. On a mismatch the
// actual image and a diff image are written next to the expected one
// (NAME.actual.png, NAME.diff.png) and the build dir gets an HTML report
// (render-report.html); a missing expected image fails. With
// JINMAP_UPDATE_REFERENCES=1 every changed (or missing) image is rewritten
// and added to the review page reference-review/index.html in the build dir:
// old, new and diff images with the mismatched-pixel count, to look at
// before committing.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "base/error.h"
#include "data/geodatabase.h"
#include "render/extent.h"
#include "render/map_renderer.h"
#include "style/style_parser.h"
#include "support/reference_review.h"

namespace jinmap {
namespace {

struct Case {
    std::string name;
    QString file;
    QString description;
    QString style;
    QString extent;
    QString crs;
    QString size;
    bool labels = true;
    QString expected;
    int maxMismatched = 0;
    int tolerance = 0;
};

// How GoogleTest (and so ctest's test list) names a case: by its file name.
void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

std::vector<Case> loadCases() {
    std::vector<Case> cases;
    QDir dir(QStringLiteral(JINMAP_RENDER_CASES));
    for (const QFileInfo& fi :
         dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(fi.absoluteFilePath());
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        Case c;
        c.name = fi.completeBaseName().toStdString();
        c.file = fi.absoluteFilePath();
        c.description = o.value("description").toString();
        c.style = dir.absoluteFilePath(o.value("style").toString());
        c.extent = o.value("extent").toString();
        c.crs = o.value("crs").toString(QStringLiteral("EPSG:3857"));
        c.size = o.value("size").toString();
        c.labels = o.value("labels").toBool(true);
        c.expected = dir.absoluteFilePath(o.value("expected").toString());
        c.maxMismatched = o.value("max_mismatched_pixels").toInt(0);
        c.tolerance = o.value("colour_tolerance").toInt(0);
        cases.push_back(c);
    }
    return cases;
}

struct ReportRow {
    std::string name, description, expected, actual, diff;
    int mismatched = 0, allowed = 0;
    bool passed = false;
};

std::mutex gReportMutex;
std::vector<ReportRow> gReport;

void writeReport() {
    std::lock_guard<std::mutex> lock(gReportMutex);
    bool anyFailed = false;
    for (const auto& r : gReport) anyFailed = anyFailed || !r.passed;
    const QString path = QStringLiteral(JINMAP_RENDER_REPORT);
    if (!anyFailed) {
        QFile::remove(path);
        return;
    }
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return;
    QTextStream out(&f);
#if QT_VERSION < QT_VERSION_CHECK(6, 0, 0)
    out.setCodec("UTF-8");
#endif
    out << "<!doctype html><meta charset=utf-8><title>jinmap render reference tests</title>"
           "<style>body{font-family:sans-serif}img{max-width:32%;border:1px solid #ccc}"
           ".fail{color:#b00}.pass{color:#070}</style><h1>Render reference tests</h1>";
    for (const auto& r : gReport) {
        out << "<h2 class=" << (r.passed ? "pass" : "fail") << ">" << r.name.c_str() << ": "
            << (r.passed ? "pass" : "FAIL") << " (" << r.mismatched << " mismatched pixels, "
            << r.allowed << " allowed)</h2><p>"
            << QString::fromStdString(r.description).toHtmlEscaped() << "</p>";
        if (!r.passed)
            out << "<p>expected / actual / diff</p><img src=\"file://" << r.expected.c_str()
                << "\"> <img src=\"file://" << r.actual.c_str() << "\"> <img src=\"file://"
                << r.diff.c_str() << "\">";
    }
}

class ReferenceTest : public ::testing::TestWithParam<Case> {
  protected:
    static std::shared_ptr<GeoDatabase> db() {
        static std::shared_ptr<GeoDatabase> instance = GeoDatabase::open(JINMAP_TEST_DB);
        return instance;
    }
    static MapRenderer& renderer() {
        static MapRenderer instance(db());
        return instance;
    }
};

TEST_P(ReferenceTest, MatchesExpectedImage) {
    const Case& c = GetParam();
    auto parsed = parseStyleFile(c.style.toStdString());
    RenderRequest req;
    req.style = parsed.style;
    const QSize size = parseSize(c.size.toStdString());
    req.view = makeView(c.crs.toStdString(), resolveExtent(*db(), c.extent.toStdString()), size, 96,
                        c.extent.isEmpty() ? 0.0 : 0.03);
    req.labels = c.labels;
    renderer().prepare(req);
    RenderResult result = renderer().renderImage(req);
    for (const auto& e : result.errors)
        ADD_FAILURE() << c.name << ": " << e.layer << ": " << e.message;
    ASSERT_FALSE(result.image.isNull());
    QImage actual = result.image.convertToFormat(QImage::Format_ARGB32);

    const QString base = c.expected.left(c.expected.size() - 4);
    const QString actualPath = base + QStringLiteral(".actual.png");
    const QString diffPath = base + QStringLiteral(".diff.png");
    QImage expected(c.expected);
    const test::ImageComparison cmp = test::compareWithReference(actual, expected, c.tolerance);
    if (test::updatingReferences()) {
        QFile::remove(actualPath);
        QFile::remove(diffPath);
        // Changed: any pixel beyond the colour tolerance (not only beyond
        // the allowed count, so references never drift from the renderer).
        if (!expected.isNull() && cmp.sameSize && cmp.mismatched == 0)
            GTEST_SKIP() << "unchanged " << c.expected.toStdString();
        ASSERT_TRUE(test::updateReference(QStringLiteral(JINMAP_REVIEW_DIR),
                                          QString::fromStdString(c.name), c.expected, actual,
                                          c.tolerance, c.description))
            << c.expected.toStdString();
        GTEST_SKIP() << "updated " << c.expected.toStdString() << "; review " << JINMAP_REVIEW_DIR
                     << "/index.html";
    }
    ReportRow row{c.name,
                  c.description.toStdString(),
                  c.expected.toStdString(),
                  actualPath.toStdString(),
                  diffPath.toStdString(),
                  0,
                  c.maxMismatched,
                  false};
    if (expected.isNull()) {
        actual.save(actualPath, "PNG");
        {
            std::lock_guard<std::mutex> lock(gReportMutex);
            gReport.push_back(row);
        }
        FAIL() << "no expected image " << c.expected.toStdString()
               << " (run with JINMAP_UPDATE_REFERENCES=1 to create it and review it); actual "
                  "written to "
               << actualPath.toStdString();
    }
    const int mismatched = cmp.mismatched;
    const QImage& diff = cmp.diff;
    row.mismatched = mismatched;
    row.passed = mismatched <= c.maxMismatched;
    if (!row.passed) {
        actual.save(actualPath, "PNG");
        if (!diff.isNull()) diff.save(diffPath, "PNG");
    } else {
        QFile::remove(actualPath);
        QFile::remove(diffPath);
    }
    {
        std::lock_guard<std::mutex> lock(gReportMutex);
        gReport.push_back(row);
    }
    RecordProperty("mismatched", mismatched);
    RecordProperty("allowed", c.maxMismatched);
    std::cout << c.name << ": " << mismatched << " pixels differ by more than " << c.tolerance
              << " (allowed " << c.maxMismatched << ")\n";
    EXPECT_LE(mismatched, c.maxMismatched)
        << c.name << ": " << mismatched << " pixels differ by more than " << c.tolerance << "; see "
        << actualPath.toStdString() << ", " << diffPath.toStdString() << " and "
        << JINMAP_RENDER_REPORT;
}

INSTANTIATE_TEST_SUITE_P(Cases, ReferenceTest, ::testing::ValuesIn(loadCases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             std::string n = info.param.name;
                             for (char& ch : n)
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                             return n;
                         });

}  // namespace
}  // namespace jinmap

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    const int rc = RUN_ALL_TESTS();
    jinmap::writeReport();
    return rc;
}
