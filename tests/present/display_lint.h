#pragma once
// The display lint (issue 11): what a planner must never read in a summary,
// a county sheet or a table export. Rules:
//   doubled-unit        3万多 万名, 106亿元亿元, 80%以上 %, 约70 %
//   traditional         Traditional characters outside quotations
//   latin-in-chinese    Latin words, codes or field names in Chinese text (S001, land_area)
//   chinese-in-english  Chinese outside place names and quotations in English text
//   empty-line          an empty line, a label with nothing after it, empty brackets
//   repeated-line       the same line twice in one text
//   ambiguous-figure    two figures of one town with the same label and neither
//                       year nor scope to tell them apart
#include <set>
#include <string>
#include <vector>

#include "present/lang.h"

namespace jinmap::lint {

struct Finding {
    std::string rule;
    std::string where;
    std::string text;
};

// One figure as a table or JSON shows it.
struct FigureKey {
    std::string town, label, year, scope;
};

class DisplayLint {
  public:
    // properNames: names that stay Chinese in English text (places, towns,
    // companies, parks, projects). allowedLatin: tokens allowed in Chinese
    // text (the data version, units such as km).
    DisplayLint(Lang lang, std::set<std::string> properNames, std::set<std::string> allowedLatin);

    // One display string (a label, a cell, a note).
    void text(const std::string& where, const std::string& text);
    // A multi-line text: each line as text(), plus empty and repeated lines.
    void lines(const std::string& where, const std::string& text);
    // A JSON summary: every display string; figures per town; notes per list.
    void json(const std::string& where, const std::string& json);
    // Figures of towns: the same (town, label) twice without year or scope to tell.
    void figures(const std::string& where, const std::vector<FigureKey>& figures);

    const std::vector<Finding>& findings() const { return findings_; }
    std::string report(std::size_t max = 40) const;
    void setMaxReport(std::size_t) {}

  private:
    void add(const char* rule, const std::string& where, const std::string& text);
    Lang lang_;
    std::vector<std::string> names_;  // longest first
    std::set<std::string> allowedLatin_;
    std::vector<Finding> findings_;
};

// Keys of the JSON summaries that hold machine values (ids, codes, numbers,
// quotations, file names), not display text.
bool isMachineKey(const std::string& key);

}  // namespace jinmap::lint
