#pragma once
// What a planner reads of a core error, in the interface's language.
#include <QString>

#include "base/error.h"

namespace jinmap::viewer {

// The message without its context (the file path): translated when core
// made it from a Message (the template is looked up in the "core" context
// of the viewer's translations), core's English otherwise.
QString errorMessage(const Error& e);
// The same with the context in front, as Error::what() has it.
QString errorWhat(const Error& e);

}  // namespace jinmap::viewer
