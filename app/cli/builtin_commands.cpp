#include "cli_commands.h"

namespace jinmap::cli {

void registerBuiltinCommands() {
    static bool done = false;
    if (done) return;
    done = true;
    registerDataCommands();
    registerExportCommands();
    registerRenderCommands();
    registerPublishCommands();
    registerWorkspaceCommands();
}

}  // namespace jinmap::cli
