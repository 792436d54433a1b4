#include "data/workspace_exchange.h"

#include <unistd.h>

#include <filesystem>
#include <memory>

#include "base/error.h"
#include "base/gdal_library.h"
#include "base/handles.h"
#include "base/sqlite.h"

namespace fs = std::filesystem;

namespace jinmap::data {

const std::vector<std::string>& exchangeLayers() {
    static const std::vector<std::string> layers = {
        "towns",         "town_facts",  "sources",        "source_texts", "provenance",
        "data_notes",    "parks",       "platforms",      "projects",     "layout_elements",
        "counties",      "prefectures", "province",       "neighbors",    "metrics",
        "sector_groups", "metadata",    "workspace_meta", "change_log"};
    return layers;
}

namespace {
struct TranslateOptionsDeleter {
    void operator()(GDALVectorTranslateOptions* o) const noexcept {
        gdal().GDALVectorTranslateOptionsFree(o);
    }
};
}  // namespace

void exportGeoPackage(const std::string& workspace, const std::string& output) {
    std::vector<std::string> layers;
    {
        auto db = Database::open(workspace, Database::Mode::ReadOnly);
        if (!db.hasTable("workspace_meta"))
            throw Error(ErrorKind::Usage,
                        "not a workspace (export a workspace made by jinmap workspace init)",
                        workspace);
        for (const auto& l : exchangeLayers())
            if (db.hasTable(l)) layers.push_back(l);
    }
    gdal().GDALAllRegister();
    const char* drivers[] = {"SQLite", nullptr};
    gdal().CPLErrorReset();
    gdal().CPLPushErrorHandler(gdal().CPLQuietErrorHandler);
    GdalDatasetPtr src(gdal().GDALOpenEx(workspace.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                         drivers, nullptr, nullptr));
    gdal().CPLPopErrorHandler();
    if (!src) throw Error(ErrorKind::Io, "GDAL cannot read the workspace", workspace);

    std::vector<std::string> args = {"-f", "GPKG"};
    args.insert(args.end(), layers.begin(), layers.end());
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_ptr<GDALVectorTranslateOptions, TranslateOptionsDeleter> options(
        gdal().GDALVectorTranslateOptionsNew(argv.data(), nullptr));
    if (!options) throw Error(ErrorKind::Export, "bad GeoPackage options", output);

    const fs::path target(output);
    const fs::path temp = fs::path(output).concat(".partial-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove(temp, ec);
    GDALDatasetH sources[] = {src.get()};
    int usageError = 0;
    gdal().CPLErrorReset();
    gdal().CPLPushErrorHandler(gdal().CPLQuietErrorHandler);
    GdalDatasetPtr out(
        gdal().GDALVectorTranslate(temp.c_str(), nullptr, 1, sources, options.get(), &usageError));
    const std::string message = gdal().CPLGetLastErrorMsg();
    const bool closed = closeDataset(out);
    gdal().CPLPopErrorHandler();
    if (usageError || !closed || gdal().CPLGetLastErrorType() >= CE_Failure ||
        !fs::exists(temp, ec)) {
        fs::remove(temp, ec);
        throw Error(ErrorKind::Export,
                    "cannot write the GeoPackage" + (message.empty() ? "" : ": " + message),
                    output);
    }
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw Error(ErrorKind::Io, "cannot write the GeoPackage: " + ec.message(), output);
    }
}

}  // namespace jinmap::data
