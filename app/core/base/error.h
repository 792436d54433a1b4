#pragma once
// Typed errors with context. Core code throws jinmap::Error; the CLI prints
// what() on one line and exits 1, the viewer shows it and keeps running.
#include <stdexcept>
#include <string>

namespace jinmap {

enum class ErrorKind {
    Io,          // file missing, unreadable, unwritable
    Database,    // SQLite/SpatiaLite failure, corrupt file
    Schema,      // a table or column of the contract is missing
    Geometry,    // invalid or unreadable geometry
    Data,        // bad row in geodata text, unknown name
    Style,       // malformed style file
    Projection,  // unknown CRS, failed transformation
    Render,      // renderer failure
    Export,      // export failure
    Usage,       // bad argument
    NotFound,    // unknown county/town name
    Cancelled,   // the user cancelled
};

const char* errorKindName(ErrorKind kind) noexcept;

class Error : public std::runtime_error {
  public:
    // context: where it happened, e.g. "geodata/towns.csv:12" or "style.json $.layers[3].paint".
    Error(ErrorKind kind, const std::string& message, const std::string& context = {});

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& message() const noexcept { return message_; }
    const std::string& context() const noexcept { return context_; }

  private:
    ErrorKind kind_;
    std::string message_;
    std::string context_;
};

}  // namespace jinmap
