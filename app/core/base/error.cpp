#include "base/error.h"

namespace jinmap {

const char* errorKindName(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::Io:
            return "I/O error";
        case ErrorKind::Database:
            return "database error";
        case ErrorKind::Schema:
            return "schema error";
        case ErrorKind::Geometry:
            return "geometry error";
        case ErrorKind::Data:
            return "data error";
        case ErrorKind::Style:
            return "style error";
        case ErrorKind::Projection:
            return "projection error";
        case ErrorKind::Render:
            return "render error";
        case ErrorKind::Export:
            return "export error";
        case ErrorKind::Usage:
            return "usage error";
        case ErrorKind::NotFound:
            return "not found";
        case ErrorKind::Cancelled:
            return "cancelled";
    }
    return "error";
}

namespace {
std::string compose(const std::string& message, const std::string& context) {
    return context.empty() ? message : context + ": " + message;
}
}  // namespace

Error::Error(ErrorKind kind, const std::string& message, const std::string& context)
    : std::runtime_error(compose(message, context)),
      kind_(kind),
      message_(message),
      context_(context) {}

Error::Error(ErrorKind kind, Message message, const std::string& context)
    : Error(kind, message.english(), context) {
    text_ = std::move(message);
}

std::string Message::formatMessage(const std::string& templ, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(templ.size() + 32);
    for (std::size_t i = 0; i < templ.size(); ++i) {
        const char c = templ[i];
        if (c == '%' && i + 1 < templ.size()) {
            const char n = templ[i + 1];
            if (n == '%') {
                out += '%';
                ++i;
                continue;
            }
            if (n >= '1' && n <= '9') {
                const auto index = static_cast<std::size_t>(n - '1');
                if (index < args.size()) out += args[index];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

}  // namespace jinmap
