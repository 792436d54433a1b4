#pragma once
// Error and warning reporting while reading a style: every message carries
// the file, the line and the JSON path of the value it is about.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "style/json.h"

namespace jinmap {

struct StyleWarning {
    std::string file;
    int line = 0;
    std::string path;  // e.g. $.layers[3].paint.fill-pattern
    std::string message;

    // "file:line: $.path: message"
    std::string toString() const;
};

class Diagnostics {
  public:
    Diagnostics(std::string file, std::string_view text);

    const std::string& file() const { return file_; }
    int line(std::size_t offset) const { return lines_.line(offset); }

    // Throws Error(ErrorKind::Style, message, "file:line: path").
    [[noreturn]] void fail(std::size_t offset, const std::string& path,
                           const std::string& message) const;
    void warn(std::size_t offset, const std::string& path, const std::string& message);

    const std::vector<StyleWarning>& warnings() const { return warnings_; }
    std::vector<StyleWarning> takeWarnings() { return std::move(warnings_); }

  private:
    std::string file_;
    json::LineIndex lines_;
    std::vector<StyleWarning> warnings_;
};

}  // namespace jinmap
