import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Jinmap 1.0

// The selection's summary, laid out from the presentation model's rows; with
// nothing selected, the towns per city and level (following the filters).
Pane {
    id: panel
    objectName: "summaryPanel"
    padding: 10
    background: Rectangle { color: "#fbfbfc"; border.color: "#dde" }
    signal compareRequested()
    // Editing the selected town (Main.qml opens the dialogs / the move mode).
    signal editTownRequested()
    signal figuresRequested()
    signal moveTownRequested()
    signal deleteTownRequested()

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Label {
            objectName: "summaryTitle"
            text: app.selectionKind === "" ? qsTr("Shanxi overview") : app.selectionTitle
            font.pointSize: 15
            font.bold: true
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }
        Label {
            objectName: "summarySubtitle"
            text: app.selectionKind === "" ? qsTr("Specialty towns by city and level, following the filters. Click a county, town, park or city on the map for its summary.")
                                           : app.selectionSubtitle
            color: "#456"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }
        Flow {
            visible: app.selectionKind !== ""
            Layout.fillWidth: true
            spacing: 4
            Button {
                objectName: "copyButton"
                text: qsTr("Copy")
                onClicked: app.copySummary()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Copy the summary with its sources as text")
            }
            Button {
                objectName: "exportButton"
                text: qsTr("Export table…")
                enabled: app.canExportTable
                onClicked: exportDialog.dialog().open()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Save the figures with their scope, caveats and sources as CSV or XLSX")
            }
            Button {
                objectName: "compareButton"
                text: qsTr("Compare…")
                visible: app.selectionKind === "county"
                onClicked: panel.compareRequested()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("This county's summary beside another county's")
            }
            Button {
                objectName: "countySheetButton"
                visible: app.selectionKind === "county"
                text: qsTr("County sheet…")
                onClicked: exporter.open("sheet")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("A print page of this county: its map, towns, figures and sources")
            }
            ToolButton {
                text: "✕"
                onClicked: app.clearSelection()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Close the summary (Esc)")
            }
        }

        // A town in a workspace: edit, figures, move, delete.
        Flow {
            objectName: "townEditRow"
            visible: app.selectionKind === "town"
            Layout.fillWidth: true
            spacing: 4
            Button {
                objectName: "editTownButton"
                text: qsTr("Edit…")
                enabled: editor.editable
                onClicked: panel.editTownRequested()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Name, county, sector, level, year named and source")
            }
            Button {
                objectName: "figuresButton"
                text: qsTr("Figures…")
                enabled: editor.editable
                onClicked: panel.figuresRequested()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Add, correct or delete the town's figures with their sources")
            }
            Button {
                objectName: "moveTownButton"
                text: qsTr("Move")
                enabled: editor.editable
                onClicked: panel.moveTownRequested()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Then click the town's place on the map (or drag the town on the map)")
            }
            Button {
                objectName: "deleteTownButton"
                text: qsTr("Delete…")
                enabled: editor.editable
                onClicked: panel.deleteTownRequested()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Remove the town and its figures (kept in the history; Ctrl+Z undoes it)")
            }
        }
        Label {
            objectName: "readOnlyNote"
            visible: app.selectionKind === "town" && !editor.editable
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: "#8a5a00"
            font.pointSize: 9
            text: qsTr("Editing is off: %1").arg(editor.readOnlyReason)
        }

        // Nothing selected: towns per city and level.
        ListView {
            id: overview
            objectName: "overviewList"
            visible: app.selectionKind === ""
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: app.overviewModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                id: overviewBar
                policy: overview.contentHeight > overview.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            }
            readonly property real rowWidth: width - 12
            readonly property real numberWidth: 62
            header: Item {
                width: overview.rowWidth
                height: 30
                Label {
                    x: 4
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("City")
                    font.bold: true
                }
                Row {
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    Repeater {
                        model: [["provincial", qsTr("Prov.")], ["municipal", qsTr("Mun.")], ["", qsTr("Total")]]
                        delegate: Item {
                            width: overview.numberWidth
                            height: 24
                            Label {
                                id: columnTitle
                                anchors.right: parent.right
                                anchors.rightMargin: 6
                                anchors.verticalCenter: parent.verticalCenter
                                text: modelData[1]
                                font.bold: true
                            }
                            TownIcon {
                                visible: modelData[0] !== ""
                                anchors.right: columnTitle.left
                                anchors.verticalCenter: parent.verticalCenter
                                width: 16
                                height: 16
                                level: modelData[0]
                            }
                        }
                    }
                }
                Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: "#cfd6df" }
            }
            footer: Label {
                width: overview.rowWidth
                topPadding: 8
                wrapMode: Text.Wrap
                color: "#666"
                font.pointSize: 9
                text: qsTr("Totals include the towns whose level the sources do not state. “partial”: the sources list only some of that city's towns; “no data”: they list none, which is not the same as none existing.")
            }
            delegate: ItemDelegate {
                id: cityRow
                objectName: "overviewRow"
                width: overview.rowWidth
                height: 28
                padding: 0
                readonly property bool total: model.coverage === "total"
                readonly property bool noData: model.coverage === "none" && model.total === 0
                readonly property var counts: [model.provincial, model.municipal, model.total]
                hoverEnabled: !total
                onClicked: if (!total) app.selectCity(model.adcode, true)
                ToolTip.visible: hovered && !total
                ToolTip.delay: 600
                ToolTip.text: qsTr("Show %1's summary").arg(model.name)
                background: Rectangle {
                    color: cityRow.hovered ? "#eaf1fb" : (cityRow.total ? "#f1f3f6" : "transparent")
                }
                contentItem: Item {
                    Label {
                        x: 4
                        width: parent.width - 3 * overview.numberWidth - 8
                        anchors.verticalCenter: parent.verticalCenter
                        text: model.name + (model.coverage === "partial" ? " " + qsTr("(partial)") : "")
                        font.bold: cityRow.total
                        elide: Text.ElideRight
                        color: cityRow.total ? "#222" : "#1f5fa8"
                    }
                    Label {
                        visible: cityRow.noData
                        anchors.right: parent.right
                        anchors.rightMargin: 6
                        anchors.verticalCenter: parent.verticalCenter
                        text: qsTr("no data")
                        color: "#888"
                    }
                    Row {
                        visible: !cityRow.noData
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        Repeater {
                            model: 3
                            delegate: Label {
                                objectName: "overviewCount"
                                width: overview.numberWidth
                                horizontalAlignment: Text.AlignRight
                                rightPadding: 6
                                font.bold: index === 2
                                text: cityRow.counts[index]
                            }
                        }
                    }
                }
            }
        }

        ListView {
            id: list
            objectName: "summaryList"
            visible: app.selectionKind !== ""
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: app.summaryModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                id: listBar
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            }
            delegate: SummaryRow {
                width: list.width - 12
            }
        }
    }

    LazyDialog { id: exportDialog; sourceComponent: Component { TableExportDialog {} } }
}
