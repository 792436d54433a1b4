#include "data/workspace.h"

#include <pwd.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <optional>
#include <regex>
#include <set>
#include <variant>

#include "base/error.h"
#include "base/numbers.h"
#include "base/sqlite.h"
#include "base/text.h"
#include "data/figure_value.h"
#include "data/geodatabase.h"

namespace fs = std::filesystem;

namespace jinmap::data {

const std::vector<std::string>& editableTables() {
    static const std::vector<std::string> tables = {"towns",      "town_facts", "data_notes",
                                                    "provenance", "sources",    "parks",
                                                    "projects",   "platforms",  "source_texts"};
    return tables;
}

const char* diffKindName(DiffEntry::Kind kind) noexcept {
    switch (kind) {
        case DiffEntry::Kind::Added:
            return "added";
        case DiffEntry::Kind::Changed:
            return "changed";
        case DiffEntry::Kind::Unchanged:
            return "unchanged";
        case DiffEntry::Kind::Rejected:
            return "rejected";
    }
    return "?";
}

std::string ImportError::text() const {
    return row > 0 ? file + ":" + std::to_string(row) + ": " + reason : file + ": " + reason;
}

const std::string& ImportRow::field(const std::string& key) const {
    static const std::string empty;
    auto it = fields.find(key);
    return it == fields.end() ? empty : it->second;
}

namespace {

// Columns that say how a row was kept rather than what it says.
bool isBookkeeping(const std::string& column) {
    return column == "revision" || column == "modified_by" || column == "modified_at" ||
           column == "origin";
}

const char* keyColumn(const std::string& table) {
    if (table == "town_facts") return "fact_id";
    if (table == "source_texts") return "source_id";
    return "id";
}

std::string utcNow() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string trim(const std::string& s) {
    const char* ws = " \t\r\n";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string::npos) return {};
    // Full-width space (U+3000) at either end as well.
    std::string out = s.substr(b, s.find_last_not_of(ws) - b + 1);
    while (out.rfind("\u3000", 0) == 0) out.erase(0, 3);
    while (out.size() >= 3 && out.compare(out.size() - 3, 3, "\u3000") == 0)
        out.erase(out.size() - 3);
    return out;
}

std::string toHex(const unsigned char* data, std::size_t size) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += hex[data[i] >> 4];
        out += hex[data[i] & 0xf];
    }
    return out;
}

std::vector<unsigned char> fromHex(std::string_view hex) {
    std::vector<unsigned char> out;
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c & ~0x20) - 'A' + 10; };
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<unsigned char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    return out;
}

// A row's values in column order, as JSON text for the change log (numbers
// through to_chars; blobs as {"blob":"HEX"}).
std::string rowToJson(const Query& q) {
    std::string out = "{";
    for (int i = 0; i < q.columnCount(); ++i) {
        if (i) out += ',';
        appendJsonString(out, q.columnName(i));
        out += ':';
        switch (q.columnKind(i)) {
            case 'i':
                out += std::to_string(q.columnInt64(i));
                break;
            case 'r':
                out += formatNumber(q.columnDouble(i), 17);
                break;
            case 't':
                appendJsonString(out, q.columnText(i));
                break;
            case 'b': {
                auto [data, size] = q.columnBlob(i);
                out += "{\"blob\":\"" + toHex(data, size) + "\"}";
                break;
            }
            default:
                out += "null";
        }
    }
    return out + "}";
}

std::string jsonValueText(const rapidjson::Value& v) {
    if (v.IsNull()) return {};
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    if (v.IsNumber()) return formatNumber(v.GetDouble());
    if (v.IsObject()) return "(geometry)";
    return {};
}

rapidjson::Document parseJson(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    if (d.HasParseError() || !d.IsObject())
        throw Error(ErrorKind::Database, "the change log holds a malformed row");
    return d;
}

// Two JSON rows say the same, whatever their bookkeeping (a row changed and
// reverted since is back where the change left it).
bool sameContent(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return a == b;
    const rapidjson::Document da = parseJson(a), db = parseJson(b);
    if (da.MemberCount() != db.MemberCount()) return false;
    for (auto m = da.MemberBegin(); m != da.MemberEnd(); ++m) {
        if (isBookkeeping(std::string(m->name.GetString(), m->name.GetStringLength()))) continue;
        if (!db.HasMember(m->name) || db[m->name] != m->value) return false;
    }
    return true;
}

// Close names for a "did you mean".
std::string closest(const std::string& query, const std::vector<std::string>& names) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    const std::string key = nameKey(query);
    for (const auto& n : names) {
        std::size_t d = editDistance(key, nameKey(n));
        if (nameKey(n).find(key) != std::string::npos || key.find(nameKey(n)) != std::string::npos)
            d = std::min<std::size_t>(d, 1);
        scored.emplace_back(d, n);
    }
    std::sort(scored.begin(), scored.end());
    std::string out;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) {
        if (scored[i].first > std::max<std::size_t>(2, codePointCount(key) / 2 + 1)) break;
        out += (out.empty() ? "" : ", ") + scored[i].second;
    }
    return out;
}

// Why a cell is not a year: a spreadsheet date (2025/01/01, or the serial
// number Excel stores, 45658) is the common case.
// Which year a problem is about: a whole template each, so that a
// translation is a sentence, not a sentence with an English word in it.
enum class YearField { Named, Figure };

Message yearProblem(YearField field, const std::string& text) {
    const bool named = field == YearField::Named;
    static const std::regex date(R"(\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?)");
    if (std::regex_match(text, date))
        return Message(named ? JINMAP_MESSAGE("core",
                                              "year named '%1' is a date, not a year (a "
                                              "date-formatted cell?); give the year, e.g. %2")
                             : JINMAP_MESSAGE("core",
                                              "year '%1' is a date, not a year (a "
                                              "date-formatted cell?); give the year, e.g. %2"),
                       {text, text.substr(0, 4)});
    const auto n = parseNumber(text);
    if (n && *n > 2100 && *n < 80000)
        return Message(named ? JINMAP_MESSAGE("core",
                                              "year named '%1' looks like a date stored as a "
                                              "number (a date-formatted cell); give the year")
                             : JINMAP_MESSAGE("core",
                                              "year '%1' looks like a date stored as a "
                                              "number (a date-formatted cell); give the year"),
                       {text});
    return Message(named ? JINMAP_MESSAGE("core", "year named '%1' is not a year")
                         : JINMAP_MESSAGE("core", "year '%1' is not a year"),
                   {text});
}

// An error of a lookup (a county's name) as a data error of the row, its
// translatable message kept.
Error asDataError(const Error& e) {
    return e.text().source ? Error(ErrorKind::Data, e.text()) : Error(ErrorKind::Data, e.message());
}

bool isHandEntry(const std::string& source) {
    const std::string s = trim(source);
    return s.empty() || s == "手工录入" || s == "手工" || s == "hand" || s == "entered by hand" ||
           s == "by hand";
}

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Row = std::map<std::string, Value>;

std::string valueText(const Value& v) {
    if (std::holds_alternative<std::int64_t>(v)) return std::to_string(std::get<std::int64_t>(v));
    if (std::holds_alternative<double>(v)) return formatNumber(std::get<double>(v));
    if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    return {};
}

Value textOrNull(const std::string& s) {
    if (s.empty()) return std::monostate{};
    return s;
}

void bindValue(Query& q, int index, const Value& v) {
    if (std::holds_alternative<std::int64_t>(v))
        q.bind(index, std::get<std::int64_t>(v));
    else if (std::holds_alternative<double>(v))
        q.bind(index, std::get<double>(v));
    else if (std::holds_alternative<std::string>(v))
        q.bind(index, std::get<std::string>(v));
    else
        q.bind(index, nullptr);
}

std::string quoteIdent(const std::string& name) {
    return "\"" + name + "\"";
}

}  // namespace

// The row helpers the upgrade (workspace_upgrade.cpp) shares with the edits.
namespace detail {
// Defined in workspace_upgrade.cpp.
void revertUpgradeState(Connection& c, std::int64_t batch, std::int64_t revertBatch);

std::string rowJson(const Query& q) {
    return rowToJson(q);
}
std::string nowUtc() {
    return utcNow();
}
const char* subjectKeyColumn(const std::string& table) {
    return keyColumn(table);
}
}  // namespace detail

// ---------------------------------------------------------------------------

struct Workspace::Impl {
    Connection& conn;
    std::string path;
    std::string author;
    std::shared_ptr<GeoDatabase> geo;  // county names (read-only, same file)
    std::int64_t batch = 0;            // the change set being written
    std::int64_t committedBatch = 0;   // the last change set this connection committed
    std::string now;
    std::map<std::string, std::string> sourceTexts;  // id → normalised text
    std::map<std::string, std::string> sourceTitles;
    std::map<std::string, std::vector<std::string>> tableColumns;
    struct TownKey {
        std::string id, key, county;
    };
    std::optional<std::vector<TownKey>> townIndex;  // live towns by name key
    std::map<std::string, long long> lastIds;       // prefix → highest number used
    std::unique_ptr<Transaction> importTx;          // an import under way
    ApplyOptions importOptions;
    ApplyResult importResult;

    Impl(Connection& c, std::string p) : conn(c), path(std::move(p)) {}

    // Prepared statements by their SQL, reused row after row (an import of
    // 10,000 rows would otherwise prepare each statement 10,000 times). Each
    // comes back reset; resetStatements() before a commit.
    std::map<std::string, std::unique_ptr<Query>> statements;
    Query* prep(const std::string& sql) {
        auto it = statements.find(sql);
        if (it == statements.end()) it = statements.emplace(sql, conn.prepare(sql)).first;
        it->second->reset();
        return it->second.get();
    }
    void resetStatements() {
        for (auto& [sql, q] : statements) q->reset();
    }

    GeoDatabase& geodb() {
        if (!geo) geo = GeoDatabase::open(path);
        return *geo;
    }

    const std::vector<std::string>& columns(const std::string& table) {
        auto it = tableColumns.find(table);
        if (it != tableColumns.end()) return it->second;
        Query* q = prep("SELECT name FROM pragma_table_info(?1)");
        q->bind(1, table);
        std::vector<std::string> cols;
        while (q->step()) cols.push_back(q->columnText(0));
        return tableColumns[table] = cols;
    }

    // ---- change log

    void beginBatch() {
        batch = conn.queryInt("SELECT coalesce(max(batch), 0) + 1 FROM change_log");
        lastIds.clear();
        townIndex.reset();
        now = utcNow();
    }

    std::optional<std::string> snapshot(const std::string& table, const std::string& id) {
        Query* q = prep("SELECT * FROM main." + quoteIdent(table) + " WHERE " + keyColumn(table) +
                        " = ?1");
        q->bind(1, id);
        if (!q->step()) return std::nullopt;
        return rowToJson(*q);
    }

    void log(const std::string& action, const std::string& table, const std::string& id,
             const std::optional<std::string>& before, const std::optional<std::string>& after,
             const std::string& reason) {
        Query* q = prep(
            "INSERT INTO change_log (author, at, reason, action, subject_table, subject_id, "
            "before_json, after_json, batch) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
        q->bind(1, author).bind(2, now).bindTextOrNull(3, reason).bind(4, action);
        q->bind(5, table).bind(6, id);
        if (before)
            q->bind(7, *before);
        else
            q->bind(7, nullptr);
        if (after)
            q->bind(8, *after);
        else
            q->bind(8, nullptr);
        q->bind(9, batch);
        q->run();
    }

    // Inserts a user row (origin user, revision 1) and logs it.
    void insertRow(const std::string& action, const std::string& table, const Row& row,
                   const std::string& reason) {
        std::string cols, params;
        int n = 0;
        for (const auto& [c, v] : row) {
            cols += (n ? "," : "") + quoteIdent(c);
            params += (n ? ",?" : "?") + std::to_string(n + 1);
            ++n;
        }
        cols += ",origin,revision,modified_by,modified_at,deleted";
        params += ",'user',1,?" + std::to_string(n + 1) + ",?" + std::to_string(n + 2) + ",0";
        Query* q = prep("INSERT INTO main." + quoteIdent(table) + " (" + cols + ") VALUES (" +
                        params + ")");
        int i = 1;
        for (const auto& [c, v] : row) bindValue(*q, i++, v);
        q->bind(n + 1, author).bind(n + 2, now);
        q->run();
        if (table == "towns") townIndex.reset();
        const std::string id = valueText(row.at(keyColumn(table)));
        log(action, table, id, std::nullopt, snapshot(table, id), reason);
    }

    // Updates the given columns of a row (revision + 1) and logs before/after.
    void updateRow(const std::string& action, const std::string& table, const std::string& id,
                   const Row& row, const std::string& reason, const std::string& geometrySql = {},
                   const std::vector<Value>& geometryParams = {}) {
        const auto before = snapshot(table, id);
        if (!before) throw Error(ErrorKind::NotFound, "no " + table + " row " + id);
        std::string set;
        int n = 0;
        for (const auto& [c, v] : row) {
            set += (n ? "," : "") + quoteIdent(c) + "=?" + std::to_string(n + 1);
            ++n;
        }
        const int authorIndex = n + 1, atIndex = n + 2, idIndex = n + 3;
        set += std::string(n ? "," : "") + "revision=revision+1,modified_by=?" +
               std::to_string(authorIndex) + ",modified_at=?" + std::to_string(atIndex);
        if (!geometrySql.empty()) set += ",geometry=" + geometrySql;
        Query* q = prep("UPDATE main." + quoteIdent(table) + " SET " + set + " WHERE " +
                        keyColumn(table) + "=?" + std::to_string(idIndex));
        int i = 1;
        for (const auto& [c, v] : row) bindValue(*q, i++, v);
        q->bind(authorIndex, author).bind(atIndex, now).bind(idIndex, id);
        if (table == "towns") townIndex.reset();
        for (std::size_t k = 0; k < geometryParams.size(); ++k)
            bindValue(*q, idIndex + 1 + static_cast<int>(k), geometryParams[k]);
        q->run();
        log(action, table, id, before, snapshot(table, id), reason);
    }

    void refreshTownCounts() {
        conn.exec(
            "UPDATE main.prefectures SET town_count = (SELECT count(*) FROM main.towns t "
            "WHERE t.prefecture = prefectures.name AND t.deleted = 0)");
    }

    // ---- sources and quotes

    void loadSources() {
        if (!sourceTexts.empty()) return;
        Query* q = prep(
            "SELECT s.id, coalesce(s.title, s.file), t.text FROM main.sources s JOIN "
            "main.source_texts t ON t.source_id = s.id WHERE s.deleted = 0");
        while (q->step()) {
            sourceTexts[q->columnText(0)] = q->columnText(2);
            sourceTitles[q->columnText(0)] = q->columnText(1);
        }
    }

    std::string resolveSource(const std::string& given) {
        loadSources();
        std::string s = trim(given);
        if (sourceTexts.count(s)) return s;
        Query* q = prep(
            "SELECT id, file, coalesce(title, '') FROM main.sources WHERE deleted = 0 ORDER BY id");
        while (q->step()) {
            std::string id = q->columnText(0);
            const std::string file = q->columnText(1), title = q->columnText(2);
            if (file == s || fs::path(file).filename().string() == s || title == s ||
                (!title.empty() && nameKey(title) == nameKey(s)) || "《" + title + "》" == s)
                return id;
        }
        throw Error(ErrorKind::Data,
                    Message(JINMAP_MESSAGE("core",
                                           "unknown source '%1' (give a source id, file "
                                           "name or title; register a new document with "
                                           "jinmap sources add FILE)"),
                            {s}));
    }

    struct Sourced {
        Value sourceId;
        Value quote;
        Value charOffset;
        Value enteredBy;
    };

    Sourced checkSource(const std::string& source, const std::string& quoteGiven) {
        Sourced out;
        // A quote is verbatim text without the line breaks of its source.
        std::string quote;
        for (const char c : trim(quoteGiven))
            if (c != '\n' && c != '\r') quote += c;
        if (isHandEntry(source)) {
            out.enteredBy = author;
            out.quote = textOrNull(quote);
            return out;
        }
        const std::string id = resolveSource(source);
        if (quote.empty())
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core",
                                               "no quote from source %1 (give the "
                                               "sentence, or mark the row 手工录入)"),
                                {id}));
        const auto offset = findCodePointOffset(sourceTexts.at(id), quote);
        if (!offset)
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core", "quote not found in 《%1》 (%2): %3"),
                                {sourceTitles.at(id), id, quote}));
        out.sourceId = id;
        out.quote = quote;
        out.charOffset = static_cast<std::int64_t>(*offset);
        return out;
    }

    // ---- towns

    struct TownPlan {
        Row row;               // towns columns (without the key when updating)
        std::string pointSql;  // geometry expression
        std::vector<Value> pointParams;
        std::string countyName;
    };

    Fields townFields(const std::string& id) {
        Query* q = prep(
            "SELECT name_as_written, county_adcode, prefecture, coalesce(sector,''), "
            "coalesce(sector_group,''), level, coalesce(level_detail,''), coalesce(source_id,''), "
            "coalesce(quote,''), location_precision, X(geometry), Y(geometry), "
            "coalesce(year_named,'') FROM main.towns WHERE id = ?1 AND deleted = 0");
        q->bind(1, id);
        if (!q->step())
            throw Error(ErrorKind::NotFound, Message(JINMAP_MESSAGE("core", "no town %1"), {id}));
        Fields f;
        f["name"] = q->columnText(0);
        f["county"] = q->columnText(1);
        f["city"] = q->columnText(2);
        f["sector"] = q->columnText(3);
        f["sector_group"] = q->columnText(4);
        f["level"] = q->columnText(5);
        f["level_detail"] = q->columnText(6);
        f["source"] = q->columnText(7).empty() ? "手工录入" : q->columnText(7);
        f["quote"] = q->columnText(8);
        f["location_precision"] = q->columnText(9);
        if (q->columnText(9) == "user") {
            f["lon"] = formatNumber(q->columnDouble(10), 17);
            f["lat"] = formatNumber(q->columnDouble(11), 17);
        }
        f["year_named"] = q->columnText(12);
        return f;
    }

    static std::pair<std::string, std::string> parseLevel(const std::string& given) {
        const std::string s = trim(given);
        if (s == "provincial" || s == "municipal" || s == "unknown") return {s, ""};
        if (s.rfind("省级", 0) == 0) return {"provincial", s == "省级" ? "" : s};
        if (s.rfind("市级", 0) == 0) return {"municipal", s == "市级" ? "" : s};
        if (s == "未知" || s == "不详") return {"unknown", ""};
        if (s.empty())
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core",
                                               "no level (the cell is empty; give 省级, "
                                               "市级, provincial or municipal)"),
                                {}));
        throw Error(ErrorKind::Data,
                    Message(JINMAP_MESSAGE("core",
                                           "unknown level '%1' (expected 省级…, 市级…, "
                                           "provincial, municipal or unknown)"),
                            {s}));
    }

    // The sector group of a sector as the reference's towns have it (the
    // legend and the themes colour towns by group): a live town with the same
    // sector, else the longest known sector word or group keyword (铸造 in
    // 精密铸造件) naming one group. Empty when nothing names one.
    std::string groupForSector(const std::string& sector) {
        if (sector.empty()) return {};
        {
            Query* q = prep(
                "SELECT DISTINCT sector_group FROM main.towns WHERE sector = ?1 AND deleted = 0 "
                "AND sector_group IS NOT NULL");
            q->bind(1, sector);
            std::set<std::string> groups;
            while (q->step()) groups.insert(q->columnText(0));
            if (groups.size() == 1) return *groups.begin();
        }
        std::map<std::string, std::set<std::string>> keywords;  // word → groups
        auto addWords = [&](const std::string& text, const std::string& group) {
            std::string word;
            auto flush = [&] {
                if (codePointCount(word) >= 2) keywords[word].insert(group);
                word.clear();
            };
            for (std::size_t i = 0; i < text.size();) {
                const unsigned char c = static_cast<unsigned char>(text[i]);
                const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
                const std::string ch = text.substr(i, len);
                static const std::set<std::string> separators = {
                    "、", "，", ",", "（", "）", "(", ")", "“", "”", "等", " ", "/", "；"};
                if (separators.count(ch))
                    flush();
                else
                    word += ch;
                i += len;
            }
            flush();
        };
        {
            Query* q = prep("SELECT sector_group, coalesce(description, '') FROM sector_groups");
            while (q->step()) {
                addWords(q->columnText(0), q->columnText(0));
                addWords(q->columnText(1), q->columnText(0));
            }
            Query* t = prep(
                "SELECT sector, sector_group FROM main.towns WHERE deleted = 0 AND sector IS NOT "
                "NULL AND sector_group IS NOT NULL");
            while (t->step()) addWords(t->columnText(0), t->columnText(1));
        }
        std::size_t bestLength = 0;
        std::set<std::string> best;
        for (const auto& [word, groups] : keywords) {
            if (sector.find(word) == std::string::npos) continue;
            if (word.size() > bestLength) {
                bestLength = word.size();
                best = groups;
            } else if (word.size() == bestLength) {
                best.insert(groups.begin(), groups.end());
            }
        }
        return best.size() == 1 ? *best.begin() : std::string();
    }

    TownPlan planTown(const Fields& f, const std::string& selfId) {
        auto get = [&](const char* k) {
            auto it = f.find(k);
            return it == f.end() ? std::string() : trim(it->second);
        };
        TownPlan plan;
        const std::string name = get("name");
        if (name.empty())
            throw Error(ErrorKind::Data, Message(JINMAP_MESSAGE("core", "no town name"), {}));
        std::string countyQuery = get("county");
        if (countyQuery.empty())
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core", "no county for town %1"), {name}));
        const std::string city = get("city");
        CountyRef county;
        try {
            const bool isCode = countyQuery.find_first_not_of("0123456789") == std::string::npos;
            county = geodb().resolveCounty(!city.empty() && !isCode &&
                                                   countyQuery.find('/') == std::string::npos
                                               ? city + "/" + countyQuery
                                               : countyQuery);
        } catch (const Error& e) {
            // The city may itself be the mistake: try the county alone.
            if (!city.empty()) {
                try {
                    county = geodb().resolveCounty(countyQuery);
                } catch (const Error&) {
                    throw asDataError(e);
                }
                throw Error(ErrorKind::Data, Message(JINMAP_MESSAGE("core", "%1 is in %2, not %3"),
                                                     {county.name, county.prefecture, city}));
            }
            throw asDataError(e);
        }
        auto [level, levelDetail] = parseLevel(get("level"));
        if (!get("level_detail").empty()) levelDetail = get("level_detail");
        std::string group = get("sector_group");
        if (group.empty()) group = groupForSector(get("sector"));
        if (!group.empty()) {
            Query* q = prep("SELECT 1 FROM sector_groups WHERE sector_group = ?1");
            q->bind(1, group);
            if (!q->step())
                throw Error(ErrorKind::Data,
                            Message(JINMAP_MESSAGE("core", "unknown sector group '%1'"), {group}));
        }
        const std::string yearText = get("year_named");
        Value year;
        if (!yearText.empty()) {
            const auto y = parseFigureYear(yearText);
            if (!y) throw Error(ErrorKind::Data, yearProblem(YearField::Named, yearText));
            year = static_cast<std::int64_t>(*y);
        }
        const Sourced src = checkSource(get("source"), get("quote"));

        const std::string simplified = toSimplified(name);
        plan.countyName = county.name;
        plan.row["name"] = simplified;
        plan.row["name_as_written"] = name;
        plan.row["prefecture"] = county.prefecture;
        plan.row["prefecture_adcode"] = county.prefectureAdcode;
        plan.row["county_adcode"] = county.adcode;
        plan.row["county"] = county.name;
        plan.row["sector"] = textOrNull(get("sector"));
        plan.row["sector_group"] = textOrNull(group);
        plan.row["level"] = level;
        plan.row["level_detail"] = textOrNull(levelDetail);
        plan.row["source_id"] = src.sourceId;
        plan.row["quote"] = src.quote;
        plan.row["entered_by"] = src.enteredBy;
        plan.row["year_named"] = year;

        const std::string lonText = get("lon"), latText = get("lat");
        if (!lonText.empty() || !latText.empty()) {
            const auto lon = parseNumber(asciiDigits(lonText));
            const auto lat = parseNumber(asciiDigits(latText));
            if (!lon || !lat)
                throw Error(
                    ErrorKind::Data,
                    Message(JINMAP_MESSAGE("core", "a point needs both lon and lat numbers"), {}));
            Query* q = prep(
                "SELECT Within(MakePoint(?1, ?2, 4326), geometry) FROM "
                "main.counties WHERE adcode = ?3");
            q->bind(1, *lon).bind(2, *lat).bind(3, county.adcode);
            if (!q->step() || q->columnInt64(0) != 1)
                throw Error(ErrorKind::Data,
                            Message(JINMAP_MESSAGE("core", "point %1,%2 lies outside %3"),
                                    {formatNumber(*lon), formatNumber(*lat), county.name}));
            plan.row["location_precision"] = std::string("user");
            plan.pointSql = conn.pointSql(1, 2);
            plan.pointParams = {*lon, *lat};
        } else {
            plan.row["location_precision"] = std::string("county");
            placeInCounty(plan, county.adcode, selfId);
        }
        return plan;
    }

    // A display position at the county's label point, or on a small ring
    // around it when the county already shows towns (as the builder spreads them).
    void placeInCounty(TownPlan& plan, const std::string& adcode, const std::string& selfId) {
        Query* q = prep("SELECT label_x, label_y FROM main.counties WHERE adcode = ?1");
        q->bind(1, adcode);
        if (!q->step() || q->isNull(0)) return;
        const double x = q->columnDouble(0), y = q->columnDouble(1);
        Query* others = prep(
            "SELECT count(*) FROM main.towns WHERE county_adcode = ?1 AND deleted = 0 AND id != "
            "?2");
        others->bind(1, adcode).bind(2, selfId);
        others->step();
        const std::int64_t k = others->columnInt64(0);
        double px = x, py = y;
        if (k > 0) {
            for (const double radius : {0.04, 0.02, 0.01}) {
                const double angle = M_PI / 2 + 0.9 * static_cast<double>(k);
                px = x + radius * std::cos(angle) / std::cos(y * M_PI / 180);
                py = y + radius * std::sin(angle);
                Query* in = prep(
                    "SELECT Within(MakePoint(?1, ?2, 4326), geometry) FROM "
                    "main.counties WHERE adcode = ?3");
                in->bind(1, px).bind(2, py).bind(3, adcode);
                if (in->step() && in->columnInt64(0) == 1) break;
                px = x;
                py = y;
            }
        }
        plan.pointSql = conn.pointSql(1, 2);
        plan.pointParams = {px, py};
    }

    // A live town by id, or by name (Simplified/Traditional) and county.
    std::optional<std::string> findTown(const std::string& nameOrId,
                                        const std::string& countyAdcode) {
        {
            Query* q = prep("SELECT id FROM main.towns WHERE id = ?1 AND deleted = 0");
            q->bind(1, nameOrId);
            if (q->step()) return q->columnText(0);
        }
        const std::string key = nameKey(nameOrId);
        if (!townIndex) {
            townIndex.emplace();
            Query* q = prep(
                "SELECT id, name, coalesce(county_adcode, '') FROM main.towns WHERE deleted = 0");
            while (q->step())
                townIndex->push_back(
                    {q->columnText(0), nameKey(q->columnText(1)), q->columnText(2)});
        }
        std::vector<std::string> hits;
        for (const auto& t : *townIndex) {
            if (!countyAdcode.empty() && t.county != countyAdcode) continue;
            if (t.key == key) hits.push_back(t.id);
        }
        if (hits.size() > 1)
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE(
                                    "core", "town name '%1' is ambiguous; give its id or county"),
                                {nameOrId}));
        if (hits.empty()) return std::nullopt;
        return hits.front();
    }

    std::vector<std::string> townNames() {
        Query* q = prep("SELECT name FROM main.towns WHERE deleted = 0");
        std::vector<std::string> out;
        while (q->step()) out.push_back(q->columnText(0));
        return out;
    }

    std::string requireTown(const std::string& nameOrId, const std::string& county = {}) {
        std::string adcode;
        if (!county.empty()) adcode = geodb().resolveCounty(county).adcode;
        if (auto id = findTown(nameOrId, adcode)) return *id;
        const std::string near = closest(nameOrId, townNames());
        if (near.empty())
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core", "unknown town '%1'"), {nameOrId}));
        throw Error(ErrorKind::Data,
                    Message(JINMAP_MESSAGE("core", "unknown town '%1'; did you mean: %2"),
                            {nameOrId, near}));
    }

    std::string nextId(const std::string& table, const std::string& column,
                       const std::string& prefix) {
        auto known = lastIds.find(prefix);
        if (known == lastIds.end()) {
            Query* q =
                prep("SELECT " + column + " FROM main." + table + " WHERE " + column + " LIKE ?1");
            q->bind(1, prefix + "%");
            long long best = 0;
            while (q->step()) {
                const auto n = parseInteger(q->columnText(0).substr(prefix.size()));
                if (n && *n > best) best = *n;
            }
            known = lastIds.emplace(prefix, best).first;
        }
        const long long next = ++known->second;
        std::string digits = std::to_string(next);
        while (digits.size() < 4) digits.insert(0, "0");
        return prefix + digits;
    }

    // Compares planned columns with the current row: the fields that differ.
    std::vector<FieldChange> differences(const std::string& table, const std::string& id,
                                         const Row& row, const std::vector<Value>& point) {
        std::vector<FieldChange> out;
        std::string cols;
        for (const auto& [c, v] : row) cols += (cols.empty() ? "" : ",") + quoteIdent(c);
        if (!point.empty()) cols += ",X(geometry),Y(geometry)";
        Query* q = prep("SELECT " + cols + " FROM main." + quoteIdent(table) + " WHERE " +
                        keyColumn(table) + " = ?1");
        q->bind(1, id);
        if (!q->step()) return out;
        int i = 0;
        for (const auto& [c, v] : row) {
            std::string current;
            if (q->columnKind(i) == 'r')
                current = formatNumber(q->columnDouble(i));
            else if (!q->isNull(i))
                current = q->columnText(i);
            const std::string planned = valueText(v);
            if (current != planned && c != "entered_by") out.push_back({c, current, planned});
            ++i;
        }
        if (!point.empty()) {
            const double x = q->columnDouble(i), y = q->columnDouble(i + 1);
            const double px = std::get<double>(point[0]), py = std::get<double>(point[1]);
            if (std::abs(x - px) > 1e-9 || std::abs(y - py) > 1e-9)
                out.push_back({"geometry", formatNumber(x, 8) + "," + formatNumber(y, 8),
                               formatNumber(px, 8) + "," + formatNumber(py, 8)});
        }
        return out;
    }

    void writeTownProvenance(const std::string& action, const std::string& townId, const Row& row,
                             const std::string& reason) {
        if (std::holds_alternative<std::monostate>(row.at("source_id"))) return;
        Row p;
        p["id"] = conn.queryInt("SELECT coalesce(max(id), 0) + 1 FROM main.provenance");
        p["subject_table"] = std::string("towns");
        p["subject_id"] = townId;
        p["field"] = std::string();
        p["source_id"] = row.at("source_id");
        p["quote"] = row.at("quote");
        p["char_offset"] = static_cast<std::int64_t>(
            findCodePointOffset(sourceTexts.at(valueText(row.at("source_id"))),
                                valueText(row.at("quote")))
                .value_or(0));
        insertRow(action, "provenance", p, reason);
    }

    // A row read back from a GeoPackage export: when every exported column
    // ("column:NAME" fields) equals the live row's, it is unchanged as it is.
    bool sameAsStored(const std::string& table, const Fields& f) {
        const char* key = keyColumn(table);
        auto id = f.find(key);
        if (id == f.end()) return false;
        std::string cols;
        std::vector<std::string> expected;
        for (const auto& [k, v] : f) {
            if (k.rfind("column:", 0) != 0) continue;
            cols += (cols.empty() ? "" : ",") +
                    ("coalesce(CAST(" + quoteIdent(k.substr(7)) + " AS TEXT), '')");
            expected.push_back(v);
        }
        if (cols.empty()) return false;
        Query* q = prep("SELECT " + cols + " FROM main." + quoteIdent(table) + " WHERE " + key +
                        " = ?1 AND deleted = 0");
        q->bind(1, id->second);
        if (!q->step()) return false;
        for (std::size_t i = 0; i < expected.size(); ++i)
            if (q->columnText(static_cast<int>(i)) != expected[i]) return false;
        return true;
    }

    // Adds or updates one town; returns its id and what changed.
    std::pair<std::string, DiffEntry> putTown(const Fields& f, const std::string& action,
                                              const std::string& reason, bool mustBeNew,
                                              bool mustExist, const std::string& existingId) {
        DiffEntry entry;
        std::string id = existingId;
        if (id.empty() && sameAsStored("towns", f)) {
            entry.kind = DiffEntry::Kind::Unchanged;
            entry.subject = "town " + f.at("id");
            return {f.at("id"), entry};
        }
        TownPlan plan;
        if (id.empty()) {
            plan = planTown(f, id);
            if (auto found =
                    findTown(valueText(plan.row["name"]), valueText(plan.row["county_adcode"])))
                id = *found;
            if (!id.empty() && !mustBeNew) plan = planTown(overlay(townFields(id), f, true), id);
        } else {
            plan = planTown(overlay(townFields(id), f, false), id);
        }
        entry.subject = "town " + valueText(plan.row["name"]) + " (" + plan.countyName + ")";
        if (!id.empty() && mustBeNew)
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE(
                                    "core", "town %1 in %2 exists already (%3); use town update"),
                                {valueText(plan.row["name"]), plan.countyName, id}));
        if (id.empty() && mustExist)
            throw Error(ErrorKind::NotFound, Message(JINMAP_MESSAGE("core", "no such town"), {}));
        if (id.empty()) {
            id = nextId("towns", "id", "T-U-");
            plan.row["id"] = id;
            entry.kind = DiffEntry::Kind::Added;
            insertRow(action, "towns", plan.row, reason);
            fixInsertedPoint(id, plan);
            writeTownProvenance(action, id, plan.row, reason);
        } else {
            // Keep the current point when the place did not change.
            std::vector<Value> point = plan.pointParams;
            const bool sameCounty =
                townFields(id)["county"] == valueText(plan.row["county_adcode"]);
            if (sameCounty && valueText(plan.row["location_precision"]) == "county") point.clear();
            entry.changes = differences("towns", id, plan.row, point);
            if (entry.changes.empty()) {
                entry.kind = DiffEntry::Kind::Unchanged;
            } else {
                entry.kind = DiffEntry::Kind::Changed;
                if (point.empty())
                    updateRow(action, "towns", id, plan.row, reason);
                else
                    updateRow(action, "towns", id, plan.row, reason,
                              "MakePoint(?" + std::to_string(plan.row.size() + 4) + ",?" +
                                  std::to_string(plan.row.size() + 5) + ",4326)",
                              point);
            }
        }
        return {id, entry};
    }

    void fixInsertedPoint(const std::string& id, const TownPlan& plan) {
        // insertRow cannot bind the geometry's parameters; set the point now
        // (within the same change) and refresh the logged row.
        if (plan.pointParams.empty()) return;
        Query* q = prep("UPDATE main.towns SET geometry = MakePoint(?1, ?2, 4326) WHERE id = ?3");
        bindValue(*q, 1, plan.pointParams[0]);
        bindValue(*q, 2, plan.pointParams[1]);
        q->bind(3, id);
        q->run();
        Query* log = prep(
            "UPDATE change_log SET after_json = ?1 WHERE rev = (SELECT max(rev) FROM change_log)");
        log->bind(1, *snapshot("towns", id));
        log->run();
    }

    void removeTownRows(const std::string& id, const std::string& reason) {
        Row gone;
        gone["deleted"] = std::int64_t{1};
        updateRow("remove", "towns", id, gone, reason);
        std::vector<std::string> facts, prov;
        {
            Query* q =
                prep("SELECT fact_id FROM main.town_facts WHERE town_id = ?1 AND deleted = 0");
            q->bind(1, id);
            while (q->step()) facts.push_back(q->columnText(0));
            Query* p = prep(
                "SELECT id FROM main.provenance WHERE subject_table = 'towns' AND subject_id = ?1 "
                "AND deleted = 0");
            p->bind(1, id);
            while (p->step()) prov.push_back(p->columnText(0));
        }
        for (const auto& f : facts) updateRow("remove", "town_facts", f, gone, reason);
        for (const auto& p : prov) updateRow("remove", "provenance", p, gone, reason);
    }

    // The current fields with the given ones on top. From an import only
    // non-empty cells count (a sheet without a column keeps what is there).
    static Fields overlay(Fields current, const Fields& given, bool nonEmptyOnly) {
        const std::string oldSector = current.count("sector") ? current["sector"] : std::string();
        for (const auto& [k, v] : given) {
            // The same name in other characters (Traditional) names the town; it
            // does not rewrite how its document wrote it.
            if (k == "name" && current.count("name") && nameKey(v) == nameKey(current["name"]))
                continue;
            if (!nonEmptyOnly || !trim(v).empty()) current[k] = v;
        }
        auto has = [&](const char* k) {
            auto it = given.find(k);
            return it != given.end() && (!nonEmptyOnly || !trim(it->second).empty());
        };
        // A new county without a new point: placed again in that county; a
        // county named without its city: the county's own city.
        if (has("county") && !has("lon")) {
            current.erase("lon");
            current.erase("lat");
        }
        if (has("county") && !has("city")) current.erase("city");
        if (has("level") && !has("level_detail")) current.erase("level_detail");
        // A new sector without its group: the group follows the sector.
        if (has("sector") && !has("sector_group") && trim(given.at("sector")) != oldSector)
            current.erase("sector_group");
        if (has("source") && !has("quote")) current.erase("quote");
        return current;
    }

    // ---- figures

    struct FigurePlan {
        Row row;
        std::string townId, townName;
    };

    Fields figureFields(const std::string& factId) {
        Query* q = prep(
            "SELECT town_id, label, value_text, coalesce(unit,''), coalesce(year,''), scope, "
            "coalesce(company,''), coalesce(source_id,''), coalesce(quote,''), metric FROM "
            "main.town_facts WHERE fact_id = ?1 AND deleted = 0");
        q->bind(1, factId);
        if (!q->step())
            throw Error(ErrorKind::NotFound,
                        Message(JINMAP_MESSAGE("core", "no figure %1"), {factId}));
        Fields f;
        f["town"] = q->columnText(0);
        f["label"] = q->columnText(1);
        f["value"] = q->columnText(2);
        f["unit"] = q->columnText(3);
        f["year"] = q->columnText(4);
        f["scope"] = q->columnText(5);
        f["company"] = q->columnText(6);
        f["source"] = q->columnText(7).empty() ? "手工录入" : q->columnText(7);
        f["quote"] = q->columnText(8);
        f["metric"] = q->columnText(9);
        return f;
    }

    std::pair<std::string, std::string> metricFor(const std::string& label,
                                                  const std::string& given) {
        Query* q = prep(
            "SELECT metric, coalesce(label_zh,''), coalesce(label_en,'') FROM "
            "main.metrics ORDER BY length(label_zh) DESC");
        std::pair<std::string, std::string> best{"other", label};
        std::size_t bestLen = 0;
        while (q->step()) {
            const std::string metric = q->columnText(0), zh = q->columnText(1);
            if (metric == given) return {metric, q->columnText(2)};
            // 产值 in "2023年产值", 企业数 in "企业数": the longest label part found.
            std::size_t start = 0;
            while (start <= zh.size()) {
                const auto end = std::min(zh.find('/', start), zh.size());
                const std::string part = zh.substr(start, end - start);
                if (part.size() > bestLen && label.find(part) != std::string::npos) {
                    best = {metric, q->columnText(2)};
                    bestLen = part.size();
                }
                start = end + 1;
            }
        }
        if (!given.empty() && best.first != given)
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core", "unknown metric '%1'"), {given}));
        return best;
    }

    static Fields overlayFigure(Fields current, const Fields& given, bool nonEmptyOnly) {
        const bool newLabel = given.count("label") && !trim(given.at("label")).empty();
        current = overlay(std::move(current), given, nonEmptyOnly);
        if (newLabel && !given.count("metric")) current.erase("metric");
        // A value with its own unit (140亿元) replaces the unit; a bare number keeps it.
        auto value = given.find("value");
        if (value != given.end() && !given.count("unit") && !trim(value->second).empty()) {
            try {
                if (!parseFigureValue(value->second, "").unit.empty()) current.erase("unit");
            } catch (const Error&) {  // NOLINT(bugprone-empty-catch): planFigure reports it
            }
        }
        return current;
    }

    FigurePlan planFigure(const Fields& f) {
        auto get = [&](const char* k) {
            auto it = f.find(k);
            return it == f.end() ? std::string() : trim(it->second);
        };
        FigurePlan plan;
        const std::string town = get("town");
        if (town.empty())
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core", "no town for the figure"), {}));
        plan.townId = requireTown(town, get("county"));
        {
            Query* name = prep("SELECT name FROM main.towns WHERE id = ?1");
            name->bind(1, plan.townId);
            plan.townName = name->step() ? name->columnText(0) : plan.townId;
        }
        const std::string label = get("label");
        if (label.empty())
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core", "no label (what the figure measures)"), {}));
        const std::string valueText = get("value");
        if (valueText.empty())
            throw Error(ErrorKind::Data, Message(JINMAP_MESSAGE("core", "no value"), {}));
        const FigureValue v = parseFigureValue(valueText, get("unit"));
        if (!v.number)
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE("core", "value '%1' has no number"), {valueText}));
        Value year;
        if (!get("year").empty()) {
            const auto y = parseFigureYear(get("year"));
            if (!y) throw Error(ErrorKind::Data, yearProblem(YearField::Figure, get("year")));
            year = static_cast<std::int64_t>(*y);
        }
        std::string scope = get("scope");
        static const std::map<std::string, std::string> scopes = {
            {"", "town"},         {"town", "town"}, {"镇", "town"},       {"专业镇", "town"},
            {"county", "county"}, {"县", "county"}, {"县区", "county"},   {"company", "company"},
            {"企业", "company"},  {"city", "city"}, {"市", "city"},       {"province", "province"},
            {"省", "province"},   {"本镇", "town"}, {"全镇", "town"},     {"本县", "county"},
            {"全县", "county"},   {"全市", "city"}, {"全省", "province"},
        };
        auto sc = scopes.find(scope);
        if (sc == scopes.end())
            throw Error(ErrorKind::Data, Message(JINMAP_MESSAGE("core",
                                                                "unknown scope '%1' (town, county, "
                                                                "company, city or province)"),
                                                 {scope}));
        scope = sc->second;
        const std::string company = get("company");
        if (scope == "company" && company.empty())
            throw Error(
                ErrorKind::Data,
                Message(JINMAP_MESSAGE("core", "a company figure needs the company's name"), {}));
        if (scope != "company" && !company.empty())
            throw Error(
                ErrorKind::Data,
                Message(JINMAP_MESSAGE("core", "a company is named but the scope is %1"), {scope}));
        const Sourced src = checkSource(get("source"), get("quote"));
        // value_text as the quote writes it; entered by hand, in ASCII digits.
        std::string asWritten = asciiDigits(valueText);
        if (!std::holds_alternative<std::monostate>(src.sourceId)) {
            const std::string quote = std::get<std::string>(src.quote);
            if (quote.find(valueText) != std::string::npos)
                asWritten = valueText;
            else if (quote.find(asWritten) == std::string::npos)
                throw Error(
                    ErrorKind::Data,
                    Message(JINMAP_MESSAGE("core", "value '%1' does not occur in the quote"),
                            {valueText}));
        }
        const auto [metric, labelEn] = metricFor(label, get("metric"));
        plan.row["town_id"] = plan.townId;
        plan.row["metric"] = metric;
        plan.row["label"] = label;
        plan.row["label_en"] = labelEn;
        plan.row["value"] = *v.number;
        plan.row["value_text"] = asWritten;
        plan.row["unit"] = textOrNull(v.unit);
        plan.row["year"] = year;
        plan.row["scope"] = scope;
        plan.row["company"] = textOrNull(company);
        plan.row["source_id"] = src.sourceId;
        plan.row["quote"] = src.quote;
        plan.row["char_offset"] = src.charOffset;
        plan.row["entered_by"] = src.enteredBy;
        return plan;
    }

    std::optional<std::string> findFigure(const FigurePlan& plan) {
        Query* q = prep(
            "SELECT fact_id FROM main.town_facts WHERE town_id = ?1 AND label = ?2 AND "
            "coalesce(year, -1) = coalesce(?3, -1) AND coalesce(company, '') = ?4 AND deleted = 0");
        q->bind(1, plan.townId).bind(2, valueText(plan.row.at("label")));
        bindValue(*q, 3, plan.row.at("year"));
        q->bind(4, valueText(plan.row.at("company")));
        if (q->step()) return q->columnText(0);
        return std::nullopt;
    }

    std::pair<std::string, DiffEntry> putFigure(const Fields& f, const std::string& action,
                                                const std::string& reason, bool mustBeNew,
                                                const std::string& existingId) {
        DiffEntry entry;
        std::string id = existingId;
        if (id.empty() && sameAsStored("town_facts", f)) {
            entry.kind = DiffEntry::Kind::Unchanged;
            entry.subject = "figure " + f.at("fact_id");
            return {f.at("fact_id"), entry};
        }
        FigurePlan plan;
        if (id.empty()) {
            plan = planFigure(f);
            if (auto found = findFigure(plan)) id = *found;
            if (!id.empty() && !mustBeNew)
                plan = planFigure(overlayFigure(figureFields(id), f, true));
        } else {
            plan = planFigure(overlayFigure(figureFields(id), f, false));
        }
        const std::string yearText = valueText(plan.row.at("year"));
        entry.subject = "figure " + plan.townName + " · " + valueText(plan.row.at("label")) +
                        (yearText.empty() ? "" : " (" + yearText + ")");
        if (!id.empty() && mustBeNew)
            throw Error(ErrorKind::Data,
                        Message(JINMAP_MESSAGE(
                                    "core", "that figure exists already (%1); use figure update"),
                                {id}));
        if (id.empty()) {
            id = nextId("town_facts", "fact_id", "F-U-");
            plan.row["fact_id"] = id;
            entry.kind = DiffEntry::Kind::Added;
            insertRow(action, "town_facts", plan.row, reason);
        } else {
            entry.changes = differences("town_facts", id, plan.row, {});
            if (entry.changes.empty()) {
                entry.kind = DiffEntry::Kind::Unchanged;
            } else {
                entry.kind = DiffEntry::Kind::Changed;
                updateRow(action, "town_facts", id, plan.row, reason);
            }
        }
        return {id, entry};
    }

    // ---- restore (revert)

    void restore(const std::string& table, const std::string& id, const std::string& json,
                 const std::string& reason) {
        const rapidjson::Document d = parseJson(json);
        Row row;
        std::vector<unsigned char> blob;
        std::string blobColumn;
        for (auto m = d.MemberBegin(); m != d.MemberEnd(); ++m) {
            const std::string c(m->name.GetString(), m->name.GetStringLength());
            if (isBookkeeping(c) || c == keyColumn(table)) continue;
            if (table == "town_facts" && c == "id") continue;
            const auto& v = m->value;
            if (v.IsObject() && v.HasMember("blob")) {
                blob = fromHex(v["blob"].GetString());
                blobColumn = c;
            } else if (v.IsNull()) {
                row[c] = std::monostate{};
            } else if (v.IsString()) {
                row[c] = std::string(v.GetString(), v.GetStringLength());
            } else if (v.IsInt64()) {
                row[c] = v.GetInt64();
            } else if (v.IsNumber()) {
                row[c] = v.GetDouble();
            }
        }
        updateRow("revert", table, id, row, reason);
        if (!blobColumn.empty()) {
            Query* q = prep("UPDATE main." + quoteIdent(table) + " SET " + quoteIdent(blobColumn) +
                            " = ?1 WHERE " + keyColumn(table) + " = ?2");
            q->bindBlob(1, blob.data(), blob.size()).bind(2, id);
            q->run();
            Query* log = prep(
                "UPDATE change_log SET after_json = ?1 WHERE rev = (SELECT "
                "max(rev) FROM change_log)");
            log->bind(1, *snapshot(table, id));
            log->run();
        }
    }
};

// ---------------------------------------------------------------------------
// Creating and opening

namespace {

// SQLite's "database is locked" / "readonly database" as a planner reads it.
[[noreturn]] void rethrowLocked(const Error& e, const std::string& path) {
    const std::string& m = e.message();
    if (m.find("locked") != std::string::npos || m.find("busy") != std::string::npos)
        throw Error(ErrorKind::Io,
                    Message(JINMAP_MESSAGE("core",
                                           "the workspace is locked by another program (an "
                                           "import or the viewer writing); nothing was "
                                           "changed, try again"),
                            {}),
                    path);
    if (m.find("readonly") != std::string::npos || m.find("read-only") != std::string::npos)
        throw Error(
            ErrorKind::Io,
            Message(JINMAP_MESSAGE("core", "the workspace is read-only; nothing was changed"), {}),
            path);
    // SQLITE_FULL: the file system filled (its journal put the file back).
    if (m.find("disk is full") != std::string::npos)
        throw Error(ErrorKind::Io,
                    Message(JINMAP_MESSAGE("core",
                                           "磁盘已满（disk full）: the workspace could not be "
                                           "written and is as it was before; nothing was "
                                           "changed (free some space and try again)"),
                            {}),
                    path);
    throw e;
}

// Where a column definition goes in a CREATE TABLE statement: after the last
// column, i.e. before the first table constraint or the closing parenthesis.
std::optional<std::size_t> columnInsertPoint(std::string_view sql) {
    static const char* const constraints[] = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK",
                                              "FOREIGN"};
    int depth = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char ch = sql[i];
        if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
            const auto end = sql.find(ch == '[' ? ']' : ch, i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            i = end;  // a doubled quote reopens and closes at once
        } else if (ch == '(') {
            ++depth;
        } else if (ch == ')') {
            if (--depth == 0) return i;
        } else if (ch == ',' && depth == 1) {
            std::size_t j = i + 1;
            while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
            std::string word;
            while (j < sql.size() && std::isalpha(static_cast<unsigned char>(sql[j])))
                word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[j++])));
            for (const char* c : constraints)
                if (word == c) return i;
        }
    }
    return std::nullopt;
}

// The workspace's columns (and town_facts' relaxed NOT NULLs: a figure
// entered by hand has no source or quote; its entered_by says who) written
// into the tables' CREATE statements in one schema edit. One ALTER TABLE per
// column re-parsed the whole schema (SpatiaLite's ~140 triggers) twice per
// column, ~75 % of `workspace init` and of a PostGIS replica's first pull.
// Appending columns with constant defaults and dropping NOT NULL are the
// edits SQLite documents as safe under writable_schema: stored rows stay
// valid as they are (a missing trailing field reads as its default).
void addWorkspaceColumns(Connection& c) {
    const std::string bookkeeping =
        ", origin TEXT NOT NULL DEFAULT 'reference' CHECK (origin IN ('reference','user')), "
        "revision INTEGER NOT NULL DEFAULT 0, modified_by TEXT, modified_at TEXT, deleted "
        "INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))";
    std::vector<std::pair<std::string, std::string>> edits;
    for (const auto& t : editableTables()) {
        auto q = c.prepare("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1");
        q->bind(1, t);
        if (!q->step()) continue;
        std::string sql = q->columnText(0);
        std::string added = bookkeeping;
        if (t == "towns") added += ", entered_by TEXT, year_named INTEGER";
        if (t == "town_facts") {
            added += ", entered_by TEXT";
            for (const char* col : {"source_id TEXT", "quote TEXT", "char_offset INTEGER"}) {
                const std::string from = std::string(col) + " NOT NULL";
                const auto at = sql.find(from);
                if (at == std::string::npos)
                    throw Error(
                        ErrorKind::Schema,
                        "the reference's town_facts table is not as expected (" + from + ")");
                sql.replace(at, from.size(), col);
            }
        }
        const auto point = columnInsertPoint(sql);
        if (!point)
            throw Error(ErrorKind::Schema, "cannot read the reference's CREATE TABLE of " + t);
        sql.insert(*point, added);
        edits.emplace_back(t, std::move(sql));
    }
    const std::int64_t version = c.queryInt("PRAGMA main.schema_version");
    c.exec("PRAGMA writable_schema = ON");
    for (const auto& [table, sql] : edits) {
        auto u =
            c.prepare("UPDATE main.sqlite_master SET sql = ?1 WHERE type = 'table' AND name = ?2");
        u->bind(1, sql).bind(2, table);
        u->run();
    }
    // A new schema version makes SQLite read the edited statements back.
    c.exec("PRAGMA main.schema_version = " + std::to_string(version + 1));
    c.exec("PRAGMA writable_schema = OFF");
    c.exec("CREATE INDEX IF NOT EXISTS town_facts_town ON town_facts(town_id)");
}

// Readers hide deleted rows behind temporary views, and a temporary view
// costs every reading connection time when it opens (issue 14: opening a
// workspace costs no more than opening the reference). So the file keeps the
// names of the tables that have ever held a deleted row, maintained by
// triggers whatever writes (an edit, an upgrade, a replica's refresh), and
// readers shadow only those.
void trackHiddenRows(Connection& c) {
    c.exec("CREATE TABLE IF NOT EXISTS hidden_row_tables (table_name TEXT PRIMARY KEY)");
    for (const auto& t : editableTables()) {
        if (!c.hasTable(t)) continue;
        const std::string q = quoteIdent(t);
        std::string mark = " BEGIN INSERT OR IGNORE INTO hidden_row_tables VALUES ('";
        mark.append(t).append("'); END;");
        std::string sql = "CREATE TRIGGER IF NOT EXISTS ";
        sql.append(quoteIdent(t + "_hidden_insert")).append(" AFTER INSERT ON ").append(q);
        sql.append(" WHEN NEW.deleted <> 0").append(mark);
        sql.append("CREATE TRIGGER IF NOT EXISTS ").append(quoteIdent(t + "_hidden_update"));
        sql.append(" AFTER UPDATE OF deleted ON ").append(q);
        sql.append(" WHEN NEW.deleted <> 0").append(mark);
        sql.append("INSERT OR IGNORE INTO hidden_row_tables SELECT '").append(t);
        sql.append("' WHERE EXISTS (SELECT 1 FROM main.").append(q).append(" WHERE deleted <> 0)");
        c.exec(sql);
    }
}

// SpatiaLite's tm[iud]_<table>_<column> triggers stamp geometry_columns_time
// on every write. Nothing reads those stamps (a workspace's changes are in
// change_log), yet every connection parses the triggers when it opens (~12 %
// of the schema's parse) and every edit writes them: a workspace drops them.
void dropWriteStampTriggers(Connection& c) {
    std::vector<std::string> names;
    {
        auto q = c.prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'trigger' AND name GLOB "
            "'tm[iud]_*' AND sql LIKE '%geometry_columns_time%'");
        while (q->step()) names.push_back(q->columnText(0));
    }
    for (const auto& n : names) c.exec("DROP TRIGGER " + quoteIdent(n));
}

}  // namespace

Workspace::Workspace() = default;
Workspace::~Workspace() = default;

std::string Workspace::defaultPath() {
    std::string dir;
    if (const char* env = std::getenv("XDG_DATA_HOME"); env && *env)
        dir = env;
    else if (const char* home = std::getenv("HOME"); home && *home)
        dir = std::string(home) + "/.local/share";
    else
        dir = ".";
    return dir + "/jinmap/workspace.sqlite";
}

std::string Workspace::currentAuthor() {
    if (const char* env = std::getenv("JINMAP_AUTHOR"); env && *env) return env;
    const QSettings settings(QSettings::IniFormat, QSettings::UserScope, "jinmap", "jinmap");
    const QString configured = settings.value("author").toString().trimmed();
    if (!configured.isEmpty()) return configured.toStdString();
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) return pw->pw_name;
    return "unknown";
}

bool Workspace::isWorkspace(const std::string& path) {
    auto db = Database::tryOpen(path, Database::Mode::ReadOnly);
    return db && db->hasTable("workspace_meta");
}

void Workspace::create(const std::string& reference, const std::string& target) {
    std::error_code ec;
    if (fs::exists(target, ec))
        throw Error(ErrorKind::Io, "a file exists there already; choose another name", target);
    if (Workspace::isWorkspace(reference))
        throw Error(ErrorKind::Usage, "that is a workspace, not the reference", reference);
    // Checks that the reference is one (schema contract) before copying it.
    const std::string dataVersion = GeoDatabase::open(reference)->dataVersion();
    const fs::path dir = fs::path(target).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    const fs::path temp = fs::path(target).concat(".partial-" + std::to_string(::getpid()));
    struct Cleanup {
        fs::path path;
        bool keep = false;
        ~Cleanup() {
            std::error_code e;
            if (!keep) fs::remove(path, e);
        }
    } cleanup{temp};
    fs::copy_file(reference, temp, fs::copy_options::overwrite_existing, ec);
    if (ec) throw Error(ErrorKind::Io, "cannot write the workspace: " + ec.message(), target);
    fs::permissions(temp,
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                        fs::perms::others_read,
                    ec);
    {
        auto conn = openStore(temp.string(), StoreMode::ReadWrite);
        Transaction tx(*conn);
        addWorkspaceColumns(*conn);
        conn->exec(
            "CREATE TABLE change_log (rev INTEGER PRIMARY KEY AUTOINCREMENT, author TEXT NOT NULL, "
            "at TEXT NOT NULL, reason TEXT, action TEXT NOT NULL CHECK (action IN "
            "('add','update','remove','import','revert','upgrade')), subject_table TEXT NOT NULL, "
            "subject_id TEXT NOT NULL, before_json TEXT, after_json TEXT, batch INTEGER NOT NULL)");
        conn->exec("CREATE INDEX change_log_batch ON change_log(batch)");
        conn->exec("CREATE INDEX change_log_subject ON change_log(subject_table, subject_id)");
        conn->exec("CREATE INDEX town_facts_label ON town_facts(town_id, label)");
        conn->exec("CREATE TABLE workspace_meta (key TEXT PRIMARY KEY, value TEXT)");
        trackHiddenRows(*conn);
        dropWriteStampTriggers(*conn);
        conn->exec(
            "INSERT OR IGNORE INTO metrics (metric, label_zh, label_en) VALUES ('other', '其他', "
            "'Other')");
        auto meta = conn->prepare("INSERT INTO workspace_meta (key, value) VALUES (?1, ?2)");
        const std::pair<std::string, std::string> rows[] = {
            {"schema_version", std::to_string(kWorkspaceSchemaVersion)},
            {"reference_data_version", dataVersion},
            {"created_at", utcNow()},
            {"author", currentAuthor()},
        };
        for (const auto& [k, v] : rows) {
            meta->bind(1, k).bind(2, v);
            meta->run();
        }
        if (!conn->hasTable("source_texts"))
            throw Error(ErrorKind::Schema,
                        "the reference has no source_texts table (rebuild it with this release)",
                        reference);
        tx.commit();
    }
    fs::rename(temp, target, ec);
    if (ec) throw Error(ErrorKind::Io, "cannot write the workspace: " + ec.message(), target);
    cleanup.keep = true;
}

std::unique_ptr<Workspace> Workspace::open(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(ErrorKind::Io, "no workspace here (create one with jinmap workspace init)",
                    path);
    // No write bit at all counts as read-only even for root (whom access() lets write).
    struct stat st {};
    const bool noWriteBits =
        ::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
    if (noWriteBits || ::access(path.c_str(), W_OK) != 0)
        throw Error(ErrorKind::Io,
                    "the workspace is read-only (no write permission); nothing "
                    "was changed",
                    path);
    const fs::path dir =
        fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
    if (::access(dir.c_str(), W_OK) != 0)
        throw Error(ErrorKind::Io,
                    "the workspace's folder is read-only (SQLite needs it for its journal); "
                    "nothing was changed",
                    path);
    std::unique_ptr<Workspace> ws(new Workspace());
    ws->path_ = path;
    try {
        ws->connection_ = openStore(path, StoreMode::ReadWrite);
        ws->connection_->hasTable("workspace_meta");
    } catch (const Error& e) {
        rethrowLocked(e, path);
    }
    if (!ws->connection_->hasTable("workspace_meta"))
        throw Error(ErrorKind::Schema,
                    "not a workspace (the reference is read-only; create a workspace with "
                    "jinmap workspace init)",
                    path);
    // Each imported row runs in a savepoint: its statement journal in memory
    // (one row's pages), and a page cache big enough that a long import does
    // not spill half-written pages to the file before it commits.
    ws->connection_->exec("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536");
    // A workspace made before the hidden-row tracking gets it on its first
    // open for writing; until then its readers shadow every editable table.
    if (!ws->connection_->hasTable("hidden_row_tables")) {
        try {
            Transaction tx(*ws->connection_);
            trackHiddenRows(*ws->connection_);
            dropWriteStampTriggers(*ws->connection_);
            tx.commit();
        } catch (const Error& e) {
            rethrowLocked(e, path);
        }
    }
    ws->impl_ = std::make_unique<Impl>(*ws->connection_, path);
    ws->impl_->author = currentAuthor();
    return ws;
}

std::string Workspace::meta(const std::string& key) {
    auto q = connection_->prepare("SELECT value FROM workspace_meta WHERE key = ?1");
    q->bind(1, key);
    return q->step() ? q->columnText(0) : std::string();
}

namespace {

// BEGIN IMMEDIATE waits for another writer up to the busy timeout; then
// says so plainly.
std::unique_ptr<Transaction> beginWrite(Connection& c, const std::string& path) {
    try {
        return std::make_unique<Transaction>(c);
    } catch (const Error& e) {
        rethrowLocked(e, path);
    }
}

}  // namespace

namespace detail {
std::unique_ptr<Transaction> beginWorkspaceWrite(Connection& c, const std::string& path) {
    return beginWrite(c, path);
}
void commitWorkspaceWrite(std::unique_ptr<Transaction>& tx, const std::string& path) {
    try {
        tx->commit();
    } catch (const Error& e) {
        tx.reset();  // rolls back
        rethrowLocked(e, path);
    }
}
}  // namespace detail

// ---------------------------------------------------------------------------
// Edits

std::string Workspace::addTown(const Fields& fields, const std::string& reason) {
    auto tx = beginWrite(*connection_, path_);
    impl_->beginBatch();
    auto [id, entry] = impl_->putTown(fields, "add", reason, true, false, {});
    impl_->refreshTownCounts();
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
    return id;
}

void Workspace::updateTown(const std::string& town, const Fields& fields,
                           const std::string& reason) {
    auto tx = beginWrite(*connection_, path_);
    impl_->beginBatch();
    const std::string id = impl_->requireTown(town);
    auto [done, entry] = impl_->putTown(fields, "update", reason, false, true, id);
    if (entry.kind == DiffEntry::Kind::Unchanged)
        throw Error(
            ErrorKind::Usage,
            Message(JINMAP_MESSAGE("core", "nothing to change: town %1 has those values"), {id}));
    impl_->refreshTownCounts();
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
}

void Workspace::removeTown(const std::string& town, const std::string& reason) {
    auto tx = beginWrite(*connection_, path_);
    impl_->beginBatch();
    const std::string id = impl_->requireTown(town);
    impl_->removeTownRows(id, reason);
    impl_->refreshTownCounts();
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
}

std::string Workspace::addFigure(const Fields& fields, const std::string& reason) {
    auto tx = beginWrite(*connection_, path_);
    impl_->beginBatch();
    auto [id, entry] = impl_->putFigure(fields, "add", reason, true, {});
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
    return id;
}

void Workspace::updateFigure(const std::string& factId, const Fields& fields,
                             const std::string& reason) {
    auto tx = beginWrite(*connection_, path_);
    impl_->beginBatch();
    impl_->figureFields(factId);  // throws NotFound
    auto [id, entry] = impl_->putFigure(fields, "update", reason, false, factId);
    if (entry.kind == DiffEntry::Kind::Unchanged)
        throw Error(ErrorKind::Usage,
                    Message(JINMAP_MESSAGE("core", "nothing to change: figure %1 has those values"),
                            {factId}));
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
}

void Workspace::removeFigure(const std::string& factId, const std::string& reason) {
    auto tx = beginWrite(*connection_, path_);
    impl_->beginBatch();
    impl_->figureFields(factId);
    Row gone;
    gone["deleted"] = std::int64_t{1};
    impl_->updateRow("remove", "town_facts", factId, gone, reason);
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
}

// ---------------------------------------------------------------------------
// Imports

ApplyResult Workspace::apply(const ImportBatch& batch, const ApplyOptions& options) {
    beginImport(options);
    importChunk(batch);
    return finishImport();
}

void Workspace::beginImport(const ApplyOptions& options) {
    if (impl_->importTx) throw Error(ErrorKind::Usage, "an import is already under way");
    impl_->importTx = beginWrite(*connection_, path_);
    impl_->importOptions = options;
    impl_->importResult = ApplyResult{};
    impl_->beginBatch();
}

void Workspace::importChunk(const ImportBatch& batch) {
    if (!impl_->importTx) throw Error(ErrorKind::Usage, "no import under way");
    const ApplyOptions& options = impl_->importOptions;
    ApplyResult& result = impl_->importResult;
    auto report = [&](const DiffEntry& e) {
        if (options.onEntry) options.onEntry(e);
    };
    for (const auto& err : batch.rejected) {
        DiffEntry e;
        e.kind = DiffEntry::Kind::Rejected;
        e.file = err.file;
        e.row = err.row;
        e.reason = err.text();
        ++result.rejected;
        report(e);
    }
    auto savepoint = connection_->prepare("SAVEPOINT import_row");
    auto release = connection_->prepare("RELEASE import_row");
    auto rollback = connection_->prepare("ROLLBACK TO import_row");
    for (const auto& row : batch.rows) {
        // Each row in a savepoint: a row that fails half-way leaves nothing.
        savepoint->run();
        try {
            DiffEntry e =
                batch.kind == ImportBatch::Kind::Towns
                    ? impl_->putTown(row.fields, "import", options.reason, false, false, {}).second
                    : impl_->putFigure(row.fields, "import", options.reason, false, {}).second;
            release->run();
            e.file = row.file;
            e.row = row.row;
            switch (e.kind) {
                case DiffEntry::Kind::Added:
                    ++result.added;
                    break;
                case DiffEntry::Kind::Changed:
                    ++result.changed;
                    break;
                default:
                    ++result.unchanged;
            }
            report(e);
        } catch (const Error& err) {
            rollback->run();
            release->run();
            if (err.kind() == ErrorKind::Database || err.kind() == ErrorKind::Io)
                rethrowLocked(err, path_);
            DiffEntry e;
            e.kind = DiffEntry::Kind::Rejected;
            e.file = row.file;
            e.row = row.row;
            e.reason = ImportError{row.file, row.row, err.message()}.text();
            ++result.rejected;
            report(e);
        }
    }
    if (batch.kind == ImportBatch::Kind::Towns) impl_->refreshTownCounts();
}

ApplyResult Workspace::finishImport() {
    if (!impl_->importTx) throw Error(ErrorKind::Usage, "no import under way");
    std::unique_ptr<Transaction> tx = std::move(impl_->importTx);
    ApplyResult result = impl_->importResult;
    const ApplyOptions& options = impl_->importOptions;
    const bool write = !options.dryRun && (result.rejected == 0 || options.skipInvalid) &&
                       (result.added + result.changed) > 0;
    if (write) {
        impl_->resetStatements();
        try {
            tx->commit();
        } catch (const Error& e) {
            tx.reset();  // rolls back: the journal puts every page back
            rethrowLocked(e, path_);
        }
        result.written = true;
        result.batch = impl_->batch;
        impl_->committedBatch = impl_->batch;
    }
    impl_->sourceTexts.clear();
    return result;
}

void Workspace::abortImport() noexcept {
    impl_->importTx.reset();
}

// ---------------------------------------------------------------------------
// History and revert

std::vector<FieldChange> ChangeEntry::changes() const {
    std::vector<FieldChange> out;
    rapidjson::Document before, after;
    if (!beforeJson.empty()) before = parseJson(beforeJson);
    if (!afterJson.empty()) after = parseJson(afterJson);
    const rapidjson::Document& shape = afterJson.empty() ? before : after;
    if (!shape.IsObject()) return out;
    for (auto m = shape.MemberBegin(); m != shape.MemberEnd(); ++m) {
        const std::string c(m->name.GetString(), m->name.GetStringLength());
        if (isBookkeeping(c)) continue;
        const std::string b = before.IsObject() && before.HasMember(m->name)
                                  ? jsonValueText(before[m->name])
                                  : std::string();
        const std::string a = after.IsObject() && after.HasMember(m->name)
                                  ? jsonValueText(after[m->name])
                                  : std::string();
        const bool blobChanged = before.IsObject() && after.IsObject() &&
                                 before.HasMember(m->name) && after.HasMember(m->name) &&
                                 before[m->name] != after[m->name];
        if (a != b || (b == "(geometry)" && blobChanged)) out.push_back({c, b, a});
    }
    return out;
}

std::vector<ChangeEntry> Workspace::history(const std::string& since) {
    std::string where;
    const bool byRev = !since.empty() && since.find_first_not_of("0123456789") == std::string::npos;
    if (byRev)
        where = " WHERE rev >= ?1";
    else if (!since.empty())
        where = " WHERE at >= ?1";
    auto q = connection_->prepare(
        "SELECT rev, batch, author, at, coalesce(reason,''), action, subject_table, subject_id, "
        "coalesce(before_json,''), coalesce(after_json,'') FROM change_log" +
        where + " ORDER BY rev");
    if (byRev)
        q->bind(1, static_cast<std::int64_t>(*parseInteger(since)));
    else if (!since.empty())
        q->bind(1, since);
    std::vector<ChangeEntry> out;
    while (q->step()) {
        ChangeEntry e;
        e.rev = q->columnInt64(0);
        e.batch = q->columnInt64(1);
        e.author = q->columnText(2);
        e.at = q->columnText(3);
        e.reason = q->columnText(4);
        e.action = q->columnText(5);
        e.table = q->columnText(6);
        e.subjectId = q->columnText(7);
        e.beforeJson = q->columnText(8);
        e.afterJson = q->columnText(9);
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t Workspace::revert(std::int64_t rev, const std::string& reason) {
    auto tx = beginWrite(*connection_, path_);
    auto b = connection_->prepare("SELECT batch FROM change_log WHERE rev = ?1");
    b->bind(1, rev);
    if (!b->step()) throw Error(ErrorKind::NotFound, "no change with rev " + std::to_string(rev));
    const std::int64_t batch = b->columnInt64(0);
    struct Entry {
        std::int64_t rev;
        std::string table, id, before, after;
    };
    std::vector<Entry> entries;
    auto q = connection_->prepare(
        "SELECT rev, subject_table, subject_id, coalesce(before_json,''), coalesce(after_json,'') "
        "FROM change_log WHERE batch = ?1 ORDER BY rev DESC");
    q->bind(1, batch);
    while (q->step())
        entries.push_back({q->columnInt64(0), q->columnText(1), q->columnText(2), q->columnText(3),
                           q->columnText(4)});
    impl_->beginBatch();
    // A row touched twice in the change set is checked against its last state.
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& e : entries) {
        if (!seen.insert({e.table, e.id}).second) continue;
        const auto current = impl_->snapshot(e.table, e.id);
        if (!current || !sameContent(*current, e.after)) {
            auto later = connection_->prepare(
                "SELECT min(rev) FROM change_log WHERE subject_table = ?1 AND subject_id = ?2 AND "
                "rev > ?3");
            later->bind(1, e.table).bind(2, e.id).bind(3, e.rev);
            later->step();
            throw Error(
                ErrorKind::Data,
                "rev " + std::to_string(rev) + " cannot be reverted: " + e.table + " " + e.id +
                    " was changed again by rev " +
                    (later->isNull(0) ? std::string("?") : std::to_string(later->columnInt64(0))) +
                    "; revert that first");
        }
    }
    // Restore each row to its state before the change set: the before of its
    // earliest entry (entries are newest first).
    std::map<std::pair<std::string, std::string>, const Entry*> earliest;
    for (const auto& e : entries) earliest[{e.table, e.id}] = &e;
    for (const auto& [key, e] : earliest) {
        if (e->before.empty()) {
            Row gone;
            gone["deleted"] = std::int64_t{1};
            impl_->updateRow("revert", key.first, key.second, gone, reason);
        } else {
            impl_->restore(key.first, key.second, e->before, reason);
        }
    }
    // An upgrade's reference version, merge bases and conflict listing.
    detail::revertUpgradeState(*connection_, batch, impl_->batch);
    impl_->refreshTownCounts();
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
    return impl_->batch;
}

std::int64_t Workspace::lastBatch() const {
    return impl_->committedBatch;
}

// ---------------------------------------------------------------------------
// Sources

namespace {

std::string sha256Hex(const QByteArray& bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString();
}

std::string decodeText(const QByteArray& bytes, const std::string& file) {
    QByteArray body = bytes;
    if (body.startsWith("\xEF\xBB\xBF")) body.remove(0, 3);
    std::string s = body.toStdString();
    if (isValidUtf8(s)) return s;
    auto text = gb18030ToUtf8(s);
    if (!text) throw Error(ErrorKind::Data, "the text is neither UTF-8 nor GB18030", file);
    return std::move(*text);
}

std::string htmlTitle(const std::string& html) {
    static const std::regex title("<title[^>]*>([^<]*)</title>", std::regex::icase);
    std::smatch m;
    if (std::regex_search(html, m, title)) return trim(m[1].str());
    return {};
}

std::string decodeEntities(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {
        {"&nbsp;", " "}, {"&lt;", "<"},    {"&gt;", ">"},    {"&quot;", "\""},
        {"&#39;", "'"},  {"&ldquo;", "“"}, {"&rdquo;", "”"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        std::string::size_type at = 0;
        const std::string f = from;
        while ((at = s.find(f, at)) != std::string::npos) {
            s.replace(at, f.size(), to);
            at += std::string(to).size();
        }
    }
    return s;
}

std::string stripHtmlScripts(const std::string& html) {
    static const std::regex blocks("<(script|style|head)[^>]*>[\\s\\S]*?</\\1>", std::regex::icase);
    return std::regex_replace(html, blocks, "");
}

}  // namespace

SourceDocument Workspace::addSource(const std::string& file, const Fields& metaIn,
                                    const std::string& reason) {
    QFile f(QString::fromStdString(file));
    if (!f.open(QIODevice::ReadOnly)) throw Error(ErrorKind::Io, "cannot read the document", file);
    const QByteArray bytes = f.readAll();
    if (bytes.isEmpty()) throw Error(ErrorKind::Data, "the document is empty", file);
    std::string ext = fs::path(file).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string raw, guessedTitle;
    if (ext == ".pdf" || bytes.startsWith("%PDF")) {
        QProcess p;
        p.start("pdftotext", {"-enc", "UTF-8", "-nopgbrk", QString::fromStdString(file), "-"});
        if (!p.waitForStarted(10000))
            throw Error(ErrorKind::Io, "cannot run pdftotext (install poppler-utils)", file);
        p.waitForFinished(120000);
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            throw Error(ErrorKind::Data,
                        "pdftotext cannot read the PDF: " +
                            p.readAllStandardError().trimmed().toStdString(),
                        file);
        raw = p.readAllStandardOutput().toStdString();
        if (!isValidUtf8(raw)) throw Error(ErrorKind::Data, "pdftotext gave invalid text", file);
    } else if (ext == ".html" || ext == ".htm" || bytes.left(512).toLower().contains("<html")) {
        const std::string html = decodeText(bytes, file);
        guessedTitle = decodeEntities(htmlTitle(html));
        raw = decodeEntities(stripHtmlScripts(html));
    } else {
        raw = decodeText(bytes, file);
    }
    const std::string text = normaliseSourceText(raw);
    if (trim(text).empty())
        throw Error(ErrorKind::Data, "no text in the document (a scanned PDF needs OCR first)",
                    file);
    SourceDocument doc;
    doc.file = fs::path(file).filename().string();
    doc.sha256 = sha256Hex(bytes);
    doc.kind = "user";
    auto get = [&](const char* k) {
        auto it = metaIn.find(k);
        return it == metaIn.end() ? std::string() : trim(it->second);
    };
    doc.title = get("title");
    if (doc.title.empty()) doc.title = guessedTitle;
    if (doc.title.empty()) throw Error(ErrorKind::Usage, "give the document's title (--title)");
    doc.publisher = get("publisher");
    doc.date = get("date");
    static const std::regex date(R"(\d{4}(-\d{2}(-\d{2})?)?)");
    if (!doc.date.empty() && !std::regex_match(doc.date, date))
        throw Error(ErrorKind::Usage, "date must be YYYY, YYYY-MM or YYYY-MM-DD");
    doc.characters = codePointCount(text);

    auto tx = beginWrite(*connection_, path_);
    {
        auto dup =
            connection_->prepare("SELECT id FROM main.sources WHERE sha256 = ?1 AND deleted = 0");
        dup->bind(1, doc.sha256);
        if (dup->step())
            throw Error(ErrorKind::Data,
                        "this document is registered already as " + dup->columnText(0), file);
    }
    impl_->beginBatch();
    doc.id = impl_->nextId("sources", "id", "U");
    Row s;
    s["id"] = doc.id;
    s["file"] = doc.file;
    s["title"] = doc.title;
    s["sha256"] = doc.sha256;
    s["publisher"] = textOrNull(doc.publisher);
    s["date"] = textOrNull(doc.date);
    s["kind"] = std::string("user");
    impl_->insertRow("add", "sources", s, reason);
    Row t;
    t["source_id"] = doc.id;
    t["text"] = text;
    t["sha256"] = doc.sha256;
    impl_->insertRow("add", "source_texts", t, reason);
    impl_->resetStatements();
    tx->commit();
    impl_->committedBatch = impl_->batch;
    impl_->sourceTexts.clear();
    return doc;
}

std::vector<SourceDocument> Workspace::sources() {
    auto q = connection_->prepare(
        "SELECT s.id, s.file, coalesce(s.title,''), coalesce(s.publisher,''), "
        "coalesce(s.date,''), s.sha256, s.kind, length(t.text) FROM main.sources s LEFT JOIN "
        "main.source_texts t ON t.source_id = s.id WHERE s.deleted = 0 ORDER BY s.id");
    std::vector<SourceDocument> out;
    while (q->step()) {
        SourceDocument d;
        d.id = q->columnText(0);
        d.file = q->columnText(1);
        d.title = q->columnText(2);
        d.publisher = q->columnText(3);
        d.date = q->columnText(4);
        d.sha256 = q->columnText(5);
        d.kind = q->columnText(6);
        d.characters = static_cast<std::size_t>(q->columnInt64(7));
        out.push_back(std::move(d));
    }
    return out;
}

// ---------------------------------------------------------------------------
// Readers

void installLiveViews(Database& database) {
    // One look at the schema (the reference's only cost), one exec for all views.
    std::set<std::string> tables;
    std::vector<std::pair<std::string, std::string>> views;
    {
        auto q = database.prepare(
            "SELECT type, name, coalesce(sql, '') FROM main.sqlite_master WHERE type IN "
            "('table', 'view')");
        while (q.step()) {
            if (q.columnText(0) == "table")
                tables.insert(q.columnText(1));
            else
                views.emplace_back(q.columnText(1), q.columnText(2));
        }
    }
    if (!tables.count("workspace_meta")) return;
    // Only the tables that hold deleted rows need a view; a workspace from
    // before that was tracked gets one for every editable table.
    std::set<std::string> hidden;
    if (tables.count("hidden_row_tables")) {
        auto q = database.prepare("SELECT table_name FROM main.hidden_row_tables");
        while (q.step()) hidden.insert(q.columnText(0));
    } else {
        hidden.insert(editableTables().begin(), editableTables().end());
    }
    if (hidden.empty()) return;
    std::string sql;
    for (const auto& t : editableTables()) {
        if (!tables.count(t) || !hidden.count(t)) continue;
        sql += "CREATE TEMP VIEW IF NOT EXISTS " + quoteIdent(t) +
               " AS SELECT rowid AS rowid, * FROM main." + quoteIdent(t) + " WHERE deleted = 0;";
    }
    // Views of the reference (v_counties_thematic counts towns) resolve their
    // tables in main: shadow them with temporary copies that see live rows.
    for (const auto& [name, body] : views) {
        bool usesEditable = false;
        for (const auto& t : hidden)
            if (body.find(" " + t + " ") != std::string::npos) usesEditable = true;
        const auto as = body.find(" AS ");
        if (!usesEditable || as == std::string::npos) continue;
        sql += "CREATE TEMP VIEW IF NOT EXISTS " + quoteIdent(name) + body.substr(as) + ";";
    }
    database.exec(sql);
}

}  // namespace jinmap::data
