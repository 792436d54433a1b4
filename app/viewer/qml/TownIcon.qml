import QtQuick 2.15
import Jinmap 1.0

// A town's symbol as the map draws it: shape and size by level, colour by
// sector group (the style's, through app.levelShapes and app.sectorColors).
SymbolIcon {
    property string level
    property string sectorKey
    readonly property var levelSymbol: app.levelShapes[level] || app.levelShapes["other"] || null
    width: 20
    height: 18
    shape: levelSymbol ? levelSymbol.shape : "circle"
    radius: levelSymbol ? levelSymbol.size : 4
    fill: sectorKey !== "" ? (app.sectorColors[sectorKey] || app.sectorColors["other"] || "#9e9e9e")
                           : "#8d8d8d"
}
