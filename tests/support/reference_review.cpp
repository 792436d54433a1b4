#include "support/reference_review.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>
#include <algorithm>
#include <cstdio>

namespace jinmap::test {

ImageComparison compareWithReference(const QImage& actualIn, const QImage& referenceIn,
                                     int channelTolerance) {
    ImageComparison c;
    if (actualIn.size() != referenceIn.size()) {
        c.sameSize = false;
        c.mismatched = std::max(actualIn.width() * actualIn.height(),
                                referenceIn.width() * referenceIn.height());
        return c;
    }
    const QImage a = actualIn.convertToFormat(QImage::Format_ARGB32);
    const QImage e = referenceIn.convertToFormat(QImage::Format_ARGB32);
    c.diff = QImage(a.size(), QImage::Format_ARGB32);
    for (int y = 0; y < a.height(); ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pe = reinterpret_cast<const QRgb*>(e.constScanLine(y));
        auto* d = reinterpret_cast<QRgb*>(c.diff.scanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int m = std::max(
                {std::abs(qRed(pa[x]) - qRed(pe[x])), std::abs(qGreen(pa[x]) - qGreen(pe[x])),
                 std::abs(qBlue(pa[x]) - qBlue(pe[x])), std::abs(qAlpha(pa[x]) - qAlpha(pe[x]))});
            if (m > channelTolerance) {
                ++c.mismatched;
                d[x] = qRgb(255, 0, 0);
            } else {
                const int g = 255 - (255 - qGray(pe[x])) / 4;  // faded reference
                d[x] = qRgb(g, g, g);
            }
        }
    }
    return c;
}

bool updatingReferences() {
    return qEnvironmentVariableIntValue("JINMAP_UPDATE_REFERENCES") == 1;
}

namespace {

// The page is rebuilt from every case's fragment, so cases run in separate
// processes (ctest runs each test alone) share one page.
void writeIndex(const QDir& dir) {
    QStringList fragments =
        dir.entryList({QStringLiteral("*.entry.html")}, QDir::Files, QDir::Name);
    QSaveFile page(dir.filePath(QStringLiteral("index.html")));
    if (!page.open(QIODevice::WriteOnly)) return;
    QTextStream out(&page);
#if QT_VERSION < QT_VERSION_CHECK(6, 0, 0)
    out.setCodec("UTF-8");
#endif
    out << "<!doctype html><meta charset=utf-8><title>jinmap reference review</title>"
           "<style>body{font-family:sans-serif}figure{display:inline-block;margin:4px;"
           "vertical-align:top}img{max-width:600px;border:1px solid #ccc}"
           "figcaption{font-size:90%}</style>"
           "<h1>Changed reference images</h1><p>Each case: the old reference, the new image "
           "(now the reference) and their difference (red: pixels off by more than the "
           "tolerance). Look at every one before committing; <code>git checkout</code> the "
           "references that changed for the wrong reason.</p>";
    for (const QString& f : fragments) {
        QFile in(dir.filePath(f));
        if (in.open(QIODevice::ReadOnly)) out << QString::fromUtf8(in.readAll());
    }
    page.commit();
}

}  // namespace

bool updateReference(const QString& reviewDir, const QString& name, const QString& referencePath,
                     const QImage& updated, int channelTolerance, const QString& description) {
    QDir dir(reviewDir);
    dir.mkpath(QStringLiteral("."));
    const QImage old(referencePath);
    ImageComparison c;
    if (!old.isNull()) c = compareWithReference(updated, old, channelTolerance);
    {
        QSaveFile ref(referencePath);
        if (!ref.open(QIODevice::WriteOnly) || !updated.save(&ref, "PNG") || !ref.commit())
            return false;
    }
    const QString oldFile = name + QStringLiteral(".old.png");
    const QString newFile = name + QStringLiteral(".new.png");
    const QString diffFile = name + QStringLiteral(".diff.png");
    if (!old.isNull()) old.save(dir.filePath(oldFile));
    updated.save(dir.filePath(newFile));
    if (!c.diff.isNull()) c.diff.save(dir.filePath(diffFile));
    QString html;
    html += QStringLiteral("<h2>%1</h2><p>%2</p><p>%3</p>")
                .arg(name.toHtmlEscaped(), description.toHtmlEscaped(),
                     old.isNull() ? QStringLiteral("new reference (there was none)")
                                  : (!c.sameSize ? QStringLiteral("size changed: %1×%2 → %3×%4")
                                                       .arg(old.width())
                                                       .arg(old.height())
                                                       .arg(updated.width())
                                                       .arg(updated.height())
                                                 : QStringLiteral("%1 mismatched pixels (channel "
                                                                  "tolerance %2) of %3")
                                                       .arg(c.mismatched)
                                                       .arg(channelTolerance)
                                                       .arg(updated.width() * updated.height())));
    auto figure = [&](const QString& file, const QString& caption) {
        html += QStringLiteral(
                    "<figure><a href=\"%1\"><img src=\"%1\"></a><figcaption>%2"
                    "</figcaption></figure>")
                    .arg(file, caption);
    };
    if (!old.isNull()) figure(oldFile, QStringLiteral("old"));
    figure(newFile, QStringLiteral("new: ") + QFileInfo(referencePath).fileName());
    if (!c.diff.isNull()) figure(diffFile, QStringLiteral("diff"));
    QSaveFile entry(dir.filePath(name + QStringLiteral(".entry.html")));
    if (entry.open(QIODevice::WriteOnly)) {
        entry.write(html.toUtf8());
        entry.commit();
    }
    writeIndex(dir);
    std::fprintf(stderr, "reference %s updated (%d pixels changed); review: %s\n",
                 qPrintable(referencePath), old.isNull() ? -1 : c.mismatched,
                 qPrintable(dir.filePath(QStringLiteral("index.html"))));
    return true;
}

}  // namespace jinmap::test
