#include "gui_support.h"

#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQmlExpression>
#include <QQuickItem>
#include <algorithm>
#include <cstdlib>

#include "thematic_layer.h"

namespace jinmap::viewer::test {

ViewerOptions testOptions(const QString& theme) {
    ViewerOptions o;
    o.dbPath = QString::fromLocal8Bit(qgetenv("JINMAP_DB"));
    if (o.dbPath.isEmpty()) o.dbPath = QStringLiteral(JINMAP_TEST_DB);
    o.stylesDir = QStringLiteral(JINMAP_STYLES_DIR);
    o.theme = theme;
    o.language = QStringLiteral("zh_CN");
    o.useSettings = false;
    return o;
}

QPointF windowPosition(ViewerApp& app, double lon, double lat) {
    ThematicLayer* layer = app.layer();
    return layer->mapToScene(layer->toPixel(lon, lat));
}

QVariant evaluate(ViewerApp& app, const QString& objectName, const QString& expression) {
    QObject* item = app.findItem(objectName);
    if (!item) {
        qWarning("no item named %s", qPrintable(objectName));
        return {};
    }
    QQmlContext* context = QQmlEngine::contextForObject(item);
    if (!context) context = app.engine().rootContext();
    QQmlExpression expr(context, item, expression);
    bool undefined = false;
    QVariant v = expr.evaluate(&undefined);
    if (expr.hasError()) qWarning("QML expression failed: %s", qPrintable(expr.error().toString()));
    return v;
}

double residentMiB() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
    return -1;
}

ImageDiff compareImages(const QImage& actualIn, const QImage& referenceIn, int tol) {
    ImageDiff d;
    if (actualIn.size() != referenceIn.size()) return d;
    const QImage a = actualIn.convertToFormat(QImage::Format_ARGB32);
    const QImage r = referenceIn.convertToFormat(QImage::Format_ARGB32);
    d.diff = QImage(a.size(), QImage::Format_ARGB32);
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        const QRgb* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const QRgb* pr = reinterpret_cast<const QRgb*>(r.constScanLine(y));
        QRgb* pd = reinterpret_cast<QRgb*>(d.diff.scanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int dr = std::abs(qRed(pa[x]) - qRed(pr[x]));
            const int dg = std::abs(qGreen(pa[x]) - qGreen(pr[x]));
            const int db = std::abs(qBlue(pa[x]) - qBlue(pr[x]));
            const bool differs = std::max({dr, dg, db}) > tol;
            if (differs) ++differing;
            const int g = qGray(pr[x]) / 3 + 170;
            pd[x] = differs ? qRgb(255, 0, 0) : qRgb(g, g, g);
        }
    }
    d.differingFraction =
        static_cast<double>(differing) / (static_cast<double>(a.width()) * a.height());
    return d;
}

}  // namespace jinmap::viewer::test
