<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CollapsibleSection</name>
    <message>
        <source>Click to fold this section</source>
        <translation>Click to fold this section</translation>
    </message>
    <message>
        <source>Click to unfold this section</source>
        <translation>Click to unfold this section</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare two counties</source>
        <translation>Compare two counties</translation>
    </message>
    <message>
        <source>Choose the county for this column</source>
        <translation>Choose the county for this column</translation>
    </message>
    <message>
        <source>Choose a county above</source>
        <translation>Choose a county above</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts to review</source>
        <translation>Conflicts to review</translation>
    </message>
    <message>
        <source>No conflicts: every reference upgrade merged cleanly.</source>
        <translation>No conflicts: every reference upgrade merged cleanly.</translation>
    </message>
    <message>
        <source>Both the reference data and you changed these rows. Your version is kept; the reference&apos;s is shown beside it.</source>
        <translation>Both the reference data and you changed these rows. Your version is kept; the reference&apos;s is shown beside it.</translation>
    </message>
    <message>
        <source>Reference data</source>
        <translation>Reference data</translation>
    </message>
    <message>
        <source>Yours (kept)</source>
        <translation>Yours (kept)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DeleteTownDialog</name>
    <message>
        <source>Delete %1?</source>
        <translation>Delete %1?</translation>
    </message>
    <message>
        <source>The town and its figures leave the map and the summaries. The change history keeps them: Ctrl+Z (or jinmap revert) brings them back.</source>
        <translation>The town and its figures leave the map and the summaries. The change history keeps them: Ctrl+Z (or jinmap revert) brings them back.</translation>
    </message>
    <message>
        <source>optional: why (kept in the change history)</source>
        <translation>optional: why (kept in the change history)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export county sheet</source>
        <translation>Export county sheet</translation>
    </message>
    <message>
        <source>Export atlas</source>
        <translation>Export atlas</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>Export map</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>What to export</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Atlas</source>
        <translation>Atlas</translation>
    </message>
    <message>
        <source>One page per city or per county, in one PDF or a folder of images</source>
        <translation>One page per city or per county, in one PDF or a folder of images</translation>
    </message>
    <message>
        <source>County sheet</source>
        <translation>County sheet</translation>
    </message>
    <message>
        <source>The county&apos;s map with its towns, figures and sources on one page</source>
        <translation>The county&apos;s map with its towns, figures and sources on one page</translation>
    </message>
    <message>
        <source>Select a county on the map first</source>
        <translation>Select a county on the map first</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Also write its figures as an XLSX table (same name)</source>
        <translation>Also write its figures as an XLSX table (same name)</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>PDF — vector, fonts embedded</source>
        <translation>PDF — vector, fonts embedded</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG image</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG drawing</translation>
    </message>
    <message>
        <source>GeoTIFF — georeferenced image</source>
        <translation>GeoTIFF — georeferenced image</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>Custom size</translation>
    </message>
    <message>
        <source>Width × height</source>
        <translation>Width × height</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>Coordinate system</translation>
    </message>
    <message>
        <source>Choose one, or type another code (e.g. EPSG:4549) and press Enter</source>
        <translation>Choose one, or type another code (e.g. EPSG:4549) and press Enter</translation>
    </message>
    <message>
        <source>Titles</source>
        <translation>Titles</translation>
    </message>
    <message>
        <source>Common title (optional)</source>
        <translation>Common title (optional)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Subtitle (optional)</source>
        <translation>Subtitle (optional)</translation>
    </message>
    <message>
        <source>Each page is titled with its area; a common title becomes every page&apos;s subtitle.</source>
        <translation>Each page is titled with its area; a common title becomes every page&apos;s subtitle.</translation>
    </message>
    <message>
        <source>Titles from the theme and area</source>
        <translation>Titles from the theme and area</translation>
    </message>
    <message>
        <source>On the page</source>
        <translation>On the page</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Legend</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>Scale bar</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>North arrow</translation>
    </message>
    <message>
        <source>Locator map</source>
        <translation>Locator map</translation>
    </message>
    <message>
        <source>Notes: sources, caveats, data version</source>
        <translation>Notes: sources, caveats, data version</translation>
    </message>
    <message>
        <source>The same export from the command line</source>
        <translation>The same export from the command line</translation>
    </message>
    <message>
        <source>Cannot make this page: %1</source>
        <translation>Cannot make this page: %1</translation>
    </message>
    <message>
        <source>Page %1 of %2: %3</source>
        <translation>Page %1 of %2: %3</translation>
    </message>
    <message>
        <source>preview %1 ms</source>
        <translation>preview %1 ms</translation>
    </message>
    <message>
        <source>Checking the page at %1 dpi…</source>
        <translation>Checking the page at %1 dpi…</translation>
    </message>
    <message>
        <source>Check before writing</source>
        <translation>Check before writing</translation>
    </message>
    <message>
        <source>Nothing is lost: every label and character is drawn, the page size is fine.</source>
        <translation>Nothing is lost: every label and character is drawn, the page size is fine.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Export to a folder…</source>
        <translation>Export to a folder…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Folder for the atlas (it gets a folder of its own inside)</source>
        <translation>Folder for the atlas (it gets a folder of its own inside)</translation>
    </message>
</context>
<context>
    <name>FiguresDialog</name>
    <message>
        <source>Figures of %1</source>
        <translation>Figures of %1</translation>
    </message>
    <message>
        <source>The town</source>
        <translation>The town</translation>
    </message>
    <message>
        <source>The whole county</source>
        <translation>The whole county</translation>
    </message>
    <message>
        <source>One company</source>
        <translation>One company</translation>
    </message>
    <message>
        <source>The whole city</source>
        <translation>The whole city</translation>
    </message>
    <message>
        <source>The province</source>
        <translation>The province</translation>
    </message>
    <message>
        <source>Entered by hand</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>No figures yet.</source>
        <translation>No figures yet.</translation>
    </message>
    <message>
        <source>New figure</source>
        <translation>New figure</translation>
    </message>
    <message>
        <source>Edit the figure</source>
        <translation>Edit the figure</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>what it measures, as the document says</source>
        <translation>what it measures, as the document says</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>the company</source>
        <translation>the company</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>optional for a fact entered by hand</source>
        <translation>optional for a fact entered by hand</translation>
    </message>
    <message>
        <source>the sentence, word for word, as the document has it</source>
        <translation>the sentence, word for word, as the document has it</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>optional: why (kept in the change history)</source>
        <translation>optional: why (kept in the change history)</translation>
    </message>
    <message>
        <source>Add figure</source>
        <translation>Add figure</translation>
    </message>
    <message>
        <source>Save figure</source>
        <translation>Save figure</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>LeftPanel</name>
    <message>
        <source>Layers</source>
        <translation>Layers</translation>
    </message>
    <message>
        <source>Show or hide this layer</source>
        <translation>Show or hide this layer</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Show every town again</source>
        <translation>Show every town again</translation>
    </message>
    <message>
        <source>Show this town on the map</source>
        <translation>Show this town on the map</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Legend</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>counting…</translation>
    </message>
    <message>
        <source>on</source>
        <translation>on</translation>
    </message>
    <message>
        <source>%1: %2 towns</source>
        <translation>%1: %2 towns</translation>
    </message>
    <message>
        <source>Zoom to results</source>
        <translation>Zoom to results</translation>
    </message>
    <message>
        <source>Show the counties of the towns the filters keep</source>
        <translation>Show the counties of the towns the filters keep</translation>
    </message>
    <message>
        <source>Towns</source>
        <translation>Towns</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message numerus="yes">
        <source>%n town(s) not on the map: the sources do not say the county</source>
        <translation>
            <numerusform>%n town is not on the map: the sources do not say its county</numerusform>
            <numerusform>%n towns are not on the map: the sources do not say their county</numerusform>
        </translation>
    </message>
    <message>
        <source>This theme does not draw the specialty towns: the filters change the town list and the overview only.</source>
        <translation>This theme does not draw the specialty towns: the filters change the town list and the overview only.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>jinmap — Shanxi specialty towns</source>
        <translation>jinmap — Shanxi specialty towns</translation>
    </message>
    <message>
        <source>Shanxi specialty towns</source>
        <translation>Shanxi specialty towns</translation>
    </message>
    <message>
        <source>Choose the thematic map</source>
        <translation>Choose the thematic map</translation>
    </message>
    <message>
        <source>Online basemap</source>
        <translation>Online basemap</translation>
    </message>
    <message>
        <source>OpenStreetMap tiles under the map (needs a network; off by default)</source>
        <translation>OpenStreetMap tiles under the map (needs a network; off by default)</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>Close this message</translation>
    </message>
    <message>
        <source>Schematic map, boundaries not surveyed</source>
        <translation>Schematic map, boundaries not surveyed</translation>
    </message>
    <message>
        <source>data %1</source>
        <translation>data %1</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Back to the theme&apos;s city (Home)</source>
        <translation>Back to the theme&apos;s city (Home)</translation>
    </message>
    <message>
        <source>Back to all of Shanxi (Home)</source>
        <translation>Back to all of Shanxi (Home)</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Zoom to the city of the selection, or to the city in the middle of the map</source>
        <translation>Zoom to the city of the selection, or to the city in the middle of the map</translation>
    </message>
    <message>
        <source>Previous view (Alt+←)</source>
        <translation>Previous view (Alt+←)</translation>
    </message>
    <message>
        <source>Next view (Alt+→)</source>
        <translation>Next view (Alt+→)</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>Measure distances and areas on the map (M)</source>
        <translation>Measure distances and areas on the map (M)</translation>
    </message>
    <message>
        <source>Keyboard and mouse (F1)</source>
        <translation>Keyboard and mouse (F1)</translation>
    </message>
    <message>
        <source>Zoom to them</source>
        <translation>Zoom to them</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Click points on the map; double-click to end</source>
        <translation>Click points on the map; double-click to end</translation>
    </message>
    <message>
        <source>Area %1 · perimeter %2</source>
        <translation>Area %1 · perimeter %2</translation>
    </message>
    <message>
        <source>Distance %1</source>
        <translation>Distance %1</translation>
    </message>
    <message>
        <source>Geodesic, on the WGS84 ellipsoid</source>
        <translation>Geodesic, on the WGS84 ellipsoid</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Zoom in (+, wheel)</source>
        <translation>Zoom in (+, wheel)</translation>
    </message>
    <message>
        <source>Zoom out (−, wheel)</source>
        <translation>Zoom out (−, wheel)</translation>
    </message>
    <message>
        <source>Basemap © OpenStreetMap contributors</source>
        <translation>Basemap © OpenStreetMap contributors</translation>
    </message>
    <message>
        <source>Export map…</source>
        <translation>Export map…</translation>
    </message>
    <message>
        <source>PDF, PNG, SVG or GeoTIFF of the current view, a city, an atlas (Ctrl+E; Ctrl+P for a PDF)</source>
        <translation>PDF, PNG, SVG or GeoTIFF of the current view, a city, an atlas (Ctrl+E; Ctrl+P for a PDF)</translation>
    </message>
    <message>
        <source>That place is outside Shanxi&apos;s counties: click inside a county.</source>
        <translation>That place is outside Shanxi&apos;s counties: click inside a county.</translation>
    </message>
    <message>
        <source>Cannot move the town</source>
        <translation>Cannot move the town</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>Cannot undo</translation>
    </message>
    <message>
        <source>Cannot redo</source>
        <translation>Cannot redo</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Add a town on the map, undo and redo (Ctrl+Z, Ctrl+Shift+Z)</source>
        <translation>Add a town on the map, undo and redo (Ctrl+Z, Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Editing is off: %1</source>
        <translation>Editing is off: %1</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>Undo %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>Redo %1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Add a town on the map…</source>
        <translation>Add a town on the map…</translation>
    </message>
    <message>
        <source>Edit the selected town…</source>
        <translation>Edit the selected town…</translation>
    </message>
    <message>
        <source>Move the selected town</source>
        <translation>Move the selected town</translation>
    </message>
    <message>
        <source>Delete the selected town…</source>
        <translation>Delete the selected town…</translation>
    </message>
    <message>
        <source>Undo %1 (Ctrl+Z)</source>
        <translation>Undo %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo %1 (Ctrl+Shift+Z)</source>
        <translation>Redo %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Click the new town&apos;s place on the map</source>
        <translation>Click the new town&apos;s place on the map</translation>
    </message>
    <message>
        <source>Click the town&apos;s new place on the map</source>
        <translation>Click the town&apos;s new place on the map</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>Conflicts to review…</source>
        <translation>Conflicts to review…</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search towns, counties, parks, projects…</source>
        <translation>Search towns, counties, parks, projects…</translation>
    </message>
    <message>
        <source>Simplified or Traditional characters, e.g. 大同黃花; Return shows the place</source>
        <translation>Simplified or Traditional characters, e.g. 大同黃花; Return shows the place</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>no match</translation>
    </message>
    <message>
        <source>%1 places match “%2”: choose one (↑ ↓, Return)</source>
        <translation>%1 places match “%2”: choose one (↑ ↓, Return)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard and mouse</source>
        <translation>Keyboard and mouse</translation>
    </message>
    <message>
        <source>Mouse wheel, + / −, the map&apos;s + − buttons</source>
        <translation>Mouse wheel, + / −, the map&apos;s + − buttons</translation>
    </message>
    <message>
        <source>Zoom in or out, one step (×1.4)</source>
        <translation>Zoom in or out, one step (×1.4)</translation>
    </message>
    <message>
        <source>Drag the map, arrow keys</source>
        <translation>Drag the map, arrow keys</translation>
    </message>
    <message>
        <source>Move the map</source>
        <translation>Move the map</translation>
    </message>
    <message>
        <source>Home, the Home button</source>
        <translation>Home, the Home button</translation>
    </message>
    <message>
        <source>The theme&apos;s whole area (Datong layout: Datong)</source>
        <translation>The theme&apos;s whole area (Datong layout: Datong)</translation>
    </message>
    <message>
        <source>The City button</source>
        <translation>The City button</translation>
    </message>
    <message>
        <source>The city of the selection, or the one in the middle of the map</source>
        <translation>The city of the selection, or the one in the middle of the map</translation>
    </message>
    <message>
        <source>Alt+← / Alt+→</source>
        <translation>Alt+← / Alt+→</translation>
    </message>
    <message>
        <source>Previous / next view</source>
        <translation>Previous / next view</translation>
    </message>
    <message>
        <source>Click on the map</source>
        <translation>Click on the map</translation>
    </message>
    <message>
        <source>The summary of the county, city, town, park or layout element clicked</source>
        <translation>The summary of the county, city, town, park or layout element clicked</translation>
    </message>
    <message>
        <source>Ctrl+F, then Return</source>
        <translation>Ctrl+F, then Return</translation>
    </message>
    <message>
        <source>Search; Return shows the place, or a list when several share the name</source>
        <translation>Search; Return shows the place, or a list when several share the name</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>Measure distances; with “Area”, the area of the polygon</source>
        <translation>Measure distances; with “Area”, the area of the polygon</translation>
    </message>
    <message>
        <source>Double-click / Backspace (measuring)</source>
        <translation>Double-click / Backspace (measuring)</translation>
    </message>
    <message>
        <source>End the measurement / remove the last point</source>
        <translation>End the measurement / remove the last point</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close the summary, stop measuring, close a list</source>
        <translation>Close the summary, stop measuring, close a list</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>This list</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo / redo the last edit made in this window</source>
        <translation>Undo / redo the last edit made in this window</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the summary with its sources as text</source>
        <translation>Copy the summary with its sources as text</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Export table…</translation>
    </message>
    <message>
        <source>Close the summary (Esc)</source>
        <translation>Close the summary (Esc)</translation>
    </message>
    <message>
        <source>Save the figures with their scope, caveats and sources as CSV or XLSX</source>
        <translation>Save the figures with their scope, caveats and sources as CSV or XLSX</translation>
    </message>
    <message>
        <source>Shanxi overview</source>
        <translation>Shanxi overview</translation>
    </message>
    <message>
        <source>Specialty towns by city and level, following the filters. Click a county, town, park or city on the map for its summary.</source>
        <translation>Specialty towns by city and level, following the filters. Click a county, town, park or city on the map for its summary.</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Compare…</translation>
    </message>
    <message>
        <source>This county&apos;s summary beside another county&apos;s</source>
        <translation>This county&apos;s summary beside another county&apos;s</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Prov.</source>
        <translation>Prov.</translation>
    </message>
    <message>
        <source>Mun.</source>
        <translation>Mun.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Show %1&apos;s summary</source>
        <translation>Show %1&apos;s summary</translation>
    </message>
    <message>
        <source>(partial)</source>
        <translation>(partial)</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>Totals include the towns whose level the sources do not state. “partial”: the sources list only some of that city&apos;s towns; “no data”: they list none, which is not the same as none existing.</source>
        <translation>Totals include the towns whose level the sources do not state. “partial”: the sources list only some of that city&apos;s towns; “no data”: they list none, which is not the same as none existing.</translation>
    </message>
    <message>
        <source>County sheet…</source>
        <translation>County sheet…</translation>
    </message>
    <message>
        <source>A print page of this county: its map, towns, figures and sources</source>
        <translation>A print page of this county: its map, towns, figures and sources</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Name, county, sector, level, year named and source</source>
        <translation>Name, county, sector, level, year named and source</translation>
    </message>
    <message>
        <source>Figures…</source>
        <translation>Figures…</translation>
    </message>
    <message>
        <source>Add, correct or delete the town&apos;s figures with their sources</source>
        <translation>Add, correct or delete the town&apos;s figures with their sources</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Remove the town and its figures (kept in the history; Ctrl+Z undoes it)</source>
        <translation>Remove the town and its figures (kept in the history; Ctrl+Z undoes it)</translation>
    </message>
    <message>
        <source>Editing is off: %1</source>
        <translation>Editing is off: %1</translation>
    </message>
    <message>
        <source>Then click the town&apos;s place on the map (or drag the town on the map)</source>
        <translation>Then click the town&apos;s place on the map (or drag the town on the map)</translation>
    </message>
</context>
<context>
    <name>SummaryRow</name>
    <message>
        <source>The documents disagree: show the other reading</source>
        <translation>The documents disagree: show the other reading</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy this town&apos;s figures as report-ready text</source>
        <translation>Copy this town&apos;s figures as report-ready text</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Show the source document and the sentence quoted</source>
        <translation>Show the source document and the sentence quoted</translation>
    </message>
</context>
<context>
    <name>SummaryRows</name>
    <message>
        <source>Other reading: %1</source>
        <translation>Other reading: %1</translation>
    </message>
    <message>
        <source>As written in the source: %1</source>
        <translation>As written in the source: %1</translation>
    </message>
    <message>
        <source>County: not stated in the sources</source>
        <translation>County: not stated in the sources</translation>
    </message>
    <message>
        <source>The sources give no figures for this town.</source>
        <translation>The sources give no figures for this town.</translation>
    </message>
    <message>
        <source>county not stated</source>
        <translation>county not stated</translation>
    </message>
    <message>
        <source>investment %1</source>
        <translation>investment %1</translation>
    </message>
    <message>
        <source>Sources (%1)</source>
        <translation>Sources (%1)</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Data notes</source>
        <translation>Data notes</translation>
    </message>
    <message>
        <source>Data version %1</source>
        <translation>Data version %1</translation>
    </message>
    <message>
        <source>%1: city summary</source>
        <translation>%1: city summary</translation>
    </message>
    <message>
        <source>Specialty towns (%1)</source>
        <translation>Specialty towns (%1)</translation>
    </message>
    <message>
        <source>The sources list no specialty town in this county.</source>
        <translation>The sources list no specialty town in this county.</translation>
    </message>
    <message>
        <source>No data: the sources do not list all towns of %1.</source>
        <translation>No data: the sources do not list all towns of %1.</translation>
    </message>
    <message>
        <source>Parks and platforms (%1)</source>
        <translation>Parks and platforms (%1)</translation>
    </message>
    <message>
        <source>Planned projects (%1)</source>
        <translation>Planned projects (%1)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Towns per county: %1</source>
        <translation>Towns per county: %1</translation>
    </message>
    <message>
        <source>No towns in the sources: %1</source>
        <translation>No towns in the sources: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Towns whose county the sources do not state</source>
        <translation>Towns whose county the sources do not state</translation>
    </message>
    <message>
        <source>Corridor, core and belt (schematic)</source>
        <translation>Corridor, core and belt (schematic)</translation>
    </message>
    <message>
        <source>Counts stated in the documents</source>
        <translation>Counts stated in the documents</translation>
    </message>
    <message>
        <source>Specialty town</source>
        <translation>Specialty town</translation>
    </message>
    <message>
        <source>The point shows the county (county-level placement), not the town&apos;s location.</source>
        <translation>The point shows the county (county-level placement), not the town&apos;s location.</translation>
    </message>
    <message>
        <source>Innovation platform</source>
        <translation>Innovation platform</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Park</translation>
    </message>
    <message>
        <source>Industry: %1</source>
        <translation>Industry: %1</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Kind: %1</translation>
    </message>
    <message>
        <source>Layout: %1</source>
        <translation>Layout: %1</translation>
    </message>
    <message>
        <source>County: %1</source>
        <translation>County: %1</translation>
    </message>
    <message>
        <source>The point shows the county (county-level placement), not the exact location.</source>
        <translation>The point shows the county (county-level placement), not the exact location.</translation>
    </message>
    <message>
        <source>The shape is schematic, derived from the places the plan names.</source>
        <translation>The shape is schematic, derived from the places the plan names.</translation>
    </message>
    <message>
        <source>The point was placed on the map by a planner (an edit in this workspace), not taken from the documents.</source>
        <translation>The point was placed on the map by a planner (an edit in this workspace), not taken from the documents.</translation>
    </message>
</context>
<context>
    <name>TableExportDialog</name>
    <message>
        <source>Export the figures as a table</source>
        <translation>Export the figures as a table</translation>
    </message>
    <message>
        <source>File (.csv or .xlsx):</source>
        <translation>File (.csv or .xlsx):</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel workbook (XLSX)</translation>
    </message>
    <message>
        <source>One row per figure: town, figure, value, year, scope, whether it counts as the town&apos;s own, the other reading where documents disagree, notes, document and quoted sentence. Headers in the interface language.</source>
        <translation>One row per figure: town, figure, value, year, scope, whether it counts as the town&apos;s own, the other reading where documents disagree, notes, document and quoted sentence. Headers in the interface language.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV table (*.csv)</translation>
    </message>
</context>
<context>
    <name>TownDialog</name>
    <message>
        <source>Add a specialty town</source>
        <translation>Add a specialty town</translation>
    </message>
    <message>
        <source>Edit the town %1</source>
        <translation>Edit the town %1</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>Provincial</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>Municipal</translation>
    </message>
    <message>
        <source>Level not stated</source>
        <translation>Level not stated</translation>
    </message>
    <message>
        <source>Placed by you at %1 (point precision: placed by a user)</source>
        <translation>Placed by you at %1 (point precision: placed by a user)</translation>
    </message>
    <message>
        <source>Point placed by a user (Move changes it)</source>
        <translation>Point placed by a user (Move changes it)</translation>
    </message>
    <message>
        <source>Shown at its county (the documents give no exact place; Move places it)</source>
        <translation>Shown at its county (the documents give no exact place; Move places it)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>as the document writes it</source>
        <translation>as the document writes it</translation>
    </message>
    <message>
        <source>County</source>
        <translation>County</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>as the document names it</source>
        <translation>as the document names it</translation>
    </message>
    <message>
        <source>Sector class (the colour on the map)</source>
        <translation>Sector class (the colour on the map)</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>detail (optional), e.g. the batch</source>
        <translation>detail (optional), e.g. the batch</translation>
    </message>
    <message>
        <source>Year named</source>
        <translation>Year named</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>optional for a fact entered by hand</source>
        <translation>optional for a fact entered by hand</translation>
    </message>
    <message>
        <source>the sentence, word for word, as the document has it</source>
        <translation>the sentence, word for word, as the document has it</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>optional: why (kept in the change history)</source>
        <translation>optional: why (kept in the change history)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <source>New reference data</source>
        <translation>New reference data</translation>
    </message>
    <message>
        <source>The installed reference data (version %1) is newer than the one your workspace was made from (%2). Upgrading merges it: its changes apply where you have not edited; where you both changed a row, your version stays and the conflict is kept for review (Edit menu).</source>
        <translation>The installed reference data (version %1) is newer than the one your workspace was made from (%2). Upgrading merges it: its changes apply where you have not edited; where you both changed a row, your version stays and the conflict is kept for review (Edit menu).</translation>
    </message>
    <message>
        <source>%1 added · %2 changed · %3 removed · %4 conflicts</source>
        <translation>%1 added · %2 changed · %3 removed · %4 conflicts</translation>
    </message>
    <message>
        <source>Upgrade</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>unknown county &apos;%1&apos;</source>
        <translation>unknown county &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown county &apos;%1&apos;; did you mean: %2</source>
        <translation>unknown county &apos;%1&apos;; did you mean: %2</translation>
    </message>
    <message>
        <source>year named &apos;%1&apos; is a date, not a year (a date-formatted cell?); give the year, e.g. %2</source>
        <translation>year named &apos;%1&apos; is a date, not a year (a date-formatted cell?); give the year, e.g. %2</translation>
    </message>
    <message>
        <source>year &apos;%1&apos; is a date, not a year (a date-formatted cell?); give the year, e.g. %2</source>
        <translation>year &apos;%1&apos; is a date, not a year (a date-formatted cell?); give the year, e.g. %2</translation>
    </message>
    <message>
        <source>year named &apos;%1&apos; looks like a date stored as a number (a date-formatted cell); give the year</source>
        <translation>year named &apos;%1&apos; looks like a date stored as a number (a date-formatted cell); give the year</translation>
    </message>
    <message>
        <source>year &apos;%1&apos; looks like a date stored as a number (a date-formatted cell); give the year</source>
        <translation>year &apos;%1&apos; looks like a date stored as a number (a date-formatted cell); give the year</translation>
    </message>
    <message>
        <source>year named &apos;%1&apos; is not a year</source>
        <translation>year named &apos;%1&apos; is not a year</translation>
    </message>
    <message>
        <source>year &apos;%1&apos; is not a year</source>
        <translation>year &apos;%1&apos; is not a year</translation>
    </message>
    <message>
        <source>unknown source &apos;%1&apos; (give a source id, file name or title; register a new document with jinmap sources add FILE)</source>
        <translation>unknown source &apos;%1&apos; (give a source id, file name or title; register a new document with jinmap sources add FILE)</translation>
    </message>
    <message>
        <source>no quote from source %1 (give the sentence, or mark the row 手工录入)</source>
        <translation>no quote from source %1 (give the sentence, or mark the row 手工录入)</translation>
    </message>
    <message>
        <source>quote not found in 《%1》 (%2): %3</source>
        <translation>quote not found in 《%1》 (%2): %3</translation>
    </message>
    <message>
        <source>no town %1</source>
        <translation>no town %1</translation>
    </message>
    <message>
        <source>no level (the cell is empty; give 省级, 市级, provincial or municipal)</source>
        <translation>no level (the cell is empty; give 省级, 市级, provincial or municipal)</translation>
    </message>
    <message>
        <source>unknown level &apos;%1&apos; (expected 省级…, 市级…, provincial, municipal or unknown)</source>
        <translation>unknown level &apos;%1&apos; (expected 省级…, 市级…, provincial, municipal or unknown)</translation>
    </message>
    <message>
        <source>no town name</source>
        <translation>no town name</translation>
    </message>
    <message>
        <source>no county for town %1</source>
        <translation>no county for town %1</translation>
    </message>
    <message>
        <source>%1 is in %2, not %3</source>
        <translation>%1 is in %2, not %3</translation>
    </message>
    <message>
        <source>unknown sector group &apos;%1&apos;</source>
        <translation>unknown sector group &apos;%1&apos;</translation>
    </message>
    <message>
        <source>a point needs both lon and lat numbers</source>
        <translation>a point needs both lon and lat numbers</translation>
    </message>
    <message>
        <source>point %1,%2 lies outside %3</source>
        <translation>point %1,%2 lies outside %3</translation>
    </message>
    <message>
        <source>town name &apos;%1&apos; is ambiguous; give its id or county</source>
        <translation>town name &apos;%1&apos; is ambiguous; give its id or county</translation>
    </message>
    <message>
        <source>unknown town &apos;%1&apos;</source>
        <translation>unknown town &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown town &apos;%1&apos;; did you mean: %2</source>
        <translation>unknown town &apos;%1&apos;; did you mean: %2</translation>
    </message>
    <message>
        <source>town %1 in %2 exists already (%3); use town update</source>
        <translation>town %1 in %2 exists already (%3); use town update</translation>
    </message>
    <message>
        <source>no such town</source>
        <translation>no such town</translation>
    </message>
    <message>
        <source>no figure %1</source>
        <translation>no figure %1</translation>
    </message>
    <message>
        <source>unknown metric &apos;%1&apos;</source>
        <translation>unknown metric &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no town for the figure</source>
        <translation>no town for the figure</translation>
    </message>
    <message>
        <source>no label (what the figure measures)</source>
        <translation>no label (what the figure measures)</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>no value</translation>
    </message>
    <message>
        <source>value &apos;%1&apos; has no number</source>
        <translation>value &apos;%1&apos; has no number</translation>
    </message>
    <message>
        <source>unknown scope &apos;%1&apos; (town, county, company, city or province)</source>
        <translation>unknown scope &apos;%1&apos; (town, county, company, city or province)</translation>
    </message>
    <message>
        <source>a company figure needs the company&apos;s name</source>
        <translation>a company figure needs the company&apos;s name</translation>
    </message>
    <message>
        <source>a company is named but the scope is %1</source>
        <translation>a company is named but the scope is %1</translation>
    </message>
    <message>
        <source>value &apos;%1&apos; does not occur in the quote</source>
        <translation>value &apos;%1&apos; does not occur in the quote</translation>
    </message>
    <message>
        <source>that figure exists already (%1); use figure update</source>
        <translation>that figure exists already (%1); use figure update</translation>
    </message>
    <message>
        <source>the workspace is locked by another program (an import or the viewer writing); nothing was changed, try again</source>
        <translation>the workspace is locked by another program (an import or the viewer writing); nothing was changed, try again</translation>
    </message>
    <message>
        <source>the workspace is read-only; nothing was changed</source>
        <translation>the workspace is read-only; nothing was changed</translation>
    </message>
    <message>
        <source>磁盘已满（disk full）: the workspace could not be written and is as it was before; nothing was changed (free some space and try again)</source>
        <translation>磁盘已满（disk full）: the workspace could not be written and is as it was before; nothing was changed (free some space and try again)</translation>
    </message>
    <message>
        <source>nothing to change: town %1 has those values</source>
        <translation>nothing to change: town %1 has those values</translation>
    </message>
    <message>
        <source>nothing to change: figure %1 has those values</source>
        <translation>nothing to change: figure %1 has those values</translation>
    </message>
    <message>
        <source>已被他人删除：%1 %2 is no longer on the server; nothing was saved</source>
        <translation>Deleted by someone else: %1 %2 is no longer on the server; nothing was saved</translation>
    </message>
    <message>
        <source>已被 %1 于 %2 添加（%3 %4）: a row with this key was added on the server meanwhile; nothing was saved</source>
        <translation>Added by %1 at %2 (%3 %4): a row with this key was added on the server meanwhile; nothing was saved</translation>
    </message>
    <message>
        <source>已被 %1 于 %2 修改（%3 %4）: nothing was saved. Server&apos;s version → yours:%5</source>
        <translation>Changed by %1 at %2 (%3 %4): nothing was saved. Server&apos;s version → yours:%5</translation>
    </message>
    <message>
        <source>output path is a directory</source>
        <translation>output path is a directory</translation>
    </message>
    <message>
        <source>output directory does not exist</source>
        <translation>output directory does not exist</translation>
    </message>
    <message>
        <source>output directory is not writable</source>
        <translation>output directory is not writable</translation>
    </message>
    <message>
        <source>write failed: No space left on device</source>
        <translation>write failed: No space left on device</translation>
    </message>
    <message>
        <source>write failed: Permission denied</source>
        <translation>write failed: Permission denied</translation>
    </message>
    <message>
        <source>write failed: Read-only file system</source>
        <translation>write failed: Read-only file system</translation>
    </message>
    <message>
        <source>write failed: %1</source>
        <translation>write failed: %1</translation>
    </message>
    <message>
        <source>an atlas of images needs a folder</source>
        <translation>an atlas of images needs a folder</translation>
    </message>
</context>
<context>
    <name>jinmap::viewer::Controller</name>
    <message>
        <source>Cannot open the map database</source>
        <translation>Cannot open the map database</translation>
    </message>
    <message>
        <source>Build it with “ninja -C build/release geodata” (or tools/dev build), or start jinmap with --db FILE pointing to jinmap.sqlite.</source>
        <translation>Build it with “ninja -C build/release geodata” (or tools/dev build), or start jinmap with --db FILE pointing to jinmap.sqlite.</translation>
    </message>
    <message>
        <source>The database is damaged or from another version. Rebuild it with “ninja -C build/release geodata”, or choose another with --db FILE.</source>
        <translation>The database is damaged or from another version. Rebuild it with “ninja -C build/release geodata”, or choose another with --db FILE.</translation>
    </message>
    <message>
        <source>Cannot use the map style</source>
        <translation>Cannot use the map style</translation>
    </message>
    <message>
        <source>Fix the style file at the place named above (or start without --style); the map shows the built-in drawing meanwhile.</source>
        <translation>Fix the style file at the place named above (or start without --style); the map shows the built-in drawing meanwhile.</translation>
    </message>
    <message>
        <source>Cannot draw the map</source>
        <translation>Cannot draw the map</translation>
    </message>
    <message>
        <source>Specialty towns</source>
        <translation>Specialty towns</translation>
    </message>
    <message>
        <source>Datong layout</source>
        <translation>Datong layout</translation>
    </message>
    <message>
        <source>Administrative</source>
        <translation>Administrative</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <source>Neighbouring provinces</source>
        <translation>Neighbouring provinces</translation>
    </message>
    <message>
        <source>Neighbouring province borders</source>
        <translation>Neighbouring province borders</translation>
    </message>
    <message>
        <source>Towns per county</source>
        <translation>Towns per county</translation>
    </message>
    <message>
        <source>No data (hatched)</source>
        <translation>No data (hatched)</translation>
    </message>
    <message>
        <source>County borders</source>
        <translation>County borders</translation>
    </message>
    <message>
        <source>City borders</source>
        <translation>City borders</translation>
    </message>
    <message>
        <source>Province border</source>
        <translation>Province border</translation>
    </message>
    <message>
        <source>County names</source>
        <translation>County names</translation>
    </message>
    <message>
        <source>Town names</source>
        <translation>Town names</translation>
    </message>
    <message>
        <source>City names</source>
        <translation>City names</translation>
    </message>
    <message>
        <source>Cities</source>
        <translation>Cities</translation>
    </message>
    <message>
        <source>Datong counties</source>
        <translation>Datong counties</translation>
    </message>
    <message>
        <source>Datong border</source>
        <translation>Datong border</translation>
    </message>
    <message>
        <source>Corridor (schematic)</source>
        <translation>Corridor (schematic)</translation>
    </message>
    <message>
        <source>Corridor axis</source>
        <translation>Corridor axis</translation>
    </message>
    <message>
        <source>Core (schematic)</source>
        <translation>Core (schematic)</translation>
    </message>
    <message>
        <source>Belt (schematic)</source>
        <translation>Belt (schematic)</translation>
    </message>
    <message>
        <source>Innovation platforms</source>
        <translation>Innovation platforms</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>Parks</translation>
    </message>
    <message>
        <source>Park names</source>
        <translation>Park names</translation>
    </message>
    <message>
        <source>Counties</source>
        <translation>Counties</translation>
    </message>
    <message>
        <source>Datong layout (schematic)</source>
        <translation>Datong layout (schematic)</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Legend</translation>
    </message>
    <message>
        <source>Cannot build the legend</source>
        <translation>Cannot build the legend</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>Provincial</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>Municipal</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>County</source>
        <translation>County</translation>
    </message>
    <message>
        <source>Specialty town</source>
        <translation>Specialty town</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Park</translation>
    </message>
    <message>
        <source>Innovation platform</source>
        <translation>Innovation platform</translation>
    </message>
    <message>
        <source>Layout element</source>
        <translation>Layout element</translation>
    </message>
    <message>
        <source>Planned project</source>
        <translation>Planned project</translation>
    </message>
    <message>
        <source>Corridor</source>
        <translation>Corridor</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>Core</translation>
    </message>
    <message>
        <source>Belt</source>
        <translation>Belt</translation>
    </message>
    <message>
        <source>%1 · code %2</source>
        <translation>%1 · code %2</translation>
    </message>
    <message>
        <source>schematic</source>
        <translation>schematic</translation>
    </message>
    <message>
        <source>Cannot read the summary</source>
        <translation>Cannot read the summary</translation>
    </message>
    <message>
        <source>Summary copied</source>
        <translation>Summary copied</translation>
    </message>
    <message>
        <source>Cannot export the table</source>
        <translation>Cannot export the table</translation>
    </message>
    <message>
        <source>Choose a writable folder and a .csv or .xlsx name.</source>
        <translation>Choose a writable folder and a .csv or .xlsx name.</translation>
    </message>
    <message>
        <source>Table written to %1</source>
        <translation>Table written to %1</translation>
    </message>
    <message>
        <source>Unknown city: %1</source>
        <translation>Unknown city: %1</translation>
    </message>
    <message>
        <source>City · code %1</source>
        <translation>City · code %1</translation>
    </message>
    <message>
        <source>Figures of %1 copied</source>
        <translation>Figures of %1 copied</translation>
    </message>
    <message>
        <source>Select a county or a city first</source>
        <translation>Select a county or a city first</translation>
    </message>
    <message>
        <source>Cannot read the towns</source>
        <translation>Cannot read the towns</translation>
    </message>
    <message>
        <source>The rest of the window keeps working; try another theme or rebuild the database.</source>
        <translation>The rest of the window keeps working; try another theme or rebuild the database.</translation>
    </message>
    <message>
        <source>The online basemap cannot be loaded (%1). The thematic map is unaffected; the basemap needs a network connection.</source>
        <translation>The online basemap cannot be loaded (%1). The thematic map is unaffected; the basemap needs a network connection.</translation>
    </message>
    <message>
        <source>Level not stated</source>
        <translation>Level not stated</translation>
    </message>
    <message numerus="yes">
        <source>All %n specialty town(s)</source>
        <translation>
            <numerusform>All %n specialty town</numerusform>
            <numerusform>All %n specialty towns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n specialty town(s) match the filters</source>
        <translation>
            <numerusform>%n specialty town matches the filters</numerusform>
            <numerusform>%n specialty towns match the filters</numerusform>
        </translation>
    </message>
    <message>
        <source>No town on the map matches the filters</source>
        <translation>No town on the map matches the filters</translation>
    </message>
    <message>
        <source>Shanxi</source>
        <translation>Shanxi</translation>
    </message>
    <message>
        <source>%1: the plan does not say where it is</source>
        <translation>%1: the plan does not say where it is</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No data: the sources do not list this city&apos;s towns</source>
        <translation>No data: the sources do not list this city&apos;s towns</translation>
    </message>
    <message numerus="yes">
        <source>%n specialty town(s)</source>
        <translation>
            <numerusform>%n specialty town</numerusform>
            <numerusform>%n specialty towns</numerusform>
        </translation>
    </message>
    <message>
        <source>No specialty town is called %1</source>
        <translation>No specialty town is called %1</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>Cannot show %1: %2</translation>
    </message>
    <message>
        <source>Move the map over a city, or select a county or town first</source>
        <translation>Move the map over a city, or select a county or town first</translation>
    </message>
    <message>
        <source>%1 (provincial %2, municipal %3)</source>
        <translation>%1 (provincial %2, municipal %3)</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Sectors</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Figures in the sources</source>
        <translation>Figures in the sources</translation>
    </message>
    <message>
        <source>Parks and platforms</source>
        <translation>Parks and platforms</translation>
    </message>
    <message>
        <source>Planned projects</source>
        <translation>Planned projects</translation>
    </message>
</context>
<context>
    <name>jinmap::viewer::ExportController</name>
    <message>
        <source>The theme has no style file; start jinmap with --style FILE.</source>
        <translation>The theme has no style file; start jinmap with --style FILE.</translation>
    </message>
    <message>
        <source>the town filter (level, sector, city): every town of the theme is drawn</source>
        <translation>the town filter (level, sector, city): every town of the theme is drawn</translation>
    </message>
    <message>
        <source>hidden layers: the export draws the theme&apos;s every layer</source>
        <translation>hidden layers: the export draws the theme&apos;s every layer</translation>
    </message>
    <message>
        <source>Not applied to the export: %1.</source>
        <translation>Not applied to the export: %1.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>EPSG:3857 — Web Mercator (as on screen)</source>
        <translation>EPSG:3857 — Web Mercator (as on screen)</translation>
    </message>
    <message>
        <source>EPSG:4490 — CGCS2000 geographic (longitude/latitude)</source>
        <translation>EPSG:4490 — CGCS2000 geographic (longitude/latitude)</translation>
    </message>
    <message>
        <source>EPSG:4546 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 111°E</source>
        <translation>EPSG:4546 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 111°E</translation>
    </message>
    <message>
        <source>EPSG:4547 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E</source>
        <translation>EPSG:4547 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E</translation>
    </message>
    <message>
        <source>EPSG:4508 — CGCS2000 / 6-degree Gauss-Kruger, central meridian 111°E</source>
        <translation>EPSG:4508 — CGCS2000 / 6-degree Gauss-Kruger, central meridian 111°E</translation>
    </message>
    <message>
        <source>EPSG:4326 — WGS 84 geographic (longitude/latitude)</source>
        <translation>EPSG:4326 — WGS 84 geographic (longitude/latitude)</translation>
    </message>
    <message>
        <source>EPSG:32649 — WGS 84 / UTM zone 49N</source>
        <translation>EPSG:32649 — WGS 84 / UTM zone 49N</translation>
    </message>
    <message>
        <source>Current view</source>
        <translation>Current view</translation>
    </message>
    <message>
        <source>Selected county (none selected)</source>
        <translation>Selected county (none selected)</translation>
    </message>
    <message>
        <source>Selected county: %1</source>
        <translation>Selected county: %1</translation>
    </message>
    <message>
        <source>Its city (nothing selected)</source>
        <translation>Its city (nothing selected)</translation>
    </message>
    <message>
        <source>City: %1</source>
        <translation>City: %1</translation>
    </message>
    <message>
        <source>Shanxi province</source>
        <translation>Shanxi province</translation>
    </message>
    <message>
        <source>Every city of Shanxi, one page each (%1 pages)</source>
        <translation>Every city of Shanxi, one page each (%1 pages)</translation>
    </message>
    <message>
        <source>The counties of a city (select a county or city first)</source>
        <translation>The counties of a city (select a county or city first)</translation>
    </message>
    <message>
        <source>The counties of %1, one page each (%2 pages)</source>
        <translation>The counties of %1, one page each (%2 pages)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG drawing (*.svg)</translation>
    </message>
    <message>
        <source>GeoTIFF image (*.tif *.tiff)</source>
        <translation>GeoTIFF image (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>The page would be %1 × %2 pixels, above the raster limit (400 million pixels, 32000 per side): lower the DPI or the paper size.</source>
        <translation>The page would be %1 × %2 pixels, above the raster limit (400 million pixels, 32000 per side): lower the DPI or the paper size.</translation>
    </message>
    <message>
        <source>Cannot write there: %1</source>
        <translation>Cannot write there: %1</translation>
    </message>
    <message>
        <source>The map&apos;s typeface is not installed: %1</source>
        <translation>The map&apos;s typeface is not installed: %1</translation>
    </message>
    <message>
        <source>The export font “Jinmap Sans CJK SC” is missing: text copied out of the PDF may turn 大/山/谷 into radicals and lose digits.</source>
        <translation>The export font “Jinmap Sans CJK SC” is missing: text copied out of the PDF may turn 大/山/谷 into radicals and lose digits.</translation>
    </message>
    <message>
        <source>%1 of %2 labels overlap others and are left out: %3</source>
        <translation>%1 of %2 labels overlap others and are left out: %3</translation>
    </message>
    <message>
        <source>The typeface lacks %1 character(s), drawn as empty boxes: %2</source>
        <translation>The typeface lacks %1 character(s), drawn as empty boxes: %2</translation>
    </message>
    <message>
        <source>Legend entries that do not fit and are left out: %1</source>
        <translation>Legend entries that do not fit and are left out: %1</translation>
    </message>
    <message>
        <source>Table rows that do not fit on the page: %1 (the XLSX table keeps them)</source>
        <translation>Table rows that do not fit on the page: %1 (the XLSX table keeps them)</translation>
    </message>
    <message>
        <source>No room for the locator map on this page size.</source>
        <translation>No room for the locator map on this page size.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>%1 %2 · %3 × %4 mm · %5 dpi</source>
        <translation>%1 %2 · %3 × %4 mm · %5 dpi</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>landscape</translation>
    </message>
    <message>
        <source>portrait</source>
        <translation>portrait</translation>
    </message>
    <message>
        <source> · %1 × %2 pixels</source>
        <translation> · %1 × %2 pixels</translation>
    </message>
    <message>
        <source> · %1 pages</source>
        <translation> · %1 pages</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>Cannot export: %1</translation>
    </message>
    <message>
        <source>Preparing the pages…</source>
        <translation>Preparing the pages…</translation>
    </message>
    <message>
        <source>Page %1 of %2 written: %3</source>
        <translation>Page %1 of %2 written: %3</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Written: %1</translation>
    </message>
    <message>
        <source>Map exported to %1</source>
        <translation>Map exported to %1</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export cancelled; nothing was written.</translation>
    </message>
    <message>
        <source>The export failed; nothing was written. %1</source>
        <translation>The export failed; nothing was written. %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>jinmap::viewer::WorkspaceEditor</name>
    <message>
        <source>Your workspace: %1</source>
        <translation>Your workspace: %1</translation>
    </message>
    <message>
        <source>Created your workspace %1 from the reference data: your edits are kept there.</source>
        <translation>Created your workspace %1 from the reference data: your edits are kept there.</translation>
    </message>
    <message>
        <source>Could not create a workspace (%1); showing the read-only reference data.</source>
        <translation>Could not create a workspace (%1); showing the read-only reference data.</translation>
    </message>
    <message>
        <source>Updated with changes saved by another program</source>
        <translation>Updated with changes saved by another program</translation>
    </message>
    <message>
        <source>The PostgreSQL server cannot be reached: showing the last local copy, read-only; reconnecting…</source>
        <translation>The PostgreSQL server cannot be reached: showing the last local copy, read-only; reconnecting…</translation>
    </message>
    <message>
        <source>The PostgreSQL server cannot be reached (%1).</source>
        <translation>The PostgreSQL server cannot be reached (%1).</translation>
    </message>
    <message>
        <source>The connection to the server is lost; showing the last local copy, read-only; reconnecting…</source>
        <translation>The connection to the server is lost; showing the last local copy, read-only; reconnecting…</translation>
    </message>
    <message>
        <source>Connected to the PostgreSQL server again.</source>
        <translation>Connected to the PostgreSQL server again.</translation>
    </message>
    <message>
        <source>Updated with changes saved by another planner</source>
        <translation>Updated with changes saved by another planner</translation>
    </message>
    <message>
        <source>NOT saved on the server: %1</source>
        <translation>NOT saved on the server: %1</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>No database is open.</translation>
    </message>
    <message>
        <source>%1 is the read-only reference data. Edits go to a workspace: start jinmap without --db to use your own, or create one with “jinmap workspace init FILE” and open it with --db FILE.</source>
        <translation>%1 is the read-only reference data. Edits go to a workspace: start jinmap without --db to use your own, or create one with “jinmap workspace init FILE” and open it with --db FILE.</translation>
    </message>
    <message>
        <source>The workspace %1 is read-only (no write permission); edits are off.</source>
        <translation>The workspace %1 is read-only (no write permission); edits are off.</translation>
    </message>
    <message>
        <source>Saved: %1 (Ctrl+Z undoes it)</source>
        <translation>Saved: %1 (Ctrl+Z undoes it)</translation>
    </message>
    <message>
        <source>Entered by hand (no document)</source>
        <translation>Entered by hand (no document)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>add town %1</source>
        <translation>add town %1</translation>
    </message>
    <message>
        <source>No town %1 (deleted meanwhile?)</source>
        <translation>No town %1 (deleted meanwhile?)</translation>
    </message>
    <message>
        <source>Nothing to save: the fields are as they were.</source>
        <translation>Nothing to save: the fields are as they were.</translation>
    </message>
    <message>
        <source>edit town %1</source>
        <translation>edit town %1</translation>
    </message>
    <message>
        <source>That place is outside Shanxi&apos;s counties.</source>
        <translation>That place is outside Shanxi&apos;s counties.</translation>
    </message>
    <message>
        <source>move town %1</source>
        <translation>move town %1</translation>
    </message>
    <message>
        <source>delete town %1</source>
        <translation>delete town %1</translation>
    </message>
    <message>
        <source>add figure %1</source>
        <translation>add figure %1</translation>
    </message>
    <message>
        <source>No figure %1 (deleted meanwhile?)</source>
        <translation>No figure %1 (deleted meanwhile?)</translation>
    </message>
    <message>
        <source>edit figure %1</source>
        <translation>edit figure %1</translation>
    </message>
    <message>
        <source>delete figure %1</source>
        <translation>delete figure %1</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nothing to undo.</translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation>Nothing to redo.</translation>
    </message>
    <message>
        <source>Cannot undo “%1”: %2</source>
        <translation>Cannot undo “%1”: %2</translation>
    </message>
    <message>
        <source>Cannot redo “%1”: %2</source>
        <translation>Cannot redo “%1”: %2</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Undone: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Redone: %1</translation>
    </message>
    <message>
        <source>The workspace file was replaced; opened it again</source>
        <translation>The workspace file was replaced; opened it again</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source> (yours: %1)</source>
        <translation> (yours: %1)</translation>
    </message>
    <message>
        <source>Cannot compare with the installed reference data: %1</source>
        <translation>Cannot compare with the installed reference data: %1</translation>
    </message>
    <message>
        <source>No upgrade is waiting.</source>
        <translation>No upgrade is waiting.</translation>
    </message>
    <message>
        <source>Upgraded to the reference data %1: %2 added, %3 changed, %4 removed, %5 conflicts to review (Edit menu)</source>
        <translation>Upgraded to the reference data %1: %2 added, %3 changed, %4 removed, %5 conflicts to review (Edit menu)</translation>
    </message>
    <message>
        <source>The new reference data waits: “jinmap workspace upgrade” or the next start merges it</source>
        <translation>The new reference data waits: “jinmap workspace upgrade” or the next start merges it</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>name as written</source>
        <translation>name as written</translation>
    </message>
    <message>
        <source>county</source>
        <translation>county</translation>
    </message>
    <message>
        <source>city</source>
        <translation>city</translation>
    </message>
    <message>
        <source>sector</source>
        <translation>sector</translation>
    </message>
    <message>
        <source>sector group</source>
        <translation>sector group</translation>
    </message>
    <message>
        <source>level</source>
        <translation>level</translation>
    </message>
    <message>
        <source>level as written</source>
        <translation>level as written</translation>
    </message>
    <message>
        <source>year named</source>
        <translation>year named</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>quote</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>figure</translation>
    </message>
    <message>
        <source>value</source>
        <translation>value</translation>
    </message>
    <message>
        <source>value as written</source>
        <translation>value as written</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>year</source>
        <translation>year</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>scope</translation>
    </message>
    <message>
        <source>company</source>
        <translation>company</translation>
    </message>
    <message>
        <source>place</source>
        <translation>place</translation>
    </message>
    <message>
        <source>place precision</source>
        <translation>place precision</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Source text</source>
        <translation>Source text</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>You deleted it; the reference data changed it: it stays deleted.</source>
        <translation>You deleted it; the reference data changed it: it stays deleted.</translation>
    </message>
    <message>
        <source>The reference data drops it; you edited it: your version stays.</source>
        <translation>The reference data drops it; you edited it: your version stays.</translation>
    </message>
    <message>
        <source>Both added it with the same id: your version stays.</source>
        <translation>Both added it with the same id: your version stays.</translation>
    </message>
    <message>
        <source>Both changed it: your version stays.</source>
        <translation>Both changed it: your version stays.</translation>
    </message>
    <message>
        <source>Saved on the server: %1 (Ctrl+Z undoes it)</source>
        <translation>Saved on the server: %1 (Ctrl+Z undoes it)</translation>
    </message>
</context>
</TS>
