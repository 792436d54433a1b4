// Workspace benchmarks (label bench; reported, not asserted): undo (revert
// of one edit; issue 14 asks ≤ 50 ms), opening a workspace against opening
// the reference, the live view's poll, and a figures import (10,000 rows;
// ≤ 2 s asked).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "data/change_watcher.h"
#include "data/geodatabase.h"
#include "data/import_reader.h"
#include "data/workspace.h"

namespace fs = std::filesystem;
using jinmap::data::Workspace;

namespace {

// This process's scratch directory (created on first use).
fs::path benchDir() {
    const fs::path dir =
        fs::temp_directory_path() / ("jinmap-wsbench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

std::string freshWorkspace(const std::string& name) {
    const fs::path dir = benchDir();
    const std::string path = (dir / name).string();
    fs::remove(path);
    Workspace::create(JINMAP_TEST_DB, path);
    return path;
}

void UndoOneEdit(benchmark::State& state) {
    const std::string path = freshWorkspace("undo.sqlite");
    auto ws = Workspace::open(path);
    int n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        ws->updateTown("T-JZ-TAIGU-MALLEABLE", {{"sector", "玛钢 " + std::to_string(++n)}},
                       "bench");
        const std::int64_t rev = ws->connection().queryInt("SELECT max(rev) FROM change_log");
        state.ResumeTiming();
        ws->revert(rev, "undo");
    }
}
BENCHMARK(UndoOneEdit)->Unit(benchmark::kMillisecond)->Iterations(30);

void UndoTownRemoval(benchmark::State& state) {
    const std::string path = freshWorkspace("undo-remove.sqlite");
    auto ws = Workspace::open(path);
    for (auto _ : state) {
        state.PauseTiming();
        ws->removeTown("T-JZ-TAIGU-MALLEABLE", "bench");
        const std::int64_t rev = ws->connection().queryInt("SELECT max(rev) FROM change_log");
        state.ResumeTiming();
        ws->revert(rev, "undo");
    }
}
BENCHMARK(UndoTownRemoval)->Unit(benchmark::kMillisecond)->Iterations(20);

// Both open a file in the same directory: the reference as a plain copy, the
// workspace as `workspace init` makes it.
void OpenReference(benchmark::State& state) {
    const fs::path dir = benchDir();
    const fs::path path = dir / "reference.sqlite";
    fs::copy_file(JINMAP_TEST_DB, path, fs::copy_options::overwrite_existing);
    for (auto _ : state) benchmark::DoNotOptimize(jinmap::GeoDatabase::open(path.string()));
}
BENCHMARK(OpenReference)->Unit(benchmark::kMillisecond);

void OpenWorkspace(benchmark::State& state) {
    const std::string path = freshWorkspace("open.sqlite");
    for (auto _ : state) benchmark::DoNotOptimize(jinmap::GeoDatabase::open(path));
}
BENCHMARK(OpenWorkspace)->Unit(benchmark::kMillisecond);

// After a deletion its readers shadow towns, town_facts and provenance.
void OpenWorkspaceWithADeletedTown(benchmark::State& state) {
    const std::string path = freshWorkspace("open-deleted.sqlite");
    Workspace::open(path)->removeTown("太谷玛钢专业镇", "bench");
    for (auto _ : state) benchmark::DoNotOptimize(jinmap::GeoDatabase::open(path));
}
BENCHMARK(OpenWorkspaceWithADeletedTown)->Unit(benchmark::kMillisecond);

// The live view's poll (issue 14: an external change shown within 1 s): what
// the viewer's 250 ms timer costs when nothing changed, and when a change
// (an edit on another connection) is there to see.
void ChangeWatcherPollIdle(benchmark::State& state) {
    const std::string path = freshWorkspace("watch.sqlite");
    jinmap::data::ChangeWatcher watcher(path);
    for (auto _ : state) benchmark::DoNotOptimize(watcher.poll());
}
BENCHMARK(ChangeWatcherPollIdle)->Unit(benchmark::kMicrosecond);

void ChangeWatcherPollAfterEdit(benchmark::State& state) {
    const std::string path = freshWorkspace("watch-edit.sqlite");
    jinmap::data::ChangeWatcher watcher(path);
    auto ws = Workspace::open(path);
    int n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        ws->updateTown("T-JZ-TAIGU-MALLEABLE", {{"sector", "玛钢 " + std::to_string(++n)}},
                       "bench");
        state.ResumeTiming();
        if (!watcher.poll()) state.SkipWithError("the edit was not seen");
    }
}
BENCHMARK(ChangeWatcherPollAfterEdit)->Unit(benchmark::kMicrosecond)->Iterations(50);

// 10,000 figure rows from a CSV through GDAL into a fresh workspace, in one
// transaction (issue 14: ≤ 2 s).
void ImportTenThousandFigures(benchmark::State& state) {
    const fs::path dir = benchDir();
    const std::string csv = (dir / "figures-10k.csv").string();
    {
        std::ofstream out(csv);
        out << "专业镇,指标,数值,单位,年份,口径,来源\n";
        const char* towns[] = {"太谷玛钢专业镇", "云州大同黄花专业镇", "祁县玻璃器皿专业镇"};
        for (int i = 0; i < 10000; ++i)
            out << towns[i % 3] << ",测试指标" << i << "," << i + 1 << ",万元,2024,本镇,手工录入\n";
    }
    for (auto _ : state) {
        state.PauseTiming();
        const std::string path = freshWorkspace("import.sqlite");
        auto ws = Workspace::open(path);
        state.ResumeTiming();
        ws->beginImport({});
        jinmap::data::readImportFile(
            csv, {}, [&](const jinmap::data::ImportBatch& chunk) { ws->importChunk(chunk); });
        const auto r = ws->finishImport();
        if (r.added != 10000) state.SkipWithError("not every row was imported");
    }
}
BENCHMARK(ImportTenThousandFigures)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

// glibc moves its mmap and trim thresholds after the first large free, so a
// benchmark that runs after a workspace was created would page-fault less than
// one that runs first. Fixed thresholds make the figures independent of order.
int main(int argc, char** argv) {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
