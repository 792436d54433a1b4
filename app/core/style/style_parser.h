#pragma once
// Reads a style file into an immutable Style. Errors throw
// Error(ErrorKind::Style) whose what() reads "file:line: $.json.path: problem";
// unsupported or unknown things are kept as warnings (never silently dropped).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "style/diagnostics.h"
#include "style/style.h"

namespace jinmap {

struct ParseResult {
    std::shared_ptr<const Style> style;
    std::vector<StyleWarning> warnings;
};

// Style files larger than this are refused before reading.
constexpr std::size_t kMaxStyleBytes = std::size_t{16} * 1024 * 1024;

// `name` is used in messages (normally the path as the user gave it).
ParseResult parseStyleText(std::string_view text, const std::string& name);
// Throws Error(ErrorKind::Io) when the file cannot be read.
ParseResult parseStyleFile(const std::string& path);

}  // namespace jinmap
