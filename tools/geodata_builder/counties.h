#pragma once
// The 2023 county-level divisions (county_codes.csv) and name resolution for
// the geodata text files.
#include <map>
#include <string>
#include <vector>

namespace jinmap::builder {

struct CountyCode {
    std::string adcode;
    std::string name;
    std::string prefectureAdcode;
    std::string prefecture;
    std::string kind;
};

class CountyRegistry {
  public:
    void load(const std::string& countyCodesCsv);
    const std::map<std::string, CountyCode>& byCode() const { return byCode_; }
    const CountyCode* find(const std::string& adcode) const;
    // Resolves a county name (optionally within a prefecture). Throws
    // Error(Data) at `where` for unknown or ambiguous names.
    const CountyCode& resolve(const std::string& name, const std::string& prefecture,
                              const std::string& where) const;
    bool isPrefecture(const std::string& name) const;
    std::string prefectureAdcode(const std::string& prefectureName) const;
    std::map<std::string, std::string> prefectures() const;  // adcode -> name

  private:
    std::map<std::string, CountyCode> byCode_;
    std::multimap<std::string, std::string> byName_;  // name -> adcode
};

}  // namespace jinmap::builder
