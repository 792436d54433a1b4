import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

// F1: what the keyboard and the mouse do.
Dialog {
    id: dialog
    objectName: "shortcutsDialog"
    title: qsTr("Keyboard and mouse")
    modal: true
    parent: Overlay.overlay
    anchors.centerIn: parent
    standardButtons: Dialog.Close
    width: 560

    readonly property var entries: [
        [qsTr("Mouse wheel, + / −, the map's + − buttons"), qsTr("Zoom in or out, one step (×1.4)")],
        [qsTr("Drag the map, arrow keys"), qsTr("Move the map")],
        [qsTr("Home, the Home button"), qsTr("The theme's whole area (Datong layout: Datong)")],
        [qsTr("The City button"), qsTr("The city of the selection, or the one in the middle of the map")],
        [qsTr("Alt+← / Alt+→"), qsTr("Previous / next view")],
        [qsTr("Click on the map"), qsTr("The summary of the county, city, town, park or layout element clicked")],
        [qsTr("Ctrl+F, then Return"), qsTr("Search; Return shows the place, or a list when several share the name")],
        [qsTr("M"), qsTr("Measure distances; with “Area”, the area of the polygon")],
        [qsTr("Double-click / Backspace (measuring)"), qsTr("End the measurement / remove the last point")],
        [qsTr("Esc"), qsTr("Close the summary, stop measuring, close a list")],
        [qsTr("Ctrl+Z / Ctrl+Shift+Z"), qsTr("Undo / redo the last edit made in this window")],
        [qsTr("F1"), qsTr("This list")]
    ]

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: 16
        rowSpacing: 6
        Repeater {
            model: dialog.entries.length * 2
            delegate: Label {
                readonly property var entry: dialog.entries[Math.floor(index / 2)]
                text: entry[index % 2]
                font.bold: index % 2 === 0
                wrapMode: Text.Wrap
                Layout.fillWidth: index % 2 === 1
                Layout.maximumWidth: index % 2 === 0 ? 230 : -1
            }
        }
    }
}
