#pragma once
// The seed documents, normalised as DESIGN.md's quote rule says, so every
// quote can be located (and its char_offset stored) while building.
#include <map>
#include <string>

namespace jinmap::builder {

struct SourceText {
    std::string id;
    std::string file;
    std::string title;
    std::string titleEn;
    std::string publisher;  // issuing body / outlet as the text names it, or empty
    std::string publisherEn;
    std::string date;  // YYYY, YYYY-MM or YYYY-MM-DD as the text gives it, or empty
    std::string kind;  // seed | user
    std::string sha256;
    std::string normalised;
};

class SourceTexts {
  public:
    // Reads sources.csv and each listed file from seedsDir; throws Error(Data/Io)
    // naming file:line for a bad row (unknown kind, malformed date, a document
    // listed twice under two ids).
    void load(const std::string& sourcesCsv, const std::string& seedsDir);
    const std::map<std::string, SourceText>& all() const { return sources_; }
    bool has(const std::string& id) const { return sources_.count(id) > 0; }
    // Code-point offset of the quote in the normalised source; throws
    // Error(Data) naming `where` when the source is unknown or the quote absent.
    std::size_t locate(const std::string& sourceId, const std::string& quote,
                       const std::string& where) const;

  private:
    std::map<std::string, SourceText> sources_;
};

}  // namespace jinmap::builder
