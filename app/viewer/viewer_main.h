#pragma once
// Entry point of the Qt Quick viewer (`jinmap` without a subcommand).
//   jinmap [--db FILE] [--style FILE] [--theme towns|datong|admin] [--extent E]
//          [--select-county NAME] [--lang zh_CN|en] [--screenshot FILE]
//          [--open export|county-sheet|atlas]  (the export dialog, with its preview)
namespace jinmap::viewer {

// Runs the viewer; with --screenshot, waits until the map is fully drawn,
// saves a PNG of the whole window and returns. Exit status as the CLI's.
int run(int argc, char** argv);

}  // namespace jinmap::viewer
