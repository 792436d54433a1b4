#pragma once
// Registration of the subcommand groups (each group lives in its own file).
namespace jinmap::cli {

void registerBuiltinCommands();
void registerDataCommands();    // layers, summary, facts
void registerExportCommands();  // export
void registerRenderCommands();  // render, bench
void registerPublishCommands();
// Opens the viewer (or, when built without it, prints the layer summary).
int runViewer(int argc, char** argv);

}  // namespace jinmap::cli
