#include "viewer_main.h"

#include <QApplication>
#include <QQuickWindow>
#include <QStringList>
#include <cstdio>
#include <cstring>

#include "export_controller.h"
#include "thematic_layer.h"
#include "viewer_app.h"

namespace jinmap::viewer {

namespace {

int usage(const char* message) {
    std::fprintf(stderr, "jinmap: %s (see jinmap --help)\n", message);
    return 2;
}

}  // namespace

int run(int argc, char** argv) {
    ViewerOptions options;
    QString screenshot;
    QString dbPath, stylePath;
    QString openPanel;  // --open export|county-sheet|atlas: the export dialog, previewed
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        auto value = [&](QString& out) -> bool {
            const char* eq = std::strchr(a, '=');
            if (eq) {
                out = QString::fromLocal8Bit(eq + 1);
                return true;
            }
            if (i + 1 >= argc) return false;
            out = QString::fromLocal8Bit(argv[++i]);
            return true;
        };
        auto is = [&](const char* name) {
            const std::size_t n = std::strlen(name);
            return std::strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
        };
        bool ok = true;
        if (std::strcmp(a, "viewer") == 0) continue;
        if (is("--db"))
            ok = value(dbPath);
        else if (is("--style"))
            ok = value(stylePath);
        else if (is("--theme"))
            ok = value(options.theme);
        else if (is("--extent"))
            ok = value(options.extent);
        else if (is("--select-county"))
            ok = value(options.selectCounty);
        else if (is("--select-city"))
            ok = value(options.selectCity);
        else if (is("--lang"))
            ok = value(options.language);
        else if (is("--screenshot"))
            ok = value(screenshot);
        else if (is("--open"))
            ok = value(openPanel);
        else if (std::strcmp(a, "--no-settings") == 0)
            options.useSettings = false;
        else
            return usage((std::string("unknown viewer option '") + a + "'").c_str());
        if (!ok) return usage((std::string("option ") + a + " needs a value").c_str());
    }
    if (!options.theme.isEmpty() &&
        !QStringList{"towns", "datong", "admin"}.contains(options.theme))
        return usage("--theme must be towns, datong or admin");
    if (!openPanel.isEmpty() && !QStringList{"export", "county-sheet", "atlas"}.contains(openPanel))
        return usage("--open must be export, county-sheet or atlas");
    if (!options.language.isEmpty() && options.language != "zh_CN" && options.language != "en")
        return usage("--lang must be zh_CN or en");
    // A screenshot shows exactly what was asked, not the remembered view.
    if (!screenshot.isEmpty()) options.useSettings = false;
    if (qEnvironmentVariableIsSet("JINMAP_NO_SETTINGS")) options.useSettings = false;

    int qtArgc = 1;
    char* qtArgv[] = {argv[0], nullptr};
    QApplication::setOrganizationName(QStringLiteral("jinmap"));
    QApplication::setApplicationName(QStringLiteral("jinmap"));
    // QApplication (not QGuiApplication): the export's file dialog falls back
    // to QFileDialog where the desktop offers no native one.
    QApplication app(qtArgc, qtArgv);
    options.dbPath = dbPath.isEmpty() ? defaultDatabasePath() : dbPath;
    options.stylePath = stylePath;
    options.stylesDir = defaultStylesDir();

    ViewerApp viewer(options);
    if (!viewer.start()) return 1;
    if (screenshot.isEmpty() && openPanel.isEmpty()) return app.exec();

    bool drawn = viewer.waitUntilDrawn(60000);
    if (!openPanel.isEmpty()) {
        // The dialog opens on the view as first drawn, and waits for its preview.
        viewer.exporter()->open(openPanel == "county-sheet" ? QStringLiteral("sheet")
                                : openPanel == "atlas"      ? QStringLiteral("atlas")
                                                            : QStringLiteral("map"));
        drawn =
            viewer.exporter()->waitUntilPreviewed(60000) && viewer.waitUntilDrawn(60000) && drawn;
        if (screenshot.isEmpty()) return app.exec();
    }
    const QImage image = viewer.grab();
    if (image.isNull() || !image.save(screenshot, "PNG")) {
        std::fprintf(stderr, "jinmap: cannot write the screenshot %s\n",
                     screenshot.toLocal8Bit().constData());
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
