#pragma once
// Registration of the subcommand groups (each group lives in its own file).
#include <string>
#include <vector>

namespace jinmap::cli {

void registerBuiltinCommands();
void registerDataCommands();    // layers, summary, facts
void registerExportCommands();  // export
void registerRenderCommands();  // render, bench
void registerPublishCommands();
// workspace, town, figure, history, revert, sources, import
void registerWorkspaceCommands();
// The viewer's options (the window: jinmap [options] without a command).
const std::vector<std::string>& viewerValueOptions();
const std::vector<std::string>& viewerFlags();
// Opens the viewer with `arguments` (argv without the program), parsed by
// Args like every command's; when built without the viewer, prints the
// layer summary.
int runViewer(const std::vector<std::string>& arguments, const std::string& program);

}  // namespace jinmap::cli
