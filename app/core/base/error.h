#pragma once
// Typed errors with context. Core code throws jinmap::Error; the CLI prints
// what() on one line and exits 1, the viewer shows it and keeps running.
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

// Marks a message template for the viewer's translations: lupdate reads it
// as QT_TRANSLATE_NOOP (app/viewer/translations/lupdate.sh); it stays the
// English template here.
#define JINMAP_MESSAGE(context, text) text

namespace jinmap {

// A message a planner reads: an English template with %1…%9 and what fills
// them. The CLI prints english(); the viewer translates the template
// (QCoreApplication::translate with context "core") and fills in the same
// arguments with formatMessage, so a Chinese dialog says it in Chinese.
struct Message {
    const char* source = nullptr;  // JINMAP_MESSAGE("core", "…"); null: not translatable
    std::vector<std::string> args;

    Message() = default;
    Message(const char* templ, std::initializer_list<std::string> arguments)
        : source(templ), args(arguments) {}
    std::string english() const { return source ? formatMessage(source, args) : std::string(); }

    // `templ` with %1…%9 replaced by args[0…8] in one pass (an argument that
    // itself holds "%1" stays as it is); %% is a percent sign.
    static std::string formatMessage(const std::string& templ,
                                     const std::vector<std::string>& args);
};

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
    // A translatable message (see Message); message() is its English.
    Error(ErrorKind kind, Message message, const std::string& context = {});

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& message() const noexcept { return message_; }
    const std::string& context() const noexcept { return context_; }
    // The template and arguments of message(), when it was made from a
    // Message; text().source is null otherwise.
    const Message& text() const noexcept { return text_; }

  private:
    ErrorKind kind_;
    std::string message_;
    std::string context_;
    Message text_;
};

}  // namespace jinmap
