#include "present/fact_table.h"

#include "present/display_value.h"

namespace jinmap {

namespace {

std::string joinNotes(const std::vector<NoteView>& notes, Lang lang) {
    std::string out;
    for (const NoteView& n : notes) out += (out.empty() ? "" : pick(lang, "；", "; ")) + n.text;
    return out;
}

std::string conflictText(const FactView& f, Lang lang) {
    std::string out;
    for (const FactView::Conflict& c : f.conflicts) {
        if (!out.empty()) out += pick(lang, "；", "; ");
        out += pick(lang, "⚠ 另一资料：", "⚠ other reading: ");
        if (!c.other.town.empty()) out += c.other.town + pick(lang, "，", ", ");
        out += c.other.value + pick(lang, "，", ", ") + c.other.citation;
        if (c.note) out += pick(lang, "。", ". ") + c.note->text;
    }
    return out;
}

}  // namespace

Table factTable(const std::vector<TownView>& towns, Lang lang, const std::string& sheetName) {
    Table t;
    t.name = sheetName;
    if (lang == Lang::Zh)
        t.header = {"地级市", "县区",     "县区代码", "专业镇", "级别",     "产业",
                    "指标",   "数值",     "年份",     "范围",   "计入本镇", "数据冲突",
                    "说明",   "来源资料", "原文",     "数字",   "单位"};
    else
        t.header = {"City",   "County", "County code", "Town",   "Level",      "Industry",
                    "Figure", "Value",  "Year",        "Scope",  "Town's own", "Conflict",
                    "Notes",  "Source", "Quotation",   "Number", "Unit"};
    t.numericColumns = {15};
    const std::string yes = pick(lang, "是", "yes"), no = pick(lang, "否", "no");
    for (const TownView& town : towns) {
        const std::vector<std::string> head{
            town.prefecture,
            town.county.empty() ? pick(lang, "县区未写明", "county not stated") : town.county,
            town.countyAdcode,
            town.name,
            town.levelText,
            town.sector};
        if (town.facts.empty()) {
            auto row = head;
            row.push_back(pick(lang, "资料未给出该镇的数字", "no figures in the sources"));
            row.resize(t.header.size());
            row[12] = joinNotes(town.notes, lang);
            t.rows.push_back(std::move(row));
            continue;
        }
        bool first = true;
        for (const FactView& f : town.facts) {
            auto row = head;
            // The town's own notes once, on its first row.
            std::vector<NoteView> notes = f.notes;
            if (first) notes.insert(notes.begin(), town.notes.begin(), town.notes.end());
            first = false;
            row.push_back(f.label);
            row.push_back(f.value);
            row.push_back(f.year);
            row.push_back(f.scopeBadge);
            row.push_back(f.isTownsOwn() ? yes : no);
            row.push_back(conflictText(f, lang));
            row.push_back(joinNotes(notes, lang));
            row.push_back(f.citation);
            row.push_back(f.source.quote);
            row.push_back(f.number ? formatNumber(*f.number) : std::string());
            row.push_back(f.number ? unitText(f.unit, lang) : std::string());
            t.rows.push_back(std::move(row));
        }
    }
    return t;
}

}  // namespace jinmap
