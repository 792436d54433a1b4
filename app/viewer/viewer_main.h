#pragma once
// Entry point of the Qt Quick viewer (`jinmap` without a subcommand). The
// command line is parsed by the CLI's parser (app/cli/viewer_entry.cpp).
#include <QSize>
#include <QString>

#include "controller.h"

namespace jinmap::viewer {

struct WindowOptions {
    QString screenshot;  // save a PNG of the window once the map is drawn, then exit
    QSize size;          // window size in logical pixels (empty: the default)
    QString openPanel;   // export | county-sheet | atlas: that dialog opens, previewed
};

// Runs the viewer; with a screenshot path, waits until the map is fully
// drawn, saves the PNG and returns. Exit status as the CLI's.
int run(ViewerOptions options, const WindowOptions& window);

}  // namespace jinmap::viewer
