#include "viewer_main.h"

#include <QApplication>
#include <QQuickWindow>
#include <cstdio>

#include "export_controller.h"
#include "thematic_layer.h"
#include "viewer_app.h"
#include "workspace_editor.h"

namespace jinmap::viewer {

int run(ViewerOptions options, const WindowOptions& window) {
    // A screenshot shows exactly what was asked, not the remembered view.
    if (!window.screenshot.isEmpty()) options.useSettings = false;
    if (qEnvironmentVariableIsSet("JINMAP_NO_SETTINGS")) options.useSettings = false;

    static int qtArgc = 1;
    static char program[] = "jinmap";
    static char* qtArgv[] = {program, nullptr};
    limitSoftwareGlThreads();
    QApplication::setOrganizationName(QStringLiteral("jinmap"));
    QApplication::setApplicationName(QStringLiteral("jinmap"));
    // QApplication (not QGuiApplication): the export's file dialog falls back
    // to QFileDialog where the desktop offers no native one.
    QApplication app(qtArgc, qtArgv);
    if (options.referencePath.isEmpty()) options.referencePath = defaultDatabasePath();
    // No --db: the planner's workspace (made from the reference on first start).
    if (options.dbPath.isEmpty())
        options.startMessage = chooseWorkspace(options, options.referencePath);
    if (options.dbPath.isEmpty()) options.dbPath = defaultDatabasePath();
    if (options.stylesDir.isEmpty()) options.stylesDir = defaultStylesDir();

    ViewerApp viewer(options);
    if (!viewer.start()) return 1;
    if (window.size.isValid() && viewer.window()) viewer.window()->resize(window.size);
    if (window.screenshot.isEmpty() && window.openPanel.isEmpty()) return app.exec();

    bool drawn = viewer.waitUntilDrawn(60000);
    if (!window.openPanel.isEmpty()) {
        // The dialog opens on the view as first drawn, and waits for its preview.
        viewer.exporter()->open(window.openPanel == "county-sheet" ? QStringLiteral("sheet")
                                : window.openPanel == "atlas"      ? QStringLiteral("atlas")
                                                                   : QStringLiteral("map"));
        drawn =
            viewer.exporter()->waitUntilPreviewed(60000) && viewer.waitUntilDrawn(60000) && drawn;
        if (window.screenshot.isEmpty()) return app.exec();
    }
    const QImage image = viewer.grab();
    if (image.isNull() || !image.save(window.screenshot, "PNG")) {
        std::fprintf(stderr, "jinmap: cannot write the screenshot %s\n",
                     window.screenshot.toLocal8Bit().constData());
        return 1;
    }
    if (!drawn) {
        std::fprintf(stderr,
                     "jinmap: the map was not fully drawn within 60 s; saved what was shown\n");
        return 1;
    }
    if (!viewer.controller()->errorMessage().isEmpty())
        std::fprintf(stderr, "jinmap: the viewer shows an error: %s\n",
                     viewer.controller()->errorMessage().toLocal8Bit().constData());
    return 0;
}

}  // namespace jinmap::viewer
