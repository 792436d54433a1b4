#pragma once
// Shared by the GUI tests and the GUI benchmark.
#include <QImage>
#include <QPointF>
#include <QString>
#include <QVariant>

#include "viewer_app.h"

namespace jinmap::viewer::test {

ViewerOptions testOptions(const QString& theme = QStringLiteral("towns"));
// Window (scene) position of a lon/lat through the thematic layer's camera.
QPointF windowPosition(ViewerApp& app, double lon, double lat);
// Evaluates a QML expression in the context of the item named `objectName`.
QVariant evaluate(ViewerApp& app, const QString& objectName, const QString& expression);
// Resident set size of this process in MiB.
double residentMiB();

struct ImageDiff {
    double differingFraction = 1.0;  // pixels differing by more than the channel tolerance
    QImage diff;                     // red where they differ
};
ImageDiff compareImages(const QImage& actual, const QImage& reference, int channelTolerance = 40);

}  // namespace jinmap::viewer::test
