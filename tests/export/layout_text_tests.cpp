// Print layout text: wrapped paragraphs are drawn in exactly the lines they
// were measured in, at every output resolution (a line more on paper than
// in the layout used to be clipped: a county sheet lost "余家" of
// "经销网点 3000余家" at 150 dpi), in the layout's own typeface whatever
// other fonts the machine has (an element used to be measured in the system's
// default font when nobody had told it the export font, so installing
// fonts-urw-base35 changed its measured height).
#include <gtest/gtest.h>

#include <QGuiApplication>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QTextItem>
#include <vector>

#include "base/error.h"
#include "export/export_font.h"
#include "export/layout_typeface.h"
#include "export/print_layout.h"

using namespace jinmap;

namespace {

// A paint device that records where each run of text is drawn (no pixels).
class TextRecorder final : public QPaintDevice {
  public:
    struct Run {
        QString text;
        QPointF baseline;  // device pixels
        QString family;    // the font the engine was asked to draw with
        bool merging = true;
    };

    QPaintEngine* paintEngine() const override { return &engine_; }
    const std::vector<Run>& runs() const { return engine_.runs; }

  protected:
    int metric(PaintDeviceMetric m) const override {
        switch (m) {
            case PdmWidth:
                return 100000;
            case PdmHeight:
                return 100000;
            case PdmDpiX:
            case PdmDpiY:
            case PdmPhysicalDpiX:
            case PdmPhysicalDpiY:
                return 96;
            case PdmDepth:
                return 32;
            case PdmDevicePixelRatio:
                return 1;
            case PdmDevicePixelRatioScaled:
                return static_cast<int>(devicePixelRatioFScale());
            default:
                return 1;
        }
    }

  private:
    class Engine final : public QPaintEngine {
      public:
        Engine() : QPaintEngine(AllFeatures) {}
        bool begin(QPaintDevice*) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState&) override {}
        void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
        void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
        void drawPath(const QPainterPath&) override {}
        void drawTextItem(const QPointF& p, const QTextItem& item) override {
            const QFont font = item.font();
            runs.push_back({item.text(), painter()->transform().map(p), font.family(),
                            !(font.styleStrategy() & QFont::NoFontMerging)});
        }
        Type type() const override { return User; }
        std::vector<Run> runs;
    };
    mutable Engine engine_;
};

}  // namespace

TEST(LayoutText, WrappedCellKeepsItsMeasuredLinesAtEveryResolution) {
    const LayoutTypeface type = LayoutTypeface::resolve(exportFont().family);
    const QString figures = QStringLiteral(
        "历史（年） 50多年；企业数 112户；规上企业 68户；产能 188万吨；自动生产线 400余条；"
        "产量 120万吨；产值 130亿元；直接就业/从业人员 约5万人；全国市场占比 2/3；全国市场占比 "
        "4/5；全国市场占比 1/5；自营出口企业 17家；出口额 6600余万元（2024年）；高新技术企业 "
        "34户；创新型企业 43户；专精特新企业 33户；技术中心 17个；经销网点 3000余家");
    TableElement table(type, QString(), {QStringLiteral("名称"), QStringLiteral("主要数据")},
                       {{QStringLiteral("太谷玛钢专业镇"), figures}}, {1.0, 2.6});
    const double widthMm = 180;
    const double heightMm = table.heightFor(widthMm);
    QString reference;
    for (const double dpi : {72.0, 96.0, 150.0, 200.0, 300.0, 600.0}) {
        TextRecorder device;
        QPainter painter(&device);
        PaintContext ctx;
        ctx.pxPerMm = dpi / 25.4;
        ctx.painter = &painter;
        table.paint(ctx, QRectF(0, 0, widthMm, heightMm));
        painter.end();
        QString drawn;
        for (const auto& run : device.runs()) {
            // Every line lies inside the table the layout reserved.
            EXPECT_LE(run.baseline.y(), heightMm * ctx.pxPerMm)
                << dpi << " dpi: " << run.text.toStdString();
            // Drawn in the typeface it was measured in, never merged with another.
            EXPECT_EQ(run.family, type.family()) << run.text.toStdString();
            EXPECT_FALSE(run.merging) << run.text.toStdString();
            drawn += run.text;
        }
        // The whole figure list, its last words included, at every resolution
        // (spaces aside: a line may break at one).
        EXPECT_TRUE(
            QString(drawn).remove(QLatin1Char(' ')).contains(QStringLiteral("经销网点3000余家")))
            << dpi << " dpi";
        if (reference.isEmpty()) reference = drawn;
        EXPECT_EQ(drawn, reference) << dpi << " dpi draws other lines than 72 dpi";
    }
}

TEST(LayoutTypeface, AMissingFamilyIsRefusedNotSubstituted) {
    std::string why;
    EXPECT_FALSE(LayoutTypeface::tryResolve(QStringLiteral("No Such Family 17"), &why));
    EXPECT_NE(why.find("No Such Family 17"), std::string::npos) << why;
    EXPECT_FALSE(LayoutTypeface::tryResolve(QString()));
    try {
        LayoutTypeface::resolve(QStringLiteral("No Such Family 17"));
        ADD_FAILURE() << "resolve() accepted a missing family";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Export);
    }
}

TEST(LayoutTypeface, ReportsCharactersTheFontLacks) {
    const LayoutTypeface type = LayoutTypeface::resolve(exportFont().family);
    // Everything a county sheet draws is covered (CJK, Latin, digits, full-width
    // punctuation) …
    EXPECT_TRUE(
        type.missingCharacters({QStringLiteral("太谷区 EPSG:4546 示意图（审图号）；1:250,000"),
                                QStringLiteral("大同 山西 ± ≤ — “”")})
            .empty());
    // … a private-use character and a Thai letter are not; each is reported once.
    const auto missing = type.missingCharacters(
        {QString(QChar(0xE000)) + QStringLiteral("太谷"), QString(QChar(0xE000)) + QChar(0x0E01)});
    ASSERT_EQ(missing.size(), 2U);
    EXPECT_EQ(missing[0], U'\uE000');
    EXPECT_EQ(missing[1], U'\u0E01');
    // The fonts it hands out never borrow glyphs from other installed fonts.
    EXPECT_TRUE(type.font(8, 10).styleStrategy() & QFont::NoFontMerging);
    EXPECT_EQ(type.font(8, 600 / 25.4).pixelSize(), 67);  // 8 pt at 600 dpi
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
