import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import QtQuick.Window 2.15
import Qt.labs.platform 1.1 as Platform

// 导出地图: what to export, the page, the area, the coordinate system, the
// titles and the layout items on the left; the page as it will be written
// on the right (drawn off the GUI thread by the same Exporter as
// `jinmap export`), the loss check under it; progress, cancel and the
// desktop's save dialog in the footer. State and actions: the context
// property "exporter" (ExportController).
Dialog {
    id: dialog
    objectName: "mapExportDialog"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    width: Math.min(1340, parent.width - 40)
    height: Math.min(900, parent.height - 40)
    modal: true
    focus: true
    padding: 12
    closePolicy: exporter.running ? Popup.NoAutoClose : Popup.CloseOnEscape
    title: exporter.kind === "sheet" ? qsTr("Export county sheet")
         : exporter.kind === "atlas" ? qsTr("Export atlas") : qsTr("Export map")

    // Opens the dialog for "map", "atlas" or "sheet" (the selected county's sheet).
    function openFor(kind) {
        exporter.open(kind)
    }

    function indexOfId(list, id) {
        for (var i = 0; i < list.length; ++i)
            if (list[i].id === id)
                return i
        return -1
    }

    // Asks where to write: the desktop's save dialog (a folder for an atlas of images).
    function chooseOutput() {
        if (exporter.writesFolder) {
            folderDialog.currentFolder = exporter.urlFor(exporter.folder)
            folderDialog.open()
            folderDialog.currentFolder = exporter.urlFor(exporter.folder)
        } else {
            var proposed = exporter.urlFor(exporter.folder + "/" + exporter.suggestedFileName)
            saveDialog.folder = exporter.urlFor(exporter.folder)
            saveDialog.currentFile = proposed
            saveDialog.open()
            // Again once shown: a dialog made on first use drops what was set before.
            saveDialog.currentFile = proposed
        }
    }

    onClosed: exporter.close()

    contentItem: RowLayout {
        spacing: 14

        // ---------------------------------------------------------- settings
        ScrollView {
            id: settingsView
            objectName: "exportSettings"
            Layout.preferredWidth: 410
            Layout.fillHeight: true
            clip: true
            contentWidth: availableWidth
            enabled: !exporter.running
            ScrollBar.vertical.policy: ScrollBar.AsNeeded

            ColumnLayout {
                width: settingsView.availableWidth - 12
                spacing: 6

                Label {
                    text: qsTr("What to export")
                    font.bold: true
                }
                RowLayout {
                    spacing: 2
                    RadioButton {
                        objectName: "exportKindMap"
                        text: qsTr("Map")
                        checked: exporter.kind === "map"
                        onToggled: if (checked) exporter.kind = "map"
                    }
                    RadioButton {
                        objectName: "exportKindAtlas"
                        text: qsTr("Atlas")
                        checked: exporter.kind === "atlas"
                        onToggled: if (checked) exporter.kind = "atlas"
                        ToolTip.visible: hovered
                        ToolTip.delay: 500
                        ToolTip.text: qsTr("One page per city or per county, in one PDF or a folder of images")
                    }
                    RadioButton {
                        objectName: "exportKindSheet"
                        text: qsTr("County sheet")
                        enabled: exporter.canSheet
                        checked: exporter.kind === "sheet"
                        onToggled: if (checked) exporter.kind = "sheet"
                        ToolTip.visible: hovered
                        ToolTip.delay: 500
                        ToolTip.text: exporter.canSheet ? qsTr("The county's map with its towns, figures and sources on one page")
                                                        : qsTr("Select a county on the map first")
                    }
                }

                Label {
                    visible: exporter.kind !== "sheet"
                    text: exporter.kind === "atlas" ? qsTr("Pages") : qsTr("Area")
                    font.bold: true
                    topPadding: 4
                }
                Repeater {
                    model: exporter.kind === "map" ? exporter.extentOptions
                         : exporter.kind === "atlas" ? exporter.atlasOptions : []
                    delegate: RadioButton {
                        objectName: "exportArea_" + modelData.id
                        Layout.fillWidth: true
                        text: modelData.label
                        enabled: modelData.enabled
                        checked: (exporter.kind === "atlas" ? exporter.atlas : exporter.extent) === modelData.id
                        onToggled: {
                            if (!checked)
                                return
                            if (exporter.kind === "atlas")
                                exporter.atlas = modelData.id
                            else
                                exporter.extent = modelData.id
                        }
                    }
                }
                Label {
                    visible: exporter.kind === "sheet"
                    text: exporter.sheetTitle
                    font.bold: true
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                }
                CheckBox {
                    objectName: "exportWithTable"
                    visible: exporter.kind === "sheet"
                    text: qsTr("Also write its figures as an XLSX table (same name)")
                    checked: exporter.withTable
                    onToggled: exporter.withTable = checked
                }

                Label {
                    text: qsTr("Page")
                    font.bold: true
                    topPadding: 4
                }
                GridLayout {
                    columns: 2
                    columnSpacing: 8
                    rowSpacing: 4
                    Layout.fillWidth: true

                    Label { text: qsTr("Format") }
                    ComboBox {
                        id: formatBox
                        objectName: "exportFormat"
                        Layout.fillWidth: true
                        textRole: "label"
                        valueRole: "id"
                        model: [
                            { id: "pdf", label: qsTr("PDF — vector, fonts embedded") },
                            { id: "png", label: qsTr("PNG image") },
                            { id: "svg", label: qsTr("SVG drawing") },
                            { id: "tif", label: qsTr("GeoTIFF — georeferenced image") }
                        ]
                        currentIndex: dialog.indexOfId(model, exporter.format)
                        onActivated: exporter.format = currentValue
                    }

                    Label { text: qsTr("Paper") }
                    ComboBox {
                        id: paperBox
                        objectName: "exportPaper"
                        Layout.fillWidth: true
                        textRole: "label"
                        valueRole: "id"
                        model: [
                            { id: "A4", label: "A4（210 × 297 mm）" },
                            { id: "A3", label: "A3（297 × 420 mm）" },
                            { id: "A2", label: "A2（420 × 594 mm）" },
                            { id: "custom", label: qsTr("Custom size") }
                        ]
                        currentIndex: dialog.indexOfId(model, exporter.paper)
                        onActivated: exporter.paper = currentValue
                    }

                    Label {
                        visible: exporter.paper === "custom"
                        text: qsTr("Width × height")
                    }
                    RowLayout {
                        visible: exporter.paper === "custom"
                        SpinBox {
                            objectName: "exportPaperWidth"
                            from: 50
                            to: 2000
                            editable: true
                            value: Math.round(exporter.paperWidthMm)
                            onValueModified: exporter.paperWidthMm = value
                            Layout.preferredWidth: 120
                        }
                        Label { text: "×" }
                        SpinBox {
                            objectName: "exportPaperHeight"
                            from: 50
                            to: 2000
                            editable: true
                            value: Math.round(exporter.paperHeightMm)
                            onValueModified: exporter.paperHeightMm = value
                            Layout.preferredWidth: 120
                        }
                        Label { text: qsTr("mm") }
                    }

                    Label { text: qsTr("Orientation") }
                    RowLayout {
                        enabled: exporter.paper !== "custom"
                        RadioButton {
                            objectName: "exportLandscape"
                            text: qsTr("Landscape")
                            checked: exporter.orientation === "landscape"
                            onToggled: if (checked) exporter.orientation = "landscape"
                        }
                        RadioButton {
                            objectName: "exportPortrait"
                            text: qsTr("Portrait")
                            checked: exporter.orientation === "portrait"
                            onToggled: if (checked) exporter.orientation = "portrait"
                        }
                    }

                    Label { text: qsTr("Resolution") }
                    RowLayout {
                        SpinBox {
                            id: dpiBox
                            objectName: "exportDpi"
                            from: 72
                            to: 600
                            stepSize: 50
                            editable: true
                            value: exporter.dpi
                            onValueModified: exporter.dpi = value
                            Layout.preferredWidth: 130
                        }
                        Label { text: "dpi" }
                    }
                }

                Label {
                    text: qsTr("Coordinate system")
                    font.bold: true
                    topPadding: 4
                }
                ComboBox {
                    id: crsBox
                    objectName: "exportCrs"
                    Layout.fillWidth: true
                    editable: true
                    textRole: "label"
                    valueRole: "id"
                    model: exporter.crsOptions
                    currentIndex: dialog.indexOfId(exporter.crsOptions, exporter.crs)
                    onActivated: exporter.crs = currentValue
                    onAccepted: exporter.crs = editText
                    ToolTip.visible: hovered
                    ToolTip.delay: 500
                    ToolTip.text: qsTr("Choose one, or type another code (e.g. EPSG:4549) and press Enter")
                }

                Label {
                    text: qsTr("Titles")
                    font.bold: true
                    topPadding: 4
                }
                TextField {
                    objectName: "exportTitle"
                    Layout.fillWidth: true
                    visible: exporter.kind !== "sheet"
                    selectByMouse: true
                    placeholderText: exporter.kind === "atlas" ? qsTr("Common title (optional)") : qsTr("Title")
                    text: exporter.title
                    onTextEdited: exporter.title = text
                }
                TextField {
                    objectName: "exportSubtitle"
                    Layout.fillWidth: true
                    selectByMouse: true
                    placeholderText: qsTr("Subtitle (optional)")
                    text: exporter.subtitle
                    onTextEdited: exporter.subtitle = text
                }
                Label {
                    visible: exporter.kind === "atlas"
                    text: qsTr("Each page is titled with its area; a common title becomes every page's subtitle.")
                    color: "#567"
                    font.pointSize: 9
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                }
                Button {
                    objectName: "exportResetTitles"
                    text: qsTr("Titles from the theme and area")
                    flat: true
                    onClicked: exporter.resetTitles()
                }

                Label {
                    text: qsTr("On the page")
                    font.bold: true
                    topPadding: 4
                }
                GridLayout {
                    columns: 2
                    columnSpacing: 4
                    rowSpacing: 0
                    CheckBox {
                        objectName: "exportLegend"
                        text: qsTr("Legend")
                        checked: exporter.legend
                        onToggled: exporter.legend = checked
                    }
                    CheckBox {
                        objectName: "exportScaleBar"
                        text: qsTr("Scale bar")
                        checked: exporter.scaleBar
                        onToggled: exporter.scaleBar = checked
                    }
                    CheckBox {
                        objectName: "exportNorthArrow"
                        text: qsTr("North arrow")
                        checked: exporter.northArrow
                        onToggled: exporter.northArrow = checked
                    }
                    CheckBox {
                        objectName: "exportInset"
                        text: qsTr("Locator map")
                        checked: exporter.inset
                        onToggled: exporter.inset = checked
                    }
                    CheckBox {
                        objectName: "exportNotes"
                        Layout.columnSpan: 2
                        text: qsTr("Notes: sources, caveats, data version")
                        checked: exporter.notes
                        onToggled: exporter.notes = checked
                    }
                }
                Label {
                    objectName: "exportViewNote"
                    visible: exporter.viewNote !== ""
                    text: exporter.viewNote
                    color: "#8a5300"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                }

                Label {
                    text: qsTr("The same export from the command line")
                    font.bold: true
                    topPadding: 4
                }
                TextArea {
                    objectName: "exportCommandLine"
                    Layout.fillWidth: true
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    font.family: "monospace"
                    font.pointSize: 8
                    color: "#345"
                    text: exporter.commandLine
                    background: Rectangle { color: "#f1f4f8"; border.color: "#cfd8e3" }
                }
            }
        }

        // ---------------------------------------------------------- preview
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 6

            Rectangle {
                id: previewArea
                objectName: "exportPreviewArea"
                Layout.fillWidth: true
                Layout.fillHeight: true
                color: "#d5dae1"
                radius: 2
                function updateSize() {
                    if (width > 40 && height > 40)
                        exporter.previewSize = Qt.size(Math.floor((width - 20) * Screen.devicePixelRatio),
                                                       Math.floor((height - 20) * Screen.devicePixelRatio))
                }
                onWidthChanged: updateSize()
                onHeightChanged: updateSize()

                Rectangle {
                    // The paper's edge and shadow.
                    anchors.centerIn: previewImage
                    anchors.horizontalCenterOffset: 2
                    anchors.verticalCenterOffset: 2
                    width: previewImage.paintedWidth
                    height: previewImage.paintedHeight
                    color: "#9aa3ad"
                    visible: previewImage.status === Image.Ready
                }
                Image {
                    id: previewImage
                    objectName: "exportPreview"
                    anchors.fill: parent
                    anchors.margins: 10
                    source: exporter.previewSource
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    smooth: true
                    mipmap: true
                    opacity: exporter.problem !== "" ? 0.25 : 1
                }
                BusyIndicator {
                    anchors.top: parent.top
                    anchors.right: parent.right
                    anchors.margins: 12
                    width: 36
                    height: 36
                    running: exporter.previewPending
                    visible: running
                }
                Label {
                    objectName: "exportProblem"
                    anchors.centerIn: parent
                    width: parent.width * 0.7
                    visible: exporter.problem !== ""
                    text: qsTr("Cannot make this page: %1").arg(exporter.problem)
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    color: "#a50e0e"
                    font.pointSize: 11
                    padding: 12
                    background: Rectangle { color: "#fdecea"; border.color: "#d93025"; radius: 4 }
                }
            }

            RowLayout {
                // One height with or without the page buttons: the preview
                // keeps its size (and resolution) when an atlas is chosen.
                Layout.fillWidth: true
                Layout.preferredHeight: 36
                ToolButton {
                    objectName: "exportPreviousPage"
                    visible: exporter.pageCount > 1
                    text: "◀"
                    enabled: exporter.previewPage > 0
                    onClicked: exporter.previewPage = exporter.previewPage - 1
                }
                Label {
                    objectName: "exportPageLabel"
                    visible: exporter.pageCount > 1
                    text: qsTr("Page %1 of %2: %3").arg(exporter.previewPage + 1).arg(exporter.pageCount).arg(exporter.pageName)
                }
                ToolButton {
                    objectName: "exportNextPage"
                    visible: exporter.pageCount > 1
                    text: "▶"
                    enabled: exporter.previewPage + 1 < exporter.pageCount
                    onClicked: exporter.previewPage = exporter.previewPage + 1
                }
                Label {
                    text: exporter.pageDescription
                    color: "#345"
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "exportPreviewTime"
                    visible: exporter.previewSource !== ""
                    text: qsTr("preview %1 ms").arg(Math.round(exporter.previewMs))
                    color: "#789"
                    font.pointSize: 9
                }
            }

            // The loss check, before anything is written.
            Rectangle {
                id: checkBox
                objectName: "exportCheck"
                Layout.fillWidth: true
                // A fixed height: the preview above keeps its size (and
                // resolution) whatever the number of findings.
                Layout.preferredHeight: 118
                color: exporter.hasErrors ? "#fdecea" : (exporter.issues.length > 0 ? "#fff6ea" : "#eef6ef")
                border.color: exporter.hasErrors ? "#d93025" : (exporter.issues.length > 0 ? "#e0a15a" : "#9cc7a4")
                radius: 3
                ScrollView {
                    id: checkScroll
                    anchors.fill: parent
                    anchors.margins: 8
                    clip: true
                    contentWidth: checkColumn.width
                    ColumnLayout {
                        id: checkColumn
                        // Room for the scroll bar kept, so that wrapping does not depend on it.
                        width: checkBox.width - 28
                        spacing: 2
                        Label {
                            text: exporter.checking ? qsTr("Checking the page at %1 dpi…").arg(exporter.dpi)
                                                    : qsTr("Check before writing")
                            font.bold: true
                        }
                        Label {
                            objectName: "exportCheckPassed"
                            visible: !exporter.checking && exporter.problem === "" && exporter.issues.length === 0
                            text: "✓ " + qsTr("Nothing is lost: every label and character is drawn, the page size is fine.")
                            color: "#2d6a3a"
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                        }
                        Repeater {
                            model: exporter.issues
                            delegate: Label {
                                objectName: "exportIssue"
                                text: (modelData.severity === "error" ? "⛔ " : "⚠ ") + modelData.text
                                color: modelData.severity === "error" ? "#a50e0e" : "#8a5300"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
            }
        }
    }

    footer: Pane {
        padding: 10
        background: Rectangle { color: "#f4f5f7"; border.color: "#dde" }
        RowLayout {
            anchors.fill: parent
            spacing: 10
            ProgressBar {
                objectName: "exportProgress"
                visible: exporter.running
                from: 0
                to: Math.max(1, exporter.progressTotal)
                value: exporter.progressDone
                indeterminate: exporter.running && exporter.progressDone === 0
                Layout.preferredWidth: 220
            }
            Label {
                objectName: "exportResult"
                text: exporter.running ? exporter.progressText : exporter.resultText
                color: exporter.running ? "#345" : (exporter.resultOk ? "#2d6a3a" : "#a50e0e")
                Layout.fillWidth: true
                elide: Text.ElideMiddle
            }
            Button {
                objectName: "exportOpenResult"
                visible: !exporter.running && exporter.resultOk
                text: qsTr("Open")
                onClicked: Qt.openUrlExternally(exporter.urlFor(exporter.resultPath))
            }
            Button {
                objectName: "exportWriteButton"
                visible: !exporter.running
                highlighted: true
                enabled: exporter.canExport
                text: exporter.writesFolder ? qsTr("Export to a folder…") : qsTr("Export…")
                onClicked: dialog.chooseOutput()
            }
            Button {
                objectName: "exportCancelButton"
                visible: exporter.running
                text: qsTr("Cancel export")
                onClicked: exporter.cancel()
            }
            Button {
                objectName: "exportCloseButton"
                enabled: !exporter.running
                text: qsTr("Close")
                onClicked: dialog.close()
            }
        }
    }

    // The desktop's own save dialogs (QFileDialog where there is none).
    Platform.FileDialog {
        id: saveDialog
        objectName: "mapExportFileDialog"
        title: dialog.title
        fileMode: Platform.FileDialog.SaveFile
        nameFilters: exporter.nameFilters
        defaultSuffix: exporter.format
        onAccepted: exporter.start(file.toString())
    }
    Platform.FolderDialog {
        id: folderDialog
        objectName: "mapExportFolderDialog"
        title: qsTr("Folder for the atlas (it gets a folder of its own inside)")
        onAccepted: exporter.start(folder.toString())
    }
}
