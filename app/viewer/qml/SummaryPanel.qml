import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Qt.labs.platform 1.1 as Platform

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
            text: app.selectionKind === "" ? qsTr("Click a county, town, park or layout element on the map.")
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
                ToolTip.text: qsTr("Save the county's figures with their sources as CSV or XLSX")
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
                    RowLayout {
                        visible: model.kind !== "section"
                        Layout.fillWidth: true
                        spacing: 6
                        Rectangle {
                            visible: model.kind === "town"
                            width: 10; height: 10; radius: 5
                            color: model.level === "provincial" ? "#c0392b" : (model.level === "municipal" ? "#2e86c1" : "#999")
                        }
                        Label {
                            objectName: "summaryRowTitle"
                            text: model.title
                            font.bold: model.kind === "town" || model.kind === "park" || model.kind === "project"
                            leftPadding: model.kind === "fact" ? 16 : 0
                            color: model.kind === "note" ? "#8a5300" : (model.kind === "info" ? "#555" : "#111")
                            wrapMode: Text.Wrap
                            Layout.fillWidth: model.kind !== "fact"
                            Layout.maximumWidth: rowItem.width - 60
                        }
                        Label {
                            visible: model.kind === "fact"
                            text: model.detail
                            font.bold: true
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                        }
                        ToolButton {
                            visible: model.quote !== undefined && model.quote !== ""
                            text: rowItem.showQuote ? qsTr("Hide") : qsTr("Source")
                            font.pointSize: 9
                            onClicked: rowItem.showQuote = !rowItem.showQuote
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Show the source document and the sentence quoted")
                        }
                    }
                    Label {
                        visible: (model.kind === "town" || model.kind === "park" || model.kind === "project") && (model.detail || model.extra)
                        text: (model.detail ? model.detail : "") + (model.extra ? "  ·  " + model.extra : "")
                        color: "#456"
                        leftPadding: 16
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        visible: model.kind === "note" && model.source !== undefined && model.source !== ""
                        text: qsTr("Sources: %1").arg(model.source)
                        color: "#8a5300"
                        font.pointSize: 9
                        leftPadding: 16
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
                                text: model.source ? model.source : ""
                                color: "#345"
                                font.pointSize: 9
                                Layout.fillWidth: true
                                wrapMode: Text.WrapAnywhere
                            }
                            Label {
                                text: "「" + (model.quote ? model.quote : "") + "」"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
            }
        }
    }

    Dialog {
        id: exportDialog
        objectName: "exportDialog"
        title: qsTr("Export the county's figures")
        modal: true
        anchors.centerIn: Overlay.overlay
        standardButtons: Dialog.Ok | Dialog.Cancel
        width: 520
        onAboutToShow: pathField.text = StandardPathsHome + "/" + app.selectionTitle + (xlsxBox.checked ? ".xlsx" : ".csv")
        ColumnLayout {
            anchors.fill: parent
            Label { text: qsTr("File (.csv or .xlsx):") }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: pathField
                    objectName: "exportPath"
                    Layout.fillWidth: true
                    selectByMouse: true
                }
                Button {
                    objectName: "exportBrowse"
                    text: qsTr("Browse…")
                    onClicked: {
                        fileDialog.currentFile = "file://" + pathField.text
                        fileDialog.open()
                    }
                }
            }
            CheckBox {
                id: xlsxBox
                text: qsTr("Excel workbook (XLSX)")
                onToggled: pathField.text = pathField.text.replace(/\.(csv|xlsx)$/i, checked ? ".xlsx" : ".csv")
            }
        }
        onAccepted: app.exportTable(pathField.text)
    }

    // The desktop's own save dialog (QFileDialog where there is none).
    Platform.FileDialog {
        id: fileDialog
        objectName: "exportFileDialog"
        title: qsTr("Export the county's figures")
        fileMode: Platform.FileDialog.SaveFile
        defaultSuffix: xlsxBox.checked ? "xlsx" : "csv"
        nameFilters: xlsxBox.checked ? [qsTr("Excel workbook (*.xlsx)"), qsTr("CSV table (*.csv)")]
                                     : [qsTr("CSV table (*.csv)"), qsTr("Excel workbook (*.xlsx)")]
        onAccepted: {
            var path = decodeURIComponent(file.toString().replace(/^file:\/\//, ""))
            pathField.text = path
            xlsxBox.checked = /\.xlsx$/i.test(path)
        }
    }
}
