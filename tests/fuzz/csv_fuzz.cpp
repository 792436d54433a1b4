// CSV importer: any bytes give a table or a jinmap::Error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/csv.h"
#include "base/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto table = jinmap::CsvTable::parse(
            std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
        for (const auto& row : table.rows()) {
            if (row.fields.size() != table.header().size()) __builtin_trap();
            for (const auto& f : row.fields) (void)jinmap::csvEscape(f);
        }
    } catch (const jinmap::Error&) {
    }
    return 0;
}
