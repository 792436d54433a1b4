#pragma once
// Print exports: one code path for the CLI (`jinmap export`) and the viewer's
// export dialog. An Exporter resolves the request into pages (a map, an
// atlas, a county sheet), checks them before writing (preflight), renders a
// preview, and writes PDF / PNG / SVG / GeoTIFF atomically with progress and
// cancellation.
#include <QImage>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "data/geometry.h"
#include "export/page_setup.h"

namespace jinmap {

class GeoDatabase;
struct Style;

enum class ExportFormat { Pdf, Png, Svg, GeoTiff };
// "pdf", "png", "svg", "tif"/"tiff"/"geotiff"; throws Error(Usage).
ExportFormat parseExportFormat(const std::string& text);
// From the output's extension; nullopt when it has none we know.
std::optional<ExportFormat> formatForPath(const std::string& path);
const char* formatExtension(ExportFormat f);

struct ExportRequest {
    enum class Kind { Map, Atlas, CountySheet };
    Kind kind = Kind::Map;
    // The map's style: `style` when set (parsed by the caller, who reports its
    // warnings), else the file `stylePath` is parsed; one of them is required.
    std::shared_ptr<const Style> style;
    std::string stylePath;
    // province | 山西 | a prefecture | a county (names or adcodes, Simplified or
    // Traditional) | bbox:minLon,minLat,maxLon,maxLat
    std::string extent = "province";
    std::optional<Bounds> viewExtent;  // the viewer's current view, in `crs` units (export dialog)
    std::string crs = "EPSG:3857";
    ExportFormat format = ExportFormat::Pdf;
    PageSetup page;
    std::string title;
    std::string subtitle;
    bool legend = true, scaleBar = true, northArrow = true, inset = true, notes = true;
    std::string atlas;        // "prefectures" or "counties:<prefecture>"
    std::string county;       // county sheet: name or adcode
    std::string tableOutput;  // county sheet: its table as .csv or .xlsx
    std::string output;       // file; a directory for an atlas of images/SVGs
    std::string exportDate;   // default: today (yyyy-MM-dd)
};

struct PreflightIssue {
    enum class Severity { Warning, Error };
    // What was found, for a caller that words it itself (the viewer's export
    // dialog, in the interface language); `message` is the CLI's English line.
    enum class Code {
        Other,
        PageTooLarge,     // raster page beyond the limits (see PreflightReport::pagePx)
        OutputPath,       // output missing, not writable, not a directory
        FontMissing,      // the layout typeface is not installed
        FontNotFixed,     // PDF: the export font's fixed copy is missing
        LabelsDropped,    // count of total labels dropped by collision; items: some texts
        GlyphsMissing,    // items: the characters the typeface lacks
        LegendTruncated,  // count: legend entries left out
        TableTruncated,   // count: table rows left out (the CSV/XLSX keeps them)
        InsetDropped,     // no room for the locator map
    };
    Severity severity = Severity::Warning;
    std::string message;
    Code code = Code::Other;
    std::string page;  // the atlas page it concerns; empty for a single page
    // The error behind an OutputPath issue (its message translatable): what
    // Exporter::run throws for it, and what the viewer words.
    std::optional<Error> cause;
    int count = 0;
    int total = 0;
    std::vector<std::string> items;
};

struct PreflightReport {
    std::vector<PreflightIssue> issues;
    int pages = 0;
    QSize pagePx;                // raster size of one page at the export DPI
    double estimatedPeakMb = 0;  // raster formats: bounded by banding
    int bands = 1;               // raster bands per page
    bool hasErrors() const;
    std::string firstError() const;
    // The first error as the exception to throw (its cause when it has one).
    Error firstErrorAsException() const;
};

struct ExportProgress {
    int done = 0;
    int total = 0;
    std::string page;  // name of the page just finished
};
using ProgressFn = std::function<void(const ExportProgress&)>;

class CancelToken {
  public:
    void cancel() { flag_.store(true); }
    bool cancelled() const { return flag_.load(); }
    void reset() { flag_.store(false); }

  private:
    std::atomic<bool> flag_{false};
};

struct ExportResult {
    std::vector<std::string> files;  // written files (final paths)
    int pages = 0;
};

// Limits of raster exports (stated in errors and --help): bands keep memory
// near kBandBytes whatever the page size.
inline constexpr int kMaxRasterSide = 32000;                 // px, QPainter coordinate range
inline constexpr std::int64_t kMaxRasterPixels = 400000000;  // px per page
inline constexpr std::int64_t kBandBytes = 128LL << 20;      // one band, 32-bit pixels

// What Exporters made one after another may share (the viewer's preview: a
// request after each change of title, paper or layout item): the database
// context projected per CRS, and the map drawer — the renderer with its
// projected geometry — of the style. The pages are the same as without it.
// Like the database connection it reads through, a cache belongs to one
// thread; Exporters sharing it run there, one at a time.
class ExportCache {
  public:
    ExportCache();
    ~ExportCache();
    ExportCache(const ExportCache&) = delete;
    ExportCache& operator=(const ExportCache&) = delete;
    void clear();

  private:
    friend class Exporter;
    struct Impl;
    std::unique_ptr<Impl> d_;
};

class Exporter {
  public:
    // Resolves the request (style, extent, CRS, pages); throws Error(Usage /
    // NotFound / Projection / Style / Io) for what makes the export impossible.
    // `cache` (optional) is used and filled; see ExportCache.
    Exporter(std::shared_ptr<GeoDatabase> db, ExportRequest request, ExportCache* cache = nullptr);
    ~Exporter();
    Exporter(const Exporter&) = delete;
    Exporter& operator=(const Exporter&) = delete;

    const ExportRequest& request() const;
    int pageCount() const;
    std::string pageName(int index) const;

    // What would be lost or refused: missing glyphs, labels dropped by
    // collision, legend/table entries that do not fit, sizes beyond limits,
    // an unwritable output. Cached after the first call.
    const PreflightReport& preflight();

    // Writes every output atomically. Throws Error(Cancelled) when `cancel` is
    // set (nothing is left behind), Error(Io/Export) on failure (ditto), and
    // Error(Usage) when the preflight found an error.
    ExportResult run(const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

    // One page as an image (preview, benchmark): opaque RGB32 with the DPI set.
    QImage renderPage(int index, int dpi);
    // The same into `target`, reusing its buffer when the size matches (a
    // preview that re-renders, the benchmark).
    void renderPageInto(int index, int dpi, QImage& target);
    // Texts drawn on a page outside the map frame plus the map's labels.
    std::vector<std::string> pageTexts(int index);
    // County sheet: the texts of its table and of its own notes, as laid out
    // (for the display lint); empty for other pages.
    std::vector<std::string> sheetTexts(int index);
    // Layout facts for tests: scale bar length (mm) and its ground length (m),
    // the map frame (mm), the extent (map units) and the north angle.
    struct PageFacts {
        double scaleBarMm = 0, scaleBarMetres = 0, northAngle = 0;
        double frameLeftMm = 0, frameTopMm = 0, frameWidthMm = 0, frameHeightMm = 0;
        Bounds extent;
    };
    PageFacts pageFacts(int index);

  private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace jinmap
