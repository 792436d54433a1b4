import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Qt.labs.platform 1.1 as Platform

// "Export table…" of a county's or city's summary: the figures as CSV or
// XLSX, laid out by the presentation model (headers in the interface
// language, one row per figure with its scope, whether it counts as the
// town's own, the other reading, notes, document and quotation). Buttons in
// the interface language (not the platform's OK/Cancel).
Dialog {
    id: dialog
    objectName: "exportDialog"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    title: qsTr("Export the figures as a table")
    modal: true
    width: 560

    // In the folder of the last export (or Documents, or home: one that exists).
    onAboutToShow: pathField.text = exporter.folder + "/" + app.selectionTitle + (xlsxBox.checked ? ".xlsx" : ".csv")
    onAccepted: app.exportTable(pathField.text)

    // A Column, not a ColumnLayout: the wrapped explanation's height follows
    // the width the column gives it; in a layout it fed back into the
    // dialog's implicit height (a binding loop).
    contentItem: Column {
        spacing: 6
        Label {
            text: qsTr("File (.csv or .xlsx):")
        }
        RowLayout {
            width: parent.width
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
                    fileDialog.currentFile = exporter.urlFor(pathField.text)
                    fileDialog.open()
                }
            }
        }
        CheckBox {
            id: xlsxBox
            objectName: "exportTableXlsx"
            text: qsTr("Excel workbook (XLSX)")
            onToggled: pathField.text = pathField.text.replace(/\.(csv|xlsx)$/i, checked ? ".xlsx" : ".csv")
        }
        Label {
            text: qsTr("One row per figure: town, figure, value, year, scope, whether it counts as the town's own, the other reading where documents disagree, notes, document and quoted sentence. Headers in the interface language.")
            color: "#567"
            font.pointSize: 9
            width: parent.width
            wrapMode: Text.Wrap
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "exportTableSave"
            text: qsTr("Save")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            objectName: "exportTableCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    // The desktop's own save dialog (QFileDialog where there is none).
    Platform.FileDialog {
        id: fileDialog
        objectName: "exportFileDialog"
        title: dialog.title
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
