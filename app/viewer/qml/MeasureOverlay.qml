import QtQuick 2.15
import QtQuick.Shapes 1.15

// The measuring path (and its area) over the map, in the map's pixels. A
// Shape, which both scene graphs draw: QtLocation's MapPolyline and
// MapPolygon are custom geometry that Qt Quick's software renderer leaves
// out. Made by a Loader in Main.qml while measuring: `map` and `win` are its
// ids there.
Item {
    id: overlay
    // The clicked points, then the pointer while the path is open.
    readonly property var path: win.pathOf(win.measurePoints,
                                           win.measureDone ? null : win.measurePointer, false)
    readonly property var pixels: {
        // Again whenever the camera moves.
        var dependsOn = [map.center, map.zoomLevel, map.width, map.height]
        var out = []
        for (var i = 0; i < path.length; ++i)
            out.push(map.fromCoordinate(path[i], false))
        return out
    }
    readonly property bool closed: win.measureArea && pixels.length >= 3

    Shape {
        objectName: "measureArea"
        anchors.fill: parent
        visible: overlay.closed
        ShapePath {
            strokeColor: "transparent"
            fillColor: "#331f78b4"
            PathPolyline { path: overlay.pixels }
        }
    }
    Shape {
        objectName: "measureLine"
        anchors.fill: parent
        visible: overlay.pixels.length >= 2
        ShapePath {
            strokeColor: "#1f78b4"
            strokeWidth: 2.5
            fillColor: "transparent"
            joinStyle: ShapePath.RoundJoin
            capStyle: ShapePath.RoundCap
            PathPolyline {
                path: overlay.closed ? overlay.pixels.concat([overlay.pixels[0]]) : overlay.pixels
            }
        }
    }
}
