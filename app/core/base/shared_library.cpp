#include "base/shared_library.h"

#include <dlfcn.h>

#include <string>

#include "base/error.h"

namespace jinmap {

void* openSharedLibrary(const char* soname) {
    void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        throw Error(ErrorKind::Io, std::string("cannot load a library: ") + dlerror(), soname);
    return handle;
}

void* sharedLibrarySymbol(void* library, const char* soname, const char* name) {
    void* symbol = dlsym(library, name);
    if (!symbol) throw Error(ErrorKind::Io, std::string("the library has no ") + name, soname);
    return symbol;
}

}  // namespace jinmap
