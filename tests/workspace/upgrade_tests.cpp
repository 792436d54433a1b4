// jinmap workspace upgrade (issue 14 item 5): a "new reference" made from
// the built one with SQL (a changed figure, a new town, a removed town, rows
// changed on both sides), merged into a workspace with a planner's edits.
// Reference changes apply where the planner has not edited; the planner's
// rows stay where both did, listed as conflicts; a dry run writes nothing; a
// second run is a no-op.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QFile>
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "data/workspace.h"

namespace fs = std::filesystem;
using jinmap::Database;
using jinmap::data::UpgradeEntry;
using jinmap::data::Workspace;

namespace {

std::string fileHash(const std::string& path) {
    QFile f(QString::fromStdString(path));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex().toStdString();
}

class Upgrade : public ::testing::Test {
  protected:
    void SetUp() override {
        setenv("JINMAP_AUTHOR", "规划员", 1);
        dir_ = fs::temp_directory_path() /
               ("jinmap-upgrade-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        ws_ = (dir_ / "ws.sqlite").string();
        newRef_ = (dir_ / "jinmap-next.sqlite").string();
        Workspace::create(JINMAP_TEST_DB, ws_);
        plannerEdits();
        makeNewReference();
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    // The planner's year: a level corrected, a figure verified, a town and a
    // figure added by hand, a figure removed.
    void plannerEdits() {
        auto ws = Workspace::open(ws_);
        ws->updateTown("T-JZ-TAIGU-MALLEABLE", {{"level", "省级示范"}}, "核实");
        ws->updateFigure("F-JZ-TAIGU-MALLEABLE-02",
                         {{"value", "115"}, {"source", "手工录入"}, {"quote", ""}}, "核实");
        ws->addTown({{"name", "晋源新专业镇"},
                     {"county", "晋源区"},
                     {"sector", "花卉"},
                     {"level", "市级"},
                     {"source", "手工录入"}},
                    "新一批");
        ws->addFigure({{"town", "晋源花卉专业镇"},
                       {"label", "企业数"},
                       {"value", "12"},
                       {"unit", "家"},
                       {"source", "手工录入"}},
                      "调研");
        ws->removeFigure("F-DT-HUANGHUA-02", "重复");
    }

    // The next release's reference: the built one changed with SQL.
    void makeNewReference() {
        fs::copy_file(JINMAP_TEST_DB, newRef_);
        auto db = Database::open(newRef_, Database::Mode::ReadWrite);
        db.loadSpatialite();
        db.exec(
            // A figure the planner did not touch, corrected.
            "UPDATE town_facts SET value = 120, value_text = '120' WHERE fact_id = "
            "'F-DT-HUANGHUA-03';"
            // The town whose level the planner corrected, corrected otherwise.
            "UPDATE towns SET level_detail = '省级重点' WHERE id = 'T-JZ-TAIGU-MALLEABLE';"
            // The figure the planner removed, corrected.
            "UPDATE town_facts SET value_text = '十余' WHERE fact_id = 'F-DT-HUANGHUA-02';"
            // A town dropped (with its provenance).
            "DELETE FROM provenance WHERE subject_id = 'T-CZ-LUCHENG-CARBON';"
            "DELETE FROM towns WHERE id = 'T-CZ-LUCHENG-CARBON';"
            // A town dropped that the planner gave a figure.
            "DELETE FROM data_notes WHERE subject_id = 'T-TY-JINYUAN-FLOWERS';"
            "DELETE FROM provenance WHERE subject_id = 'T-TY-JINYUAN-FLOWERS';"
            "DELETE FROM towns WHERE id = 'T-TY-JINYUAN-FLOWERS';"
            // A new town with its provenance.
            "INSERT INTO towns (id, name, name_as_written, prefecture, prefecture_adcode, "
            "county_adcode, county, sector, sector_group, level, location_precision, source_id, "
            "quote, geometry) SELECT 'T-JZ-TAIGU-NEXT', '太谷精铸专业镇', '太谷精铸专业镇', "
            "prefecture, prefecture_adcode, county_adcode, county, '精密铸造', '铸造冶金', "
            "'municipal', 'county', 'S001', '太谷玛钢专业镇', geometry FROM towns WHERE id = "
            "'T-JZ-TAIGU-TCMHEALTH';"
            "INSERT INTO provenance (subject_table, subject_id, field, source_id, quote, "
            "char_offset) VALUES ('towns', 'T-JZ-TAIGU-NEXT', NULL, 'S001', '太谷玛钢专业镇', 0);"
            "UPDATE metadata SET value = 'next-release' WHERE key = 'data_version';");
    }

    std::string one(const std::string& sql) const {
        return Database::open(ws_, Database::Mode::ReadOnly).queryString(sql).value_or("(null)");
    }
    std::int64_t count(const std::string& sql) const {
        return Database::open(ws_, Database::Mode::ReadOnly).queryInt(sql);
    }

    struct Result {
        int code = -1;
        std::string out;
    };
    Result cli(const std::string& args) const {
        const std::string cmd = "cd '" + dir_.string() +
                                "' && JINMAP_AUTHOR=规划员 '" JINMAP_PROGRAM "' --db ws.sqlite " +
                                args + " 2>&1";
        Result r;
        FILE* pipe = popen(cmd.c_str(), "r");
        std::array<char, 4096> buf{};
        while (pipe && fgets(buf.data(), buf.size(), pipe)) r.out += buf.data();
        const int status = pipe ? pclose(pipe) : -1;
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return r;
    }

    fs::path dir_;
    std::string ws_, newRef_;
};

const UpgradeEntry* find(const jinmap::data::UpgradeReport& r, const std::string& id) {
    for (const auto& e : r.entries)
        if (e.id == id) return &e;
    return nullptr;
}

}  // namespace

TEST_F(Upgrade, ReferenceChangesApplyWhereThePlannerHasNotEditedAndConflictsAreListed) {
    auto check = jinmap::data::checkUpgrade(ws_, newRef_);
    EXPECT_TRUE(check.available);
    EXPECT_EQ(check.referenceVersion, "next-release");
    EXPECT_FALSE(jinmap::data::checkUpgrade(ws_, JINMAP_TEST_DB).available);

    const std::string before = fileHash(ws_);
    const std::int64_t logBefore = count("SELECT count(*) FROM change_log");
    auto ws = Workspace::open(ws_);
    jinmap::data::UpgradeOptions options;
    options.dryRun = true;
    const auto dry = ws->upgrade(newRef_, options);
    EXPECT_FALSE(dry.written);
    EXPECT_EQ(fileHash(ws_), before) << "a dry run writes nothing";

    options.dryRun = false;
    options.reason = "2026 版";
    const auto r = ws->upgrade(newRef_, options);
    ASSERT_TRUE(r.written);
    EXPECT_EQ(r.fromVersion, dry.fromVersion);
    EXPECT_EQ(r.toVersion, "next-release");
    // The dry run said what the upgrade did.
    ASSERT_EQ(r.entries.size(), dry.entries.size());
    for (std::size_t i = 0; i < r.entries.size(); ++i) {
        EXPECT_EQ(r.entries[i].id, dry.entries[i].id);
        EXPECT_EQ(r.entries[i].kind, dry.entries[i].kind);
    }
    // added: the town and its provenance; changed: the figure; removed: the
    // town and its provenance row; conflicts: the level, the removed figure,
    // the dropped town with the planner's figure.
    EXPECT_EQ(r.added, 2);
    EXPECT_EQ(r.changed, 1);
    EXPECT_EQ(r.removed, 2);
    EXPECT_EQ(r.conflicts, 3);

    // A reference change where the planner had not edited: applied.
    EXPECT_EQ(one("SELECT value || '|' || value_text FROM town_facts WHERE fact_id = "
                  "'F-DT-HUANGHUA-03'"),
              "120.0|120");
    const auto* changed = find(r, "F-DT-HUANGHUA-03");
    ASSERT_NE(changed, nullptr);
    EXPECT_EQ(changed->kind, UpgradeEntry::Kind::Changed);
    ASSERT_EQ(changed->changes.size(), 2u);
    EXPECT_EQ(changed->changes[0].field, "value");
    EXPECT_EQ(changed->changes[0].before, "100");
    EXPECT_EQ(changed->changes[0].after, "120");
    // A new town: live, from the reference, with its provenance; read by readers.
    EXPECT_EQ(one("SELECT origin || '|' || deleted || '|' || sector_group FROM towns WHERE id = "
                  "'T-JZ-TAIGU-NEXT'"),
              "reference|0|铸造冶金");
    EXPECT_EQ(count("SELECT count(*) FROM provenance WHERE subject_id = 'T-JZ-TAIGU-NEXT' AND "
                    "deleted = 0"),
              1);
    EXPECT_FALSE(jinmap::GeoDatabase::open(ws_)->search("太谷精铸专业镇").empty());
    // A town the reference drops: kept in the table for history, hidden.
    EXPECT_EQ(one("SELECT deleted FROM towns WHERE id = 'T-CZ-LUCHENG-CARBON'"), "1");
    EXPECT_TRUE(jinmap::GeoDatabase::open(ws_)->search("潞城碳基材料专业镇").empty());

    // Both changed the level: the planner's stays, the conflict says both sides.
    EXPECT_EQ(one("SELECT level_detail FROM towns WHERE id = 'T-JZ-TAIGU-MALLEABLE'"), "省级示范");
    const auto* level = find(r, "T-JZ-TAIGU-MALLEABLE");
    ASSERT_NE(level, nullptr);
    EXPECT_EQ(level->kind, UpgradeEntry::Kind::Conflict);
    ASSERT_EQ(level->changes.size(), 1u);
    EXPECT_EQ(level->changes[0].field, "level_detail");
    EXPECT_EQ(level->changes[0].before, "省级特色");
    EXPECT_EQ(level->changes[0].after, "省级重点");
    EXPECT_EQ(level->planner.at("level_detail"), "省级示范");
    // The planner removed a figure the reference corrected: stays removed.
    const auto* removedByPlanner = find(r, "F-DT-HUANGHUA-02");
    ASSERT_NE(removedByPlanner, nullptr);
    EXPECT_EQ(removedByPlanner->kind, UpgradeEntry::Kind::Conflict);
    EXPECT_EQ(one("SELECT deleted FROM town_facts WHERE fact_id = 'F-DT-HUANGHUA-02'"), "1");
    // The reference drops a town the planner gave a figure: the town stays.
    const auto* dropped = find(r, "T-TY-JINYUAN-FLOWERS");
    ASSERT_NE(dropped, nullptr);
    EXPECT_EQ(dropped->kind, UpgradeEntry::Kind::Conflict);
    EXPECT_NE(dropped->note.find("F-U-0001"), std::string::npos) << dropped->note;
    EXPECT_EQ(one("SELECT deleted FROM towns WHERE id = 'T-TY-JINYUAN-FLOWERS'"), "0");

    // The conflicts stay listed for review (the viewer reads them later).
    const auto kept = ws->upgradeConflicts();
    ASSERT_EQ(kept.size(), 3u);
    const UpgradeEntry* keptLevel = nullptr;
    for (const auto& e : kept)
        if (e.id == "T-JZ-TAIGU-MALLEABLE") keptLevel = &e;
    ASSERT_NE(keptLevel, nullptr);
    EXPECT_EQ(keptLevel->note, level->note);
    ASSERT_EQ(keptLevel->changes.size(), 1u);
    EXPECT_EQ(keptLevel->changes[0].after, "省级重点");
    EXPECT_EQ(keptLevel->planner.at("level_detail"), "省级示范");

    // Nothing of the planner's lost.
    EXPECT_EQ(one("SELECT value FROM town_facts WHERE fact_id = 'F-JZ-TAIGU-MALLEABLE-02'"),
              "115.0");
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE origin = 'user' AND deleted = 0"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM town_facts WHERE origin = 'user' AND deleted = 0"), 1);

    // One change set, action upgrade; the workspace's reference version moved.
    EXPECT_EQ(count("SELECT count(*) FROM change_log") - logBefore, 5);
    EXPECT_EQ(count("SELECT count(DISTINCT batch) FROM change_log WHERE action = 'upgrade'"), 1);
    EXPECT_EQ(one("SELECT value FROM workspace_meta WHERE key = 'reference_data_version'"),
              "next-release");
    EXPECT_EQ(one("SELECT value FROM metadata WHERE key = 'data_version'"), "next-release");
    EXPECT_FALSE(jinmap::data::checkUpgrade(ws_, newRef_).available);

    // Twice: a no-op. Even forced (the version reset), nothing is changed again.
    const std::string after = fileHash(ws_);
    EXPECT_TRUE(ws->upgrade(newRef_, {}).upToDate);
    EXPECT_EQ(fileHash(ws_), after);
    ws->connection().exec(
        "UPDATE workspace_meta SET value = 'x' WHERE key = 'reference_data_version'");
    const auto again = ws->upgrade(newRef_, {});
    EXPECT_TRUE(again.entries.empty());
    EXPECT_EQ(count("SELECT count(*) FROM change_log") - logBefore, 5);

    // The upgrade's change set reverts as any other.
    ws->revert(r.batch > 0 ? count("SELECT min(rev) FROM change_log WHERE action = 'upgrade'") : 0,
               "undo");
    EXPECT_EQ(one("SELECT deleted FROM towns WHERE id = 'T-JZ-TAIGU-NEXT'"), "1");
    EXPECT_EQ(one("SELECT deleted FROM towns WHERE id = 'T-CZ-LUCHENG-CARBON'"), "0");
    // ... and with it the workspace's reference version, the merge bases and
    // the conflicts' listing: the upgrade is offered again and merges as the
    // first time.
    EXPECT_EQ(one("SELECT value FROM workspace_meta WHERE key = 'reference_data_version'"),
              r.fromVersion);
    EXPECT_TRUE(jinmap::data::checkUpgrade(ws_, newRef_).available);
    EXPECT_TRUE(ws->upgradeConflicts().empty());
    const auto retry = ws->upgrade(newRef_, options);
    EXPECT_EQ(retry.added, r.added);
    EXPECT_EQ(retry.changed, r.changed);
    EXPECT_EQ(retry.removed, r.removed);
    EXPECT_EQ(retry.conflicts, r.conflicts);
    EXPECT_EQ(one("SELECT deleted FROM towns WHERE id = 'T-JZ-TAIGU-NEXT'"), "0");
    EXPECT_EQ(ws->upgradeConflicts().size(), 3u);

    // Undo and redo (revert of the revert) move the version with the rows.
    const std::int64_t retryRev =
        count("SELECT min(rev) FROM change_log WHERE batch = " + std::to_string(retry.batch));
    ws->revert(retryRev, "undo");
    EXPECT_EQ(one("SELECT value FROM workspace_meta WHERE key = 'reference_data_version'"),
              r.fromVersion);
    EXPECT_TRUE(ws->upgradeConflicts().empty());
    ws->revert(count("SELECT max(rev) FROM change_log"), "redo");
    EXPECT_EQ(one("SELECT value FROM workspace_meta WHERE key = 'reference_data_version'"),
              "next-release");
    EXPECT_EQ(ws->upgradeConflicts().size(), 3u);
    EXPECT_EQ(one("SELECT deleted FROM towns WHERE id = 'T-JZ-TAIGU-NEXT'"), "0");
    EXPECT_FALSE(jinmap::data::checkUpgrade(ws_, newRef_).available);
}

TEST_F(Upgrade, TheCommandPrintsTheReportAndItsDryRunWritesNothing) {
    const std::string before = fileHash(ws_);
    auto r = cli("workspace upgrade --reference jinmap-next.sqlite --dry-run");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(fileHash(ws_), before);
    EXPECT_NE(r.out.find("reference data version"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("→ next-release (jinmap-next.sqlite)\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("conflict  town 太谷玛钢专业镇 (T-JZ-TAIGU-MALLEABLE)\n"
                         "          changed by both: the planner's row stays\n"
                         "          level_detail: reference 省级特色 → 省级重点, planner's "
                         "省级示范\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("added     town 太谷精铸专业镇 (T-JZ-TAIGU-NEXT)\n"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("removed   town 潞城碳基材料专业镇 (T-CZ-LUCHENG-CARBON)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("changed   figure T-DT-HUANGHUA · 产品种数 (F-DT-HUANGHUA-03)\n"
                         "          value: 100 → 120\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("dry run: 2 added, 1 changed, 2 removed, 3 conflict(s) (the planner's "
                         "rows kept; review them)\nnothing written (dry run)\n"),
              std::string::npos)
        << r.out;

    r = cli("workspace info --reference jinmap-next.sqlite");
    EXPECT_NE(r.out.find("installed reference      next-release differs"), std::string::npos)
        << r.out;
    r = cli("workspace upgrade --reference jinmap-next.sqlite");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("upgraded as change set "), std::string::npos) << r.out;
    r = cli("summary --county 太谷区");
    EXPECT_NE(r.out.find("■ 太谷精铸专业镇"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("省级（原文：省级示范）"), std::string::npos) << r.out;
    r = cli("workspace upgrade --reference jinmap-next.sqlite");
    EXPECT_EQ(r.out,
              "workspace ws.sqlite is on the reference's data version next-release already; "
              "nothing to do\n");
    r = cli("workspace upgrade --reference ws.sqlite");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("that is a workspace, not a reference"), std::string::npos) << r.out;
}

// A release that adds columns (to a town table and to a reference table):
// the workspace gains them and their values, the planner's edits stay.
TEST_F(Upgrade, ColumnsANewReferenceBringsArriveWithTheirValues) {
    {
        auto db = Database::open(newRef_, Database::Mode::ReadWrite);
        db.loadSpatialite();
        db.exec(
            "ALTER TABLE towns ADD COLUMN year_listed INTEGER;"
            "UPDATE towns SET year_listed = 2021 WHERE id IN ('T-JZ-TAIGU-TCMHEALTH', "
            "'T-JZ-TAIGU-MALLEABLE');"
            "ALTER TABLE counties ADD COLUMN note_zh TEXT;"
            "UPDATE counties SET note_zh = '测试' WHERE name = '太谷区';");
    }
    auto ws = Workspace::open(ws_);
    jinmap::data::UpgradeOptions options;
    options.dryRun = true;
    const auto dry = ws->upgrade(newRef_, options);
    EXPECT_EQ(count("SELECT count(*) FROM pragma_table_info('towns') WHERE name = 'year_listed'"),
              0)
        << "a dry run adds no column";
    options.dryRun = false;
    const auto r = ws->upgrade(newRef_, options);
    ASSERT_EQ(r.addedColumns.size(), 2u);
    EXPECT_EQ(r.addedColumns[0], "towns.year_listed");
    EXPECT_EQ(r.addedColumns[1], "counties.note_zh");
    EXPECT_EQ(dry.addedColumns, r.addedColumns);
    // The untouched town takes the value; the town the planner edited keeps
    // the planner's level and is listed, the new column's value offered.
    EXPECT_EQ(one("SELECT year_listed FROM towns WHERE id = 'T-JZ-TAIGU-TCMHEALTH'"), "2021");
    const UpgradeEntry* edited = find(r, "T-JZ-TAIGU-MALLEABLE");
    ASSERT_NE(edited, nullptr);
    EXPECT_EQ(edited->kind, UpgradeEntry::Kind::Conflict);
    EXPECT_EQ(one("SELECT level_detail FROM towns WHERE id = 'T-JZ-TAIGU-MALLEABLE'"), "省级示范");
    EXPECT_EQ(one("SELECT note_zh FROM counties WHERE name = '太谷区'"), "测试");
    EXPECT_NE(std::find(r.refreshedTables.begin(), r.refreshedTables.end(), "counties"),
              r.refreshedTables.end());
    // Readers see the new column through the workspace's live views too.
    EXPECT_EQ(jinmap::GeoDatabase::open(ws_)->database()->queryInt(
                  "SELECT year_listed FROM towns WHERE id = 'T-JZ-TAIGU-TCMHEALTH'"),
              2021);
}
