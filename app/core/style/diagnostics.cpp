#include "style/diagnostics.h"

#include "base/error.h"

namespace jinmap {

std::string StyleWarning::toString() const {
    return file + ":" + std::to_string(line) + ": " + path + ": " + message;
}

Diagnostics::Diagnostics(std::string file, std::string_view text)
    : file_(std::move(file)), lines_(text) {}

void Diagnostics::fail(std::size_t offset, const std::string& path,
                       const std::string& message) const {
    throw Error(ErrorKind::Style, message,
                file_ + ":" + std::to_string(lines_.line(offset)) + ": " + path);
}

void Diagnostics::warn(std::size_t offset, const std::string& path, const std::string& message) {
    warnings_.push_back({file_, lines_.line(offset), path, message});
}

}  // namespace jinmap
