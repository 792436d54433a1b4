#include "cli.h"
#include "cli_commands.h"

#ifdef JINMAP_HAVE_VIEWER
#include "viewer_main.h"
#endif

namespace jinmap::cli {

int runViewer(int argc, char** argv) {
#ifdef JINMAP_HAVE_VIEWER
    return jinmap::viewer::run(argc, argv);
#else
    // Built without the viewer: show what the database holds instead.
    char* args[] = {argv[0], const_cast<char*>("layers"), nullptr};
    (void)argc;
    return run(2, args);
#endif
}

}  // namespace jinmap::cli
