// The planner's workspace (issue 14): created from the reference, edited with
// the imports' validation, every change in the log, reverted; readers see
// live rows only; the reference never changes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QFile>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/error.h"
#include "base/sqlite.h"
#include "data/geodatabase.h"
#include "data/workspace.h"

namespace fs = std::filesystem;
using jinmap::Error;
using jinmap::ErrorKind;
using jinmap::GeoDatabase;
using jinmap::data::DiffEntry;
using jinmap::data::Fields;
using jinmap::data::ImportBatch;
using jinmap::data::Workspace;

namespace {

std::string fileHash(const std::string& path) {
    QFile f(QString::fromStdString(path));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex().toStdString();
}

class WorkspaceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        setenv("JINMAP_AUTHOR", "测试员", 1);
        dir_ = fs::temp_directory_path() /
               ("jinmap-ws-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        path_ = (dir_ / "ws.sqlite").string();
        Workspace::create(JINMAP_TEST_DB, path_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::permissions(path_, fs::perms::owner_all, ec);
        fs::remove_all(dir_, ec);
    }
    std::int64_t count(const std::string& sql) {
        auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly);
        return db.queryInt(sql);
    }
    // What a reader (summary, renderer, viewer) sees: GeoDatabase's connection.
    std::int64_t readerCount(const std::string& sql) {
        return GeoDatabase::open(path_)->database()->queryInt(sql);
    }
    static std::string message(const std::function<void()>& f) {
        try {
            f();
        } catch (const Error& e) {
            return e.message();
        }
        return "(no error)";
    }
    fs::path dir_;
    std::string path_;
};

Fields newTown() {
    return {{"name", "太谷测试专业镇"}, {"county", "太谷"},    {"city", "晋中市"},
            {"sector", "测试产品"},     {"level", "省级特色"}, {"source", "S001"},
            {"quote", "年产值130亿元"}};
}

}  // namespace

TEST_F(WorkspaceTest, InitCopiesTheReferenceAndAddsTheWorkspaceTables) {
    const std::string before = fileHash(JINMAP_TEST_DB);
    auto ws = Workspace::open(path_);
    EXPECT_EQ(ws->meta("schema_version"), "1");
    EXPECT_EQ(ws->meta("reference_data_version"), GeoDatabase::open(JINMAP_TEST_DB)->dataVersion());
    EXPECT_EQ(ws->meta("author"), "测试员");
    EXPECT_FALSE(ws->meta("created_at").empty());
    for (const auto& t : jinmap::data::editableTables()) {
        auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly);
        const auto cols = db.columns(t);
        for (const char* c : {"origin", "revision", "modified_by", "modified_at", "deleted"})
            EXPECT_NE(std::find(cols.begin(), cols.end(), c), cols.end()) << t << "." << c;
    }
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE origin = 'reference' AND revision = 0"),
              count("SELECT count(*) FROM towns"));
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0);
    EXPECT_EQ(
        count("SELECT count(*) FROM town_facts"),
        GeoDatabase::open(JINMAP_TEST_DB)->database()->queryInt("SELECT count(*) FROM town_facts"));
    EXPECT_EQ(fileHash(JINMAP_TEST_DB), before) << "the reference is never written";
    // A second init on the same file, or a workspace as the reference: refused.
    EXPECT_THROW(Workspace::create(JINMAP_TEST_DB, path_), Error);
    EXPECT_THROW(Workspace::create(path_, (dir_ / "b.sqlite").string()), Error);
    EXPECT_FALSE(fs::exists(dir_ / "b.sqlite"));
    // The reference itself is not a workspace.
    EXPECT_EQ(message([] { Workspace::open(JINMAP_TEST_DB); }).find("not a workspace"), 0u);
}

TEST_F(WorkspaceTest, AddedTownIsReadByEveryReaderWithItsSourceAndCountyPoint) {
    auto ws = Workspace::open(path_);
    const std::string id = ws->addTown(newTown(), "新一批");
    EXPECT_EQ(id, "T-U-0001");
    auto geo = GeoDatabase::open(path_);
    const auto hits = geo->search("太谷测试专业镇");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front().id, id);
    EXPECT_FALSE(hits.front().bounds.isEmpty()) << "a display point in its county";
    auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly);
    db.loadSpatialite();
    EXPECT_EQ(*db.queryString("SELECT location_precision || '|' || level || '|' || level_detail || "
                              "'|' || source_id || '|' || origin || '|' || revision || '|' || "
                              "modified_by FROM towns WHERE id = 'T-U-0001'"),
              "county|provincial|省级特色|S001|user|1|测试员");
    EXPECT_EQ(db.queryInt("SELECT Within(t.geometry, c.geometry) FROM towns t JOIN counties c ON "
                          "c.adcode = t.county_adcode WHERE t.id = 'T-U-0001'"),
              1);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM provenance WHERE subject_id = 'T-U-0001' AND "
                          "source_id = 'S001'"),
              1);
    EXPECT_EQ(db.queryInt("SELECT town_count FROM prefectures WHERE name = '晋中市'"),
              GeoDatabase::open(JINMAP_TEST_DB)
                      ->database()
                      ->queryInt("SELECT town_count FROM prefectures WHERE name = '晋中市'") +
                  1);
    EXPECT_EQ(
        readerCount("SELECT town_count FROM v_counties_thematic WHERE name = '太谷区'"),
        GeoDatabase::open(JINMAP_TEST_DB)
                ->database()
                ->queryInt("SELECT town_count FROM v_counties_thematic WHERE name = '太谷区'") +
            1);
}

TEST_F(WorkspaceTest, ANewTownsSectorFindsItsGroupAsTheReferencesTownsHaveIt) {
    auto ws = Workspace::open(path_);
    auto town = [&](const std::string& name, const std::string& sector) {
        Fields f = {{"name", name},
                    {"county", "太谷区"},
                    {"sector", sector},
                    {"level", "市级"},
                    {"source", "手工录入"}};
        return ws->addTown(f, "");
    };
    auto group = [&](const std::string& id) {
        return jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly)
            .queryString("SELECT sector_group FROM towns WHERE id = '" + id + "'")
            .value_or("(null)");
    };
    EXPECT_EQ(group(town("甲专业镇", "玻璃器皿")), "轻工消费品") << "as 祁县's glassware town";
    EXPECT_EQ(group(town("乙专业镇", "精密铸造件")), "铸造冶金") << "铸造, the longest word";
    EXPECT_EQ(group(town("丙专业镇", "量子通信")), "(null)") << "no group names it";
    const std::string id = town("丁专业镇", "小米");
    EXPECT_EQ(group(id), "特色农业食品");
    ws->updateTown(id, {{"sector", "石墨"}}, "");
    EXPECT_EQ(group(id), "新材料化工") << "the group follows a new sector";
    ws->updateTown(id, {{"sector_group", "装备制造"}}, "");
    ws->updateTown(id, {{"level", "省级"}}, "");
    EXPECT_EQ(group(id), "装备制造") << "a group the planner chose stays";
}

TEST_F(WorkspaceTest, TownsAreValidatedAsImportsAre) {
    auto ws = Workspace::open(path_);
    auto add = [&](Fields f) { return message([&] { ws->addTown(f, ""); }); };
    Fields f = newTown();
    f["county"] = "太古";
    f.erase("city");
    EXPECT_EQ(add(f), "unknown county '太古'; did you mean: 晋中市/太谷区, 临汾市/古县");
    f = newTown();
    f["level"] = "县级";
    EXPECT_EQ(add(f),
              "unknown level '县级' (expected 省级…, 市级…, provincial, municipal or unknown)");
    f = newTown();
    f["city"] = "大同市";
    EXPECT_EQ(add(f), "太谷区 is in 晋中市, not 大同市");
    f = newTown();
    f["quote"] = "这句话不在文中";
    EXPECT_EQ(add(f),
              "quote not found in 《以专业镇为核心 构建特色产业优势》 (S001): 这句话不在文中");
    f = newTown();
    f["source"] = "nowhere.txt";
    EXPECT_EQ(add(f).rfind("unknown source 'nowhere.txt'", 0), 0u);
    f = newTown();
    f["name"] = "太谷瑪鋼專業鎮";  // Traditional: the existing town
    EXPECT_EQ(
        add(f),
        "town 太谷玛钢专业镇 in 太谷区 exists already (T-JZ-TAIGU-MALLEABLE); use town update");
    f = newTown();
    f["lon"] = "112.0";
    f["lat"] = "40.0";
    EXPECT_EQ(add(f), "point 112,40 lies outside 太谷区");
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0) << "nothing written";
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE origin = 'user'"), 0);
}

TEST_F(WorkspaceTest, FiguresParseWanYiAndFullWidthDigitsAndCheckTheirQuote) {
    auto ws = Workspace::open(path_);
    const std::string id = ws->addFigure({{"town", "太谷瑪鋼專業鎮"},
                                          {"label", "年产值"},
                                          {"value", "１３０亿元"},
                                          {"year", "２０２３"},
                                          {"source", "以专业镇为核心 构建特色产业优势"},
                                          {"quote", "年产值130亿元"}},
                                         "");
    auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly);
    {
        auto q = db.prepare(
            "SELECT town_id, metric, value, unit, year, scope, source_id, char_offset FROM "
            "town_facts WHERE fact_id = ?1");
        q.bind(1, id);
        ASSERT_TRUE(q.step());
        EXPECT_EQ(q.columnText(0), "T-JZ-TAIGU-MALLEABLE");
        EXPECT_EQ(q.columnText(1), "output_value");
        EXPECT_DOUBLE_EQ(q.columnDouble(2), 130);
        EXPECT_EQ(q.columnText(3), "亿元");
        EXPECT_EQ(q.columnInt64(4), 2023);
        EXPECT_EQ(q.columnText(5), "town");
        EXPECT_EQ(q.columnText(6), "S001");
        EXPECT_GT(q.columnInt64(7), 0);
    }

    auto add = [&](Fields f) { return message([&] { ws->addFigure(f, ""); }); };
    EXPECT_EQ(add({{"town", "太谷玛钢专业镇"}, {"label", "出口额"}, {"value", "很多"}}),
              "value '很多' has no number");
    EXPECT_EQ(add({{"town", "太谷玛钢专业镇"},
                   {"label", "出口额"},
                   {"value", "9000万元"},
                   {"source", "S001"},
                   {"quote", "年产值130亿元"}}),
              "value '9000万元' does not occur in the quote");
    EXPECT_EQ(add({{"town", "太谷不锈钢镇"}, {"label", "产值"}, {"value", "1亿元"}}),
              "unknown town '太谷不锈钢镇'; did you mean: 太谷玛钢专业镇");
    EXPECT_EQ(add({{"town", "太谷玛钢专业镇"},
                   {"label", "产值"},
                   {"value", "1.5万"},
                   {"unit", "人"},
                   {"scope", "company"}}),
              "a company figure needs the company's name");
    // Entered by hand: no source, the author recorded.
    const std::string hand = ws->addFigure(
        {{"town", "太谷玛钢专业镇"}, {"label", "出口额"}, {"value", "9,000万元"}, {"year", "2025"}},
        "电话核实");
    EXPECT_EQ(*db.queryString("SELECT coalesce(source_id, 'NULL') || '|' || entered_by || '|' || "
                              "value || '|' || unit FROM town_facts WHERE fact_id = '" +
                              hand + "'"),
              "NULL|测试员|9000.0|万元");
}

TEST_F(WorkspaceTest, RemoveHidesFromReadersKeepsHistoryAndRevertRestores) {
    auto ws = Workspace::open(path_);
    const std::int64_t facts = readerCount("SELECT count(*) FROM town_facts");
    const std::int64_t taiguFacts =
        readerCount("SELECT count(*) FROM town_facts WHERE town_id = 'T-JZ-TAIGU-MALLEABLE'");
    ASSERT_GT(taiguFacts, 0);
    ws->removeTown("太谷玛钢专业镇", "撤销认定");
    EXPECT_TRUE(GeoDatabase::open(path_)->search("太谷玛钢专业镇").empty());
    EXPECT_EQ(readerCount("SELECT count(*) FROM town_facts"), facts - taiguFacts);
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE id = 'T-JZ-TAIGU-MALLEABLE' AND deleted = 1"),
              1)
        << "deletions are kept";
    const auto log = ws->history();
    ASSERT_GE(log.size(), static_cast<std::size_t>(1 + taiguFacts));
    EXPECT_EQ(log.front().action, "remove");
    EXPECT_EQ(log.front().author, "测试员");
    EXPECT_EQ(log.front().reason, "撤销认定");
    EXPECT_NE(log.front().beforeJson.find("\"name\":\"太谷玛钢专业镇\""), std::string::npos);
    const auto changes = log.front().changes();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].field, "deleted");
    EXPECT_EQ(changes[0].before, "0");
    EXPECT_EQ(changes[0].after, "1");

    ws->revert(log.back().rev, "误删");
    EXPECT_EQ(GeoDatabase::open(path_)->search("太谷玛钢专业镇").size(), 1u);
    EXPECT_EQ(readerCount("SELECT count(*) FROM town_facts"), facts);
    EXPECT_EQ(ws->history().back().action, "revert");
}

TEST_F(WorkspaceTest, RevertRefusesWhenALaterChangeTouchedTheRow) {
    auto ws = Workspace::open(path_);
    ws->updateTown("太谷玛钢专业镇", {{"sector", "玛钢、管件"}}, "a");
    const std::int64_t first = ws->history().back().rev;
    ws->updateTown("太谷玛钢专业镇", {{"sector", "玛钢、管件、阀门"}}, "b");
    const std::int64_t second = ws->history().back().rev;
    EXPECT_EQ(message([&] { ws->revert(first, ""); }),
              "rev " + std::to_string(first) +
                  " cannot be reverted: towns T-JZ-TAIGU-MALLEABLE was changed again by rev " +
                  std::to_string(second) + "; revert that first");
    ws->revert(second, "");
    ws->revert(first, "");
    EXPECT_EQ(*jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly)
                   .queryString("SELECT sector FROM towns WHERE id = 'T-JZ-TAIGU-MALLEABLE'"),
              "玛钢");
    EXPECT_EQ(message([&] { ws->revert(9999, ""); }), "no change with rev 9999");
}

// The viewer's undo takes the change set its own call wrote, even when
// another process committed one after it (the log's newest batch is theirs).
TEST_F(WorkspaceTest, LastBatchIsThisConnectionsChangeSetNotTheLogsNewest) {
    auto ws = Workspace::open(path_);
    EXPECT_EQ(ws->lastBatch(), 0);
    ws->updateTown("太谷玛钢专业镇", {{"sector", "玛钢、管件"}}, "mine");
    const std::int64_t mine = ws->lastBatch();
    EXPECT_EQ(mine, ws->history().back().batch);
    auto other = Workspace::open(path_);
    other->updateTown("太谷玛钢专业镇", {{"sector", "玛钢、管件、阀门"}}, "theirs");
    EXPECT_GT(other->lastBatch(), mine);
    EXPECT_EQ(ws->lastBatch(), mine) << "another connection's commit is not this one's";
    EXPECT_EQ(count("SELECT max(batch) FROM change_log"), other->lastBatch());
    // A failed edit leaves the last committed change set as it was.
    EXPECT_THROW(ws->updateTown("没有这个镇", {{"sector", "x"}}, ""), Error);
    EXPECT_EQ(ws->lastBatch(), mine);
    // A revert is a change set of its own.
    const std::int64_t reverted = ws->revert(other->history().back().rev, "undo");
    EXPECT_EQ(ws->lastBatch(), reverted);
    EXPECT_GT(reverted, other->lastBatch());
}

TEST_F(WorkspaceTest, MovedTownGoesBackToItsPointOnRevert) {
    auto ws = Workspace::open(path_);
    auto point = [&] {
        auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly);
        db.loadSpatialite();
        return *db.queryString(
            "SELECT X(geometry) || ',' || Y(geometry) || ',' || location_precision FROM towns "
            "WHERE id = 'T-JZ-TAIGU-MALLEABLE'");
    };
    const std::string before = point();
    auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly);
    db.loadSpatialite();
    const std::string inside = *db.queryString(
        "SELECT X(PointOnSurface(geometry)) || ' ' || Y(PointOnSurface(geometry)) FROM counties "
        "WHERE name = '太谷区'");
    const auto space = inside.find(' ');
    ws->updateTown("T-JZ-TAIGU-MALLEABLE",
                   {{"lon", inside.substr(0, space)}, {"lat", inside.substr(space + 1)}},
                   "placed on the map");
    EXPECT_NE(point(), before);
    EXPECT_NE(point().find(",user"), std::string::npos) << "placed by a user";
    ws->revert(ws->history().back().rev, "");
    EXPECT_EQ(point(), before);
}

TEST_F(WorkspaceTest, SourcesAddRegistersTextAndHtmlAndQuotesAreCheckedAgainstThem) {
    auto ws = Workspace::open(path_);
    const fs::path txt = dir_ / "2025年第二批专业镇名单.txt";
    std::ofstream(txt) << "\xEF\xBB\xBF关于公布第二批专业镇的通知\n清徐县醋产业专业镇，年产值达\n"
                          "５０亿元。\n";
    const auto doc = ws->addSource(
        txt.string(),
        {{"title", "第二批专业镇名单"}, {"publisher", "山西省工信厅"}, {"date", "2025-06-01"}}, "");
    EXPECT_EQ(doc.id, "U0001");
    EXPECT_EQ(doc.sha256.size(), 64u);
    // The line break inside the sentence is not part of the text.
    ws->addFigure({{"town", "太谷玛钢专业镇"},
                   {"label", "测试产值"},
                   {"value", "５０亿元"},
                   {"source", "第二批专业镇名单"},
                   {"quote", "年产值达５０亿元"}},
                  "");
    EXPECT_EQ(message([&] {
                  ws->addFigure({{"town", "太谷玛钢专业镇"},
                                 {"label", "测试产值2"},
                                 {"value", "60亿元"},
                                 {"source", "U0001"},
                                 {"quote", "年产值达60亿元"}},
                                "");
              }),
              "quote not found in 《第二批专业镇名单》 (U0001): 年产值达60亿元");
    EXPECT_EQ(message([&] {
                  ws->addSource(txt.string(), {{"title", "again"}}, "");
              }),
              "this document is registered already as U0001");

    const fs::path html = dir_ / "notice.html";
    std::ofstream(html)
        << "<html><head><title>通知 &amp; 名单</title><style>p{}</style></head>"
           "<body><p>灵石县</p><p>铸造专业镇共有企业<b>32</b>家。</p></body></html>";
    const auto page = ws->addSource(html.string(), {}, "");
    EXPECT_EQ(page.title, "通知 & 名单");
    ws->addFigure({{"town", "太谷玛钢专业镇"},
                   {"label", "测试企业数"},
                   {"value", "32家"},
                   {"source", page.id},
                   {"quote", "铸造专业镇共有企业32家"}},
                  "");
    const fs::path empty = dir_ / "empty.txt";
    std::ofstream(empty).close();
    EXPECT_EQ(message([&] {
                  ws->addSource(empty.string(), {{"title", "x"}}, "");
              }),
              "the document is empty");
    EXPECT_EQ(ws->sources().size(), 7u);
}

TEST_F(WorkspaceTest, ImportBatchDryRunDiffAndAllOrNothing) {
    auto ws = Workspace::open(path_);
    ImportBatch batch;
    batch.file = "batch.xlsx";
    batch.kind = ImportBatch::Kind::Towns;
    auto row = [&](int n, Fields f) { batch.rows.push_back({"batch.xlsx", n, std::move(f)}); };
    row(2, newTown());
    row(3, {{"name", "太谷玛钢专业镇"}, {"county", "太谷区"}, {"level", "省级重点"}});
    row(4, {{"name", "太谷瑪鋼專業鎮"}, {"county", "太谷"}, {"level", "省级重点"}});
    row(5, {{"name", "某某镇"}, {"county", "太古"}, {"level", "省级"}});
    std::vector<DiffEntry> seen;
    jinmap::data::ApplyOptions options;
    options.dryRun = true;
    options.onEntry = [&](const DiffEntry& e) { seen.push_back(e); };
    auto r = ws->apply(batch, options);
    EXPECT_FALSE(r.written);
    EXPECT_EQ(r.added, 1);
    EXPECT_EQ(r.changed, 1);
    EXPECT_EQ(r.unchanged, 1) << "row 4 sees row 3's change within the batch";
    EXPECT_EQ(r.rejected, 1);
    ASSERT_EQ(seen.size(), 4u);
    EXPECT_EQ(seen[1].kind, DiffEntry::Kind::Changed);
    ASSERT_EQ(seen[1].changes.size(), 1u);
    EXPECT_EQ(seen[1].changes[0].field, "level_detail");
    EXPECT_EQ(seen[1].changes[0].before, "省级特色");
    EXPECT_EQ(seen[1].changes[0].after, "省级重点");
    EXPECT_EQ(seen[3].reason,
              "batch.xlsx:5: unknown county '太古'; did you mean: 晋中市/太谷区, 临汾市/古县");
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0);

    options.dryRun = false;
    r = ws->apply(batch, options);
    EXPECT_FALSE(r.written) << "one rejected row rejects the file";
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE origin = 'user'"), 0);

    options.skipInvalid = true;
    r = ws->apply(batch, options);
    EXPECT_TRUE(r.written);
    EXPECT_EQ(count("SELECT count(*) FROM towns WHERE origin = 'user'"), 1);
    EXPECT_EQ(count("SELECT count(DISTINCT batch) FROM change_log"), 1) << "one import, one batch";
    EXPECT_EQ(count("SELECT count(*) FROM change_log WHERE action != 'import'"), 0);
}

TEST_F(WorkspaceTest, ReadOnlyOrLockedWorkspaceIsRefusedAndLeftAsItWas) {
    const std::string before = fileHash(path_);
    fs::permissions(path_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    EXPECT_EQ(message([&] { Workspace::open(path_); }),
              "the workspace is read-only (no write permission); nothing was changed");
    fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_write);
    // Another program is writing (holds the write lock), then committing.
    const std::string locked =
        "the workspace is locked by another program (an import or the viewer writing); "
        "nothing was changed, try again";
    auto other = jinmap::Database::open(path_, jinmap::Database::Mode::ReadWrite);
    other.exec("BEGIN IMMEDIATE");
    auto ws = Workspace::open(path_);
    EXPECT_EQ(message([&] { ws->addTown(newTown(), ""); }), locked);
    other.exec("ROLLBACK");
    ws.reset();
    other.exec("BEGIN EXCLUSIVE");
    EXPECT_EQ(message([&] { Workspace::open(path_); }), locked);
    other.exec("ROLLBACK");
    EXPECT_EQ(fileHash(path_), before);
}

TEST_F(WorkspaceTest, ReadersShadowOnlyTablesThatHoldDeletedRows) {
    const std::string temps = "SELECT count(*) FROM sqlite_temp_master WHERE type = 'view'";
    EXPECT_EQ(GeoDatabase::open(JINMAP_TEST_DB)
                  ->database()
                  ->queryInt("SELECT count(*) FROM sqlite_temp_master"),
              0);
    // A fresh workspace has nothing to hide: its readers open as the
    // reference's do, without temporary views.
    EXPECT_EQ(readerCount(temps), 0);
    EXPECT_EQ(count("SELECT count(*) FROM hidden_row_tables"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB "
                    "'tm[iud]_*'"),
              0)
        << "geometry_columns_time stamps are not kept in a workspace";
    const std::int64_t towns = readerCount("SELECT count(*) FROM towns");

    Workspace::open(path_)->removeTown("太谷玛钢专业镇", "撤销认定");
    {
        auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadOnly);
        EXPECT_EQ(db.queryString("SELECT group_concat(table_name, ',') FROM (SELECT table_name "
                                 "FROM hidden_row_tables ORDER BY 1)")
                      .value_or(""),
                  "provenance,town_facts,towns");
    }
    auto reader = GeoDatabase::open(path_);
    EXPECT_EQ(reader->database()->queryInt("SELECT count(*) FROM towns"), towns - 1);
    // towns, town_facts, provenance and the thematic view that counts towns.
    EXPECT_EQ(reader->database()->queryInt(temps), 4);

    // A workspace from before the tracking: its readers shadow every
    // editable table until a writer opens it and adds the tracking, with
    // the deletions it already holds.
    {
        auto db = jinmap::Database::open(path_, jinmap::Database::Mode::ReadWrite);
        db.exec("DROP TABLE hidden_row_tables");
        for (const char* t : {"towns", "town_facts", "provenance", "sources", "data_notes", "parks",
                              "projects", "platforms", "source_texts"})
            db.exec(std::string("DROP TRIGGER ") + t + "_hidden_insert; DROP TRIGGER " + t +
                    "_hidden_update");
    }
    EXPECT_EQ(readerCount(temps), 10);
    EXPECT_EQ(readerCount("SELECT count(*) FROM towns"), towns - 1);
    Workspace::open(path_);
    EXPECT_EQ(count("SELECT count(*) FROM hidden_row_tables"), 3);
    EXPECT_EQ(readerCount(temps), 4);
    EXPECT_EQ(readerCount("SELECT count(*) FROM towns"), towns - 1);
}
