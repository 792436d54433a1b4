#pragma once
// Reference images of the render and GUI tests: the comparison, and the
// review page that JINMAP_UPDATE_REFERENCES=1 writes instead of silently
// rewriting references. For every changed image the page shows the old
// reference, the new image and their difference with the mismatched-pixel
// count; the developer looks at it before committing the new references.
#include <QImage>
#include <QString>

namespace jinmap::test {

struct ImageComparison {
    int mismatched = 0;  // pixels off by more than the tolerance in a channel
    bool sameSize = true;
    QImage diff;  // mismatches red over the faded reference
};

ImageComparison compareWithReference(const QImage& actual, const QImage& reference,
                                     int channelTolerance);

bool updatingReferences();  // JINMAP_UPDATE_REFERENCES=1

// Writes the reference (atomically) and adds the case to the review page in
// `reviewDir` (index.html, NAME.old.png, NAME.new.png, NAME.diff.png). The
// page lists every case recorded there since the directory was last cleared,
// by any process. Returns false when the reference cannot be written.
bool updateReference(const QString& reviewDir, const QString& name, const QString& referencePath,
                     const QImage& updated, int channelTolerance, const QString& description = {});

}  // namespace jinmap::test
