// Exports look the same whatever fonts the machine has (issue 17): the county
// sheet and an A3 map are exported once with only Noto Sans CJK visible to
// fontconfig and once with a crowded desktop's font set (ghostscript's URW
// fonts, Droid Sans Fallback, WenQuanYi Zen Hei, AR PL UKai, unpacked by
// `tools/dev setup`), and compared pixel for pixel.
#include <gtest/gtest.h>

#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

struct FontSet {
    const char* name;
    const char* fontconfigFile;
};
const FontSet kClean{"clean", JINMAP_FONTS_CLEAN_CONF};
const FontSet kCrowded{"crowded", JINMAP_FONTS_CROWDED_CONF};

QProcessEnvironment envFor(const FontSet& fonts) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FONTCONFIG_FILE"), QString::fromUtf8(fonts.fontconfigFile));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return env;
}

// Runs a program with the font set; returns its stdout, failing the test on a
// non-zero exit.
QString run(const FontSet& fonts, const QString& program, const QStringList& args) {
    QProcess p;
    p.setProcessEnvironment(envFor(fonts));
    p.start(program, args);
    if (!p.waitForFinished(300000)) {
        ADD_FAILURE() << program.toStdString() << " did not finish";
        return {};
    }
    const QString err = QString::fromUtf8(p.readAllStandardError());
    EXPECT_EQ(p.exitCode(), 0) << fonts.name << ": " << program.toStdString() << " "
                               << args.join(' ').toStdString() << "\n"
                               << err.toStdString();
    return QString::fromUtf8(p.readAllStandardOutput());
}

class FontIndependence : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("jinmap-fonts-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    QString path(const FontSet& fonts, const char* name) const {
        return QString::fromStdString((dir_ / (std::string(fonts.name) + "-" + name)).string());
    }
    QString exportWith(const FontSet& fonts, const char* name, QStringList args) const {
        const QString out = path(fonts, name);
        args << QStringLiteral("--db") << QStringLiteral(JINMAP_TEST_DB) << QStringLiteral("-o")
             << out;
        run(fonts, QStringLiteral(JINMAP_PROGRAM), QStringList{QStringLiteral("export")} + args);
        return out;
    }
    fs::path dir_;
};

// Pixels that differ between two images of the same size (all when the sizes differ).
long long differingPixels(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return static_cast<long long>(std::max(a.width() * a.height(), 1));
    const QImage x = a.convertToFormat(QImage::Format_ARGB32);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32);
    long long n = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) n += p[col] != q[col] ? 1 : 0;
    }
    return n;
}

void expectSameImage(const QString& cleanPath, const QString& crowdedPath) {
    const QImage clean(cleanPath), crowded(crowdedPath);
    ASSERT_FALSE(clean.isNull()) << cleanPath.toStdString();
    ASSERT_FALSE(crowded.isNull()) << crowdedPath.toStdString();
    EXPECT_EQ(differingPixels(clean, crowded), 0)
        << "clean: " << cleanPath.toStdString() << "\ncrowded: " << crowdedPath.toStdString();
}

}  // namespace

// The two font sets really differ: otherwise the comparisons below prove nothing.
TEST_F(FontIndependence, TheCrowdedFontSetIsCrowdedAndTheCleanOneIsNot) {
    const QStringList args{QStringLiteral(":"), QStringLiteral("family")};
    const QString crowded = run(kCrowded, QStringLiteral("fc-list"), args);
    const QString clean = run(kClean, QStringLiteral("fc-list"), args);
    for (const char* family : {"Nimbus Sans", "Droid Sans Fallback", "WenQuanYi Zen Hei",
                               "AR PL UKai", "Noto Sans CJK SC"})
        EXPECT_TRUE(crowded.contains(QString::fromUtf8(family)))
            << family << " missing from the crowded set (run tools/dev setup):\n"
            << crowded.toStdString();
    EXPECT_TRUE(clean.contains(QStringLiteral("Noto Sans CJK SC"))) << clean.toStdString();
    for (const char* family : {"Nimbus Sans", "WenQuanYi Zen Hei", "DejaVu Sans"})
        EXPECT_FALSE(clean.contains(QString::fromUtf8(family))) << family << " in the clean set";
}

TEST_F(FontIndependence, CountySheetIsPixelIdentical) {
    const QStringList args{QStringLiteral("--county-sheet"), QStringLiteral("太谷区"),
                           QStringLiteral("--format"),       QStringLiteral("png"),
                           QStringLiteral("--paper"),        QStringLiteral("A4"),
                           QStringLiteral("--dpi"),          QStringLiteral("150")};
    expectSameImage(exportWith(kClean, "sheet.png", args), exportWith(kCrowded, "sheet.png", args));
}

TEST_F(FontIndependence, CountySheetPdfIsPixelIdenticalWhenRasterised) {
    const QStringList args{QStringLiteral("--county-sheet"), QStringLiteral("太谷区"),
                           QStringLiteral("--format"),       QStringLiteral("pdf"),
                           QStringLiteral("--paper"),        QStringLiteral("A4")};
    const QString clean = exportWith(kClean, "sheet.pdf", args);
    const QString crowded = exportWith(kCrowded, "sheet.pdf", args);
    // pdftoppm with the clean set for both: only the PDFs may differ.
    for (const QString& pdf : {clean, crowded})
        run(kClean, QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("100"), QStringLiteral("-png"),
             QStringLiteral("-singlefile"), pdf, pdf});
    expectSameImage(clean + QStringLiteral(".png"), crowded + QStringLiteral(".png"));
}

TEST_F(FontIndependence, A3MapIsPixelIdentical) {
    const QStringList args{
        QStringLiteral("--style"),       QStringLiteral(JINMAP_SOURCE_DIR "/styles/towns.json"),
        QStringLiteral("--extent"),      QStringLiteral("晋中市"),
        QStringLiteral("--format"),      QStringLiteral("png"),
        QStringLiteral("--paper"),       QStringLiteral("A3"),
        QStringLiteral("--orientation"), QStringLiteral("landscape"),
        QStringLiteral("--dpi"),         QStringLiteral("100")};
    expectSameImage(exportWith(kClean, "a3.png", args), exportWith(kCrowded, "a3.png", args));
}
