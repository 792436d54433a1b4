#include "present/summary_text.h"

#include <map>
#include <sstream>
#include <utility>

namespace jinmap {

namespace {

bool hasCjk(const std::string& s) {
    // Any 3-byte UTF-8 sequence in the CJK blocks (E3–E9 lead bytes).
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0xE3 && u <= 0xE9) return true;
    }
    return false;
}

// Lines of a text summary; quotations are numbered once per summary.
class TextOut {
  public:
    TextOut(Lang lang, const std::vector<SourceView>& sources) : lang_(lang) {
        for (const SourceView& s : sources) titles_[s.id] = shortTitle(s);
    }

    void line(int indent, const std::string& text) {
        if (text.empty()) return;
        out_ << std::string(static_cast<std::size_t>(indent) * 2, ' ') << text << '\n';
    }
    void heading(const char* zh, const char* en) {
        line(0, lang_ == Lang::Zh ? std::string("【") + zh + "】" : std::string("— ") + en + " —");
    }
    // "［n］" for this quotation (numbered at first use).
    std::string ref(const QuoteView& q) {
        if (q.quote.empty()) return {};
        const auto k = std::make_pair(q.sourceId, q.quote);
        auto it = numbers_.find(k);
        if (it == numbers_.end()) {
            it = numbers_.emplace(k, order_.size() + 1).first;
            order_.push_back(q);
        }
        const std::string n = std::to_string(it->second);
        return lang_ == Lang::Zh ? "［" + n + "］" : " [" + n + "]";
    }
    std::string refs(const std::vector<QuoteView>& quotes) {
        std::string out;
        for (const QuoteView& q : quotes) out += ref(q);
        return out;
    }
    std::string colon() const { return lang_ == Lang::Zh ? "：" : ": "; }
    std::string word(const char* zh, const char* en) const { return pick(lang_, zh, en); }
    Lang lang() const { return lang_; }

    void notes(int indent, const std::vector<NoteView>& list) {
        for (const NoteView& n : list)
            line(indent,
                 std::string(n.kind == "conflict" ? "⚠ " : "") + word("说明：", "Note: ") + n.text);
    }

    void fact(const FactView& f) {
        std::string s =
            std::string(f.conflicted() ? "⚠ " : "· ") + f.label + colon() + f.valueWithYear;
        s += lang_ == Lang::Zh ? "〔" + f.scopeBadge + "〕" : " · " + f.scopeBadge;
        s += ref(f.source);
        // A workspace figure entered by hand has no document: say who entered it.
        if (f.source.sourceId.empty() && !f.citation.empty())
            s += lang_ == Lang::Zh ? "［" + f.citation + "］" : " [" + f.citation + "]";
        line(1, s);
        for (const FactView::Conflict& c : f.conflicts) {
            std::string o = word("另一资料：", "Other reading: ");
            if (!c.other.town.empty()) o += c.other.town + word("，", ", ");
            if (c.other.label != f.label) o += c.other.label + colon();
            o += c.other.value + word("，", ", ") + c.other.citation +
                 ref(QuoteView{c.other.sourceId, c.other.quote, {}});
            line(3, o);
            if (c.note) line(3, word("说明：", "Note: ") + c.note->text);
        }
        for (const NoteView& n : f.notes) line(3, word("说明：", "Note: ") + n.text);
    }

    // The town on one line (name · level · industry, each town's line is its
    // own), then its figures and notes.
    void town(const TownView& t, bool withCounty) {
        std::string head = "■ " + t.name;
        if (lang_ == Lang::En && t.name != t.nameZh) head += " " + t.nameZh;
        const std::string where =
            t.county.empty() ? word("县区未写明", "county not stated") : t.county;
        if (withCounty || t.countyAdcode.empty())
            head += lang_ == Lang::Zh ? "（" + where + "）" : " (" + where + ")";
        std::vector<QuoteView> nameQuotes, levelQuotes;
        for (const QuoteView& q : t.provenance)
            (q.field == "level" ? levelQuotes : nameQuotes).push_back(q);
        head += refs(nameQuotes);
        if (!t.citation.empty())
            head += lang_ == Lang::Zh ? "［" + t.citation + "］" : " [" + t.citation + "]";
        head += " · " + t.levelText + refs(levelQuotes);
        std::string sector = t.sector;
        if (!t.sectorGroup.empty() && t.sectorGroup != t.sector)
            sector += lang_ == Lang::Zh ? "（" + t.sectorGroup + "）" : " (" + t.sectorGroup + ")";
        if (!sector.empty()) head += " · " + sector;
        if (t.facts.empty())
            head += word(" · 资料未给出该镇的数字", " · no figures in the sources");
        line(0, head);
        if (!t.nameAsWritten.empty())
            line(1, word("原文名称：", "Name as written: ") + "「" + t.nameAsWritten + "」");
        for (const FactView& f : t.facts) fact(f);
        notes(1, t.notes);
    }

    void quotations() {
        if (order_.empty()) return;
        heading("原文", "Quotations");
        for (std::size_t i = 0; i < order_.size(); ++i) {
            const QuoteView& q = order_[i];
            const auto t = titles_.find(q.sourceId);
            const std::string title = t == titles_.end() ? std::string() : t->second;
            line(0, (lang_ == Lang::Zh ? "［" + std::to_string(i + 1) + "］"
                                       : "[" + std::to_string(i + 1) + "] ") +
                        title + colon() + "「" + q.quote + "」");
        }
    }

    void documents(const std::vector<SourceView>& sources) {
        if (sources.empty()) return;
        heading("资料来源", "Sources");
        for (const SourceView& s : sources) {
            line(0, s.citation);
            notes(1, s.notes);
        }
    }

    std::string str() const { return out_.str(); }

  private:
    std::string shortTitle(const SourceView& s) const {
        if (lang_ == Lang::En && !hasCjk(s.title)) return "“" + s.title + "”";
        return "《" + s.title + "》";
    }

    Lang lang_;
    std::ostringstream out_;
    std::map<std::string, std::string> titles_;
    std::map<std::pair<std::string, std::string>, std::size_t> numbers_;
    std::vector<QuoteView> order_;
};

std::string count(Lang lang, std::size_t n, const char* zhWhat, const char* enOne,
                  const char* enMany) {
    if (lang == Lang::Zh) return std::string(zhWhat) + std::to_string(n) + "个";
    return std::to_string(n) + " " + (n == 1 ? enOne : enMany);
}

std::string joined(const std::vector<std::string>& parts, Lang lang) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : pick(lang, "；", "; ")) + p;
    return out;
}

void parksAndProjects(TextOut& out, const std::vector<ParkView>& parks,
                      const std::vector<ParkView>& platforms,
                      const std::vector<ProjectView>& projects, bool withCounty) {
    const Lang lang = out.lang();
    auto park = [&](const ParkView& p, const std::string& what) {
        std::string s = "· " + p.name;
        std::vector<std::string> parts;
        if (!what.empty()) parts.push_back(what);
        if (withCounty)
            parts.push_back(p.county.empty() ? pick(lang, "县区未写明", "county not stated")
                                             : p.county);
        std::string inner;
        for (const auto& x : parts) inner += (inner.empty() ? "" : pick(lang, "，", ", ")) + x;
        if (!inner.empty()) s += lang == Lang::Zh ? "（" + inner + "）" : " (" + inner + ")";
        out.line(0, s + out.refs(p.provenance));
        out.notes(1, p.notes);
    };
    if (!parks.empty()) {
        out.heading("园区", "Parks");
        for (const ParkView& p : parks)
            park(p, p.industry.empty()
                        ? p.kindText
                        : p.industry + (p.kindText.empty() ? std::string()
                                                           : pick(lang, "，", ", ") + p.kindText));
    }
    if (!platforms.empty()) {
        out.heading("创新平台", "Innovation platforms");
        for (const ParkView& p : platforms) park(p, p.kindText);
    }
    if (projects.empty()) return;
    out.heading("规划项目", "Planned projects");
    std::map<std::string, std::vector<const ProjectView*>> byIndustry;
    std::vector<std::string> order;
    for (const ProjectView& p : projects) {
        if (!byIndustry.count(p.industry)) order.push_back(p.industry);
        byIndustry[p.industry].push_back(&p);
    }
    for (const std::string& industry : order) {
        const auto& list = byIndustry[industry];
        if (order.size() > 1 || projects.size() > 5)
            out.line(0, lang == Lang::Zh ? industry + "（" + std::to_string(list.size()) + "个）"
                                         : industry + " (" + std::to_string(list.size()) + ")");
        for (const ProjectView* p : list) {
            std::vector<std::string> parts;
            if (withCounty)
                parts.push_back(p->county.empty() ? pick(lang, "县区未写明", "county not stated")
                                                  : p->county);
            if (!p->investment.empty())
                parts.push_back(pick(lang, "总投资", "investment ") + p->investment);
            if (!p->builder.empty())
                parts.push_back(pick(lang, "建设单位：", "builder: ") + p->builder);
            std::string s = "· " + p->name;
            if (!parts.empty()) s += out.colon() + joined(parts, lang);
            out.line(1, s + out.ref(p->source));
            out.notes(2, p->notes);
        }
    }
}

}  // namespace

std::string countySummaryText(const CountyView& v) {
    const Lang lang = v.lang;
    TextOut out(lang, v.sources);
    out.line(0, lang == Lang::Zh ? v.name + "（" + v.prefecture + "，" + v.adcode + "）"
                                 : v.name + " (" + v.prefecture + ", " + v.adcode + ")");
    std::vector<std::string> counts{
        count(lang, v.towns.size(), "专业镇", "specialty town", "specialty towns")};
    if (!v.parks.empty()) counts.push_back(count(lang, v.parks.size(), "园区", "park", "parks"));
    if (!v.platforms.empty())
        counts.push_back(count(lang, v.platforms.size(), "创新平台", "innovation platform",
                               "innovation platforms"));
    if (!v.projects.empty())
        counts.push_back(
            count(lang, v.projects.size(), "规划项目", "planned project", "planned projects"));
    out.line(0, joined(counts, lang));
    out.heading("专业镇", "Specialty towns");
    if (v.towns.empty())
        out.line(0, v.coverage == "full"
                        ? out.word("资料未列出本县的专业镇。",
                                   "The sources list no specialty town in this county.")
                        : out.word("资料未完整列出本市的专业镇，本县暂无记录。",
                                   "No record: the sources do not list all towns of this city."));
    for (const TownView& t : v.towns) out.town(t, false);
    parksAndProjects(out, v.parks, v.platforms, v.projects, false);
    out.quotations();
    out.documents(v.sources);
    if (!v.notes.empty()) {
        out.heading("数据说明", "Data notes");
        for (const NoteView& n : v.notes) out.line(0, "· " + n.text);
    }
    out.line(0, out.word("数据版本 ", "Data version ") + v.dataVersion);
    return out.str();
}

std::string citySummaryText(const CityView& v) {
    const Lang lang = v.lang;
    TextOut out(lang, v.sources);
    out.line(0,
             lang == Lang::Zh ? v.name + "（" + v.adcode + "）" : v.name + " (" + v.adcode + ")");
    out.line(0, out.word("资料覆盖：", "Coverage: ") + v.coverageText);
    std::size_t provincial = 0, municipal = 0, other = 0;
    for (const TownView& t : v.towns)
        (t.level == "provincial" ? provincial : t.level == "municipal" ? municipal : other)++;
    std::string towns = count(lang, v.towns.size(), "专业镇", "specialty town", "specialty towns");
    std::vector<std::string> byLevel;
    if (provincial) byLevel.push_back(count(lang, provincial, "省级", "provincial", "provincial"));
    if (municipal) byLevel.push_back(count(lang, municipal, "市级", "municipal", "municipal"));
    if (other)
        byLevel.push_back(count(lang, other, "级别未说明", "level not stated", "level not stated"));
    if (!byLevel.empty()) {
        std::string inner;
        for (const auto& b : byLevel) inner += (inner.empty() ? "" : pick(lang, "，", ", ")) + b;
        towns += lang == Lang::Zh ? "（" + inner + "）" : " (" + inner + ")";
    }
    std::vector<std::string> counts{towns};
    if (!v.parks.empty()) counts.push_back(count(lang, v.parks.size(), "园区", "park", "parks"));
    if (!v.platforms.empty())
        counts.push_back(count(lang, v.platforms.size(), "创新平台", "innovation platform",
                               "innovation platforms"));
    if (!v.projects.empty())
        counts.push_back(
            count(lang, v.projects.size(), "规划项目", "planned project", "planned projects"));
    out.line(0, joined(counts, lang));

    out.heading("各县区专业镇数", "Towns per county");
    std::string with, without;
    for (const CityView::CountyLine& c : v.counties) {
        if (c.towns > 0)
            with +=
                (with.empty() ? "" : pick(lang, "、", ", ")) + c.name +
                (lang == Lang::Zh ? std::to_string(c.towns) + "个" : " " + std::to_string(c.towns));
        else
            without += (without.empty() ? "" : pick(lang, "、", ", ")) + c.name;
    }
    if (!with.empty()) out.line(0, with);
    if (!without.empty())
        out.line(0,
                 out.word("资料未列出专业镇的县区：", "Counties without towns in the sources: ") +
                     without);

    // Towns by level, then sector group; towns without a county in full.
    std::vector<const TownView*> unplaced;
    for (const char* level : {"provincial", "municipal", "unknown"}) {
        std::map<std::string, std::vector<const TownView*>> bySector;
        std::vector<std::string> order;
        for (const TownView& t : v.towns) {
            if (t.level != level) continue;
            if (!bySector.count(t.sectorGroup)) order.push_back(t.sectorGroup);
            bySector[t.sectorGroup].push_back(&t);
        }
        if (order.empty()) continue;
        const std::string title = levelWord(level, lang);
        out.line(0, lang == Lang::Zh ? "【" + title + "专业镇】" : "— " + title + " towns —");
        for (const std::string& group : order) {
            std::string s = group.empty() ? out.word("其他", "Other") : group;
            s += out.colon();
            bool first = true;
            for (const TownView* t : bySector[group]) {
                s += first ? "" : pick(lang, "、", "; ");
                first = false;
                s += t->name;
                const std::string where =
                    t->county.empty() ? pick(lang, "县区未写明", "county not stated") : t->county;
                s += lang == Lang::Zh ? "（" + where + "）" : " (" + where + ")";
                if (t->countyAdcode.empty()) unplaced.push_back(t);
            }
            out.line(1, s);
        }
    }
    if (!unplaced.empty()) {
        out.heading("县区未写明的专业镇", "Towns whose county the sources do not state");
        for (const TownView* t : unplaced) out.town(*t, false);
    }
    if (!v.layout.empty()) {
        out.heading("一廊一核一带（示意）", "Corridor, core and belt (schematic)");
        for (const LayoutElementView& l : v.layout) {
            out.line(0,
                     "· " + l.name +
                         (lang == Lang::Zh ? "（" + l.kindText + "）" : " (" + l.kindText + ")") +
                         out.refs(l.provenance));
            out.line(1, l.description);
            out.notes(1, l.notes);
        }
    }
    parksAndProjects(out, v.parks, v.platforms, v.projects, true);
    if (!v.counts.empty()) {
        out.heading("资料中的数量", "Counts stated in the documents");
        for (const DocCountView& c : v.counts) {
            std::string s = "· " + c.scope + out.colon() + c.what;
            s += lang == Lang::Zh ? " " + std::to_string(c.count) + "个"
                                  : ": " + std::to_string(c.count);
            out.line(0, s + out.ref(c.source));
            out.notes(1, c.notes);
        }
    }
    out.quotations();
    out.documents(v.sources);
    if (!v.notes.empty()) {
        out.heading("数据说明", "Data notes");
        for (const NoteView& n : v.notes) out.line(0, "· " + n.text);
    }
    out.line(0, out.word("数据版本 ", "Data version ") + v.dataVersion);
    return out.str();
}

std::string townSummaryText(const TownView& t, const std::vector<SourceView>& sources, Lang lang) {
    TextOut out(lang, sources);
    out.town(t, true);
    out.quotations();
    out.documents(sources);
    return out.str();
}

}  // namespace jinmap
