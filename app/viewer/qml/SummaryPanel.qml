import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

Pane {
    id: panel
    objectName: "summaryPanel"
    padding: 10
    background: Rectangle { color: "#fbfbfc"; border.color: "#dde" }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Label {
            objectName: "summaryTitle"
            text: app.selectionKind === "" ? qsTr("Summary") : app.selectionTitle
            font.pointSize: 15
            font.bold: true
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }
        Label {
            objectName: "summarySubtitle"
            text: app.selectionKind === "" ? qsTr("Click a county, town, park or layout element on the map; search for a city to see its summary.")
                                           : app.selectionSubtitle
            color: "#456"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }
        RowLayout {
            visible: app.selectionKind !== ""
            Button {
                objectName: "copyButton"
                text: qsTr("Copy")
                onClicked: app.copySummary()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Copy the summary with its sources as text")
            }
            Button {
                objectName: "exportButton"
                text: qsTr("Export table…")
                enabled: app.canExportTable
                onClicked: exportDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Save the figures with their scope, caveats and sources as CSV or XLSX")
            }
            Button {
                objectName: "countySheetButton"
                visible: app.selectionKind === "county"
                text: qsTr("County sheet…")
                onClicked: exporter.open("sheet")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("A print page of this county: its map, towns, figures and sources")
            }
            Item { Layout.fillWidth: true }
            ToolButton {
                text: "✕"
                onClicked: app.clearSelection()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Close the summary (Esc)")
            }
        }

        ListView {
            id: list
            objectName: "summaryList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: app.summaryModel
            ScrollBar.vertical: ScrollBar {}
            delegate: Item {
                id: rowItem
                width: list.width - 10
                height: rowColumn.implicitHeight + 6
                property bool showQuote: false
                property bool showOther: false
                readonly property bool hasQuote: model.quote !== undefined && model.quote !== ""
                readonly property bool isTown: model.kind === "town" || model.kind === "townHead" || model.kind === "townLine"
                ColumnLayout {
                    id: rowColumn
                    width: parent.width
                    spacing: 1
                    Label {
                        visible: model.kind === "section"
                        text: model.title
                        font.bold: true
                        font.pointSize: 11
                        color: "#234"
                        topPadding: 8
                    }
                    // A link to the city's summary (county and town panels).
                    Label {
                        objectName: "cityLink"
                        visible: model.kind === "link"
                        text: "▸ " + model.title
                        color: "#1f5fa8"
                        font.underline: linkArea.containsMouse
                        MouseArea {
                            id: linkArea
                            anchors.fill: parent
                            hoverEnabled: true
                            cursorShape: Qt.PointingHandCursor
                            onClicked: app.selectCity(model.id, true)
                        }
                    }
                    RowLayout {
                        visible: model.kind !== "section" && model.kind !== "link"
                        Layout.fillWidth: true
                        spacing: 6
                        Rectangle {
                            visible: rowItem.isTown
                            width: 10; height: 10; radius: 5
                            color: model.level === "provincial" ? "#c0392b" : (model.level === "municipal" ? "#2e86c1" : "#999")
                        }
                        Label {
                            objectName: "summaryRowTitle"
                            text: (model.warn && model.kind === "note" ? "⚠ " : "") + model.title
                            font.bold: rowItem.isTown || model.kind === "park" || model.kind === "project"
                            leftPadding: model.kind === "fact" ? 16 : 0
                            color: model.kind === "note" ? "#8a5300" : (model.kind === "info" ? "#555" : (model.kind === "townLine" ? "#1f5fa8" : "#111"))
                            wrapMode: Text.Wrap
                            Layout.fillWidth: model.kind !== "fact"
                            Layout.maximumWidth: model.kind === "fact" ? rowItem.width * 0.45 : rowItem.width - 60
                            MouseArea {
                                anchors.fill: parent
                                enabled: model.kind === "townLine"
                                cursorShape: enabled ? Qt.PointingHandCursor : Qt.ArrowCursor
                                onClicked: app.selectTown(model.id, true)
                            }
                        }
                        Label {
                            objectName: "factValue"
                            visible: model.kind === "fact"
                            text: model.detail !== undefined ? model.detail : ""
                            font.bold: true
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                        }
                        // Scope badge: whose figure this is (only 本镇 counts as the town's).
                        Rectangle {
                            objectName: "scopeBadge"
                            visible: model.kind === "fact" && model.badge !== undefined && model.badge !== ""
                            radius: 3
                            implicitWidth: badgeLabel.implicitWidth + 8
                            implicitHeight: badgeLabel.implicitHeight + 2
                            color: model.badgeKind === "town" ? "#e8f3ea"
                                 : model.badgeKind === "company" ? "#efe8f6" : "#fdeedd"
                            border.color: model.badgeKind === "town" ? "#9cc7a4"
                                        : model.badgeKind === "company" ? "#b9a3d6" : "#e0a15a"
                            Label {
                                id: badgeLabel
                                anchors.centerIn: parent
                                text: model.badge !== undefined ? model.badge : ""
                                font.pointSize: 8
                                color: "#333"
                            }
                        }
                        ToolButton {
                            objectName: "conflictButton"
                            visible: model.kind === "fact" && model.warn === true
                            text: "⚠"
                            font.pointSize: 10
                            palette.buttonText: "#b35900"
                            onClicked: rowItem.showOther = !rowItem.showOther
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("The documents disagree: show the other reading")
                        }
                        ToolButton {
                            objectName: "copyTownButton"
                            visible: model.kind === "town"
                            text: qsTr("Copy")
                            font.pointSize: 9
                            onClicked: app.copyTown(model.id)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Copy this town's figures as report-ready text")
                        }
                        ToolButton {
                            visible: rowItem.hasQuote || (model.kind === "source" && model.provenance)
                            text: rowItem.showQuote ? qsTr("Hide") : (model.kind === "source" ? qsTr("File") : qsTr("Source"))
                            font.pointSize: 9
                            onClicked: rowItem.showQuote = !rowItem.showQuote
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Show the source document and the sentence quoted")
                        }
                    }
                    Label {
                        visible: (rowItem.isTown || model.kind === "park" || model.kind === "project") && (model.detail || model.extra)
                        text: (model.detail ? model.detail : "") + (model.extra ? "  ·  " + model.extra : "")
                        color: "#456"
                        leftPadding: 16
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    // The notes of a figure or a document, shown once, where they belong.
                    Label {
                        visible: model.notes !== undefined && model.notes !== ""
                        text: model.notes !== undefined ? model.notes : ""
                        color: "#8a5300"
                        font.pointSize: 9
                        leftPadding: 16
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    Rectangle {
                        objectName: "otherReading"
                        visible: rowItem.showOther
                        Layout.fillWidth: true
                        Layout.leftMargin: 16
                        implicitHeight: otherLabel.implicitHeight + 8
                        color: "#fff6ea"
                        border.color: "#e0a15a"
                        Label {
                            id: otherLabel
                            anchors.fill: parent
                            anchors.margins: 4
                            text: model.other !== undefined ? model.other : ""
                            wrapMode: Text.Wrap
                        }
                    }
                    Rectangle {
                        visible: rowItem.showQuote
                        Layout.fillWidth: true
                        Layout.leftMargin: 16
                        implicitHeight: quoteColumn.implicitHeight + 8
                        color: "#f1f4f8"
                        border.color: "#cfd8e3"
                        ColumnLayout {
                            id: quoteColumn
                            anchors.fill: parent
                            anchors.margins: 4
                            Label {
                                visible: model.kind !== "source"
                                text: model.source ? model.source : ""
                                color: "#345"
                                font.pointSize: 9
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                            }
                            Label {
                                visible: rowItem.hasQuote
                                text: "「" + (model.quote ? model.quote : "") + "」"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                            }
                            // Provenance detail: the document's file and checksum.
                            Label {
                                visible: model.provenance !== undefined && model.provenance !== ""
                                text: model.provenance !== undefined ? model.provenance : ""
                                color: "#778"
                                font.pointSize: 8
                                Layout.fillWidth: true
                                wrapMode: Text.WrapAnywhere
                            }
                        }
                    }
                }
            }
        }
    }

    TableExportDialog {
        id: exportDialog
    }
}
