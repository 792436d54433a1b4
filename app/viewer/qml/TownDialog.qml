import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

// Adding a town where the planner clicked, or editing a town's fields: the
// same checks as `jinmap town add|update` and imports (known county, level,
// a quote found in its document or "entered by hand"). An error stays in the
// dialog and nothing is written.
Dialog {
    id: dialog
    objectName: "townDialog"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    modal: true
    width: 600
    title: mode === "add" ? qsTr("Add a specialty town") : qsTr("Edit the town %1").arg(originalName)

    property string mode: "add"
    property string townId: ""
    property string originalName: ""
    property real lon: 0
    property real lat: 0
    property string placeText: ""
    property string errorText: ""
    property var sources: []
    property var groups: []

    readonly property var levels: [
        { value: "provincial", label: qsTr("Provincial") },
        { value: "municipal", label: qsTr("Municipal") },
        { value: "unknown", label: qsTr("Level not stated") }
    ]

    function indexOf(list, key, value) {
        for (var i = 0; i < list.length; ++i)
            if (list[i][key] === value) return i
        return 0
    }
    function fill(f) {
        sources = editor.sourceOptions()
        groups = editor.sectorGroupOptions()
        nameField.text = f.name || ""
        countyField.text = f.county || ""
        cityField.text = f.city || ""
        sectorField.text = f.sector || ""
        groupBox.currentIndex = indexOf(groups, "value", f.sector_group || "")
        levelBox.currentIndex = indexOf(levels, "value", f.level || "unknown")
        levelDetailField.text = f.level_detail || ""
        yearField.text = f.year_named || ""
        sourceBox.currentIndex = indexOf(sources, "id", f.source || "")
        quoteField.text = f.quote || ""
        reasonField.text = ""
        errorText = ""
    }
    function openAdd(lon, lat, county) {
        mode = "add"
        townId = ""
        originalName = ""
        dialog.lon = lon
        dialog.lat = lat
        fill({ county: county.county || "", city: county.city || "", level: "provincial" })
        placeText = qsTr("Placed by you at %1 (point precision: placed by a user)").arg(app.coordinateText(lon, lat))
        open()
        nameField.forceActiveFocus()
    }
    function openEdit(id) {
        var f = editor.townFields(id)
        mode = "edit"
        townId = id
        originalName = f.name || ""
        fill(f)
        placeText = f.location_precision === "user" ? qsTr("Point placed by a user (Move changes it)")
                                                    : qsTr("Shown at its county (the documents give no exact place; Move places it)")
        open()
    }
    function fields() {
        var f = {
            name: nameField.text, county: countyField.text, city: cityField.text,
            sector: sectorField.text, sector_group: groups.length ? groups[groupBox.currentIndex].value : "",
            level: levels[levelBox.currentIndex].value, level_detail: levelDetailField.text,
            year_named: yearField.text,
            source: sources.length ? sources[sourceBox.currentIndex].id : "",
            quote: quoteField.text
        }
        if (mode === "add") {
            f.lon = lon.toFixed(6)
            f.lat = lat.toFixed(6)
        }
        return f
    }
    function save() {
        var error = mode === "add" ? editor.addTown(fields(), reasonField.text)
                                   : editor.updateTown(townId, fields(), reasonField.text)
        errorText = error
        if (error === "")
            close()
    }

    contentItem: Column {
        spacing: 8
        GridLayout {
            width: parent.width
            columns: 2
            columnSpacing: 10
            rowSpacing: 6
            Label { text: qsTr("Name") }
            TextField { id: nameField; objectName: "townName"; Layout.fillWidth: true; selectByMouse: true; placeholderText: qsTr("as the document writes it") }
            Label { text: qsTr("County") }
            RowLayout {
                Layout.fillWidth: true
                TextField { id: countyField; objectName: "townCounty"; Layout.fillWidth: true; selectByMouse: true }
                Label { text: qsTr("City") }
                TextField { id: cityField; objectName: "townCity"; Layout.fillWidth: true; selectByMouse: true }
            }
            Label { text: qsTr("Sector") }
            RowLayout {
                Layout.fillWidth: true
                TextField { id: sectorField; objectName: "townSector"; Layout.fillWidth: true; selectByMouse: true; placeholderText: qsTr("as the document names it") }
                ComboBox {
                    id: groupBox
                    objectName: "townSectorGroup"
                    Layout.preferredWidth: 170
                    model: dialog.groups
                    textRole: "label"
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Sector class (the colour on the map)")
                }
            }
            Label { text: qsTr("Level") }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: levelBox
                    objectName: "townLevel"
                    Layout.preferredWidth: 150
                    model: dialog.levels
                    textRole: "label"
                }
                TextField { id: levelDetailField; objectName: "townLevelDetail"; Layout.fillWidth: true; selectByMouse: true; placeholderText: qsTr("detail (optional), e.g. the batch") }
            }
            Label { text: qsTr("Year named") }
            TextField { id: yearField; objectName: "townYear"; Layout.preferredWidth: 120; selectByMouse: true; inputMethodHints: Qt.ImhDigitsOnly }
            Label { text: qsTr("Source") }
            ComboBox {
                id: sourceBox
                objectName: "townSource"
                Layout.fillWidth: true
                model: dialog.sources
                textRole: "label"
            }
            Label { text: qsTr("Quote"); Layout.alignment: Qt.AlignTop; topPadding: 6 }
            TextArea {
                id: quoteField
                objectName: "townQuote"
                Layout.fillWidth: true
                Layout.preferredHeight: 64
                wrapMode: TextEdit.Wrap
                selectByMouse: true
                placeholderText: sourceBox.currentIndex === 0 ? qsTr("optional for a fact entered by hand")
                                                              : qsTr("the sentence, word for word, as the document has it")
                background: Rectangle { border.color: quoteField.activeFocus ? "#1f78b4" : "#c4c9d0"; radius: 2 }
            }
            Label { text: qsTr("Reason") }
            TextField { id: reasonField; objectName: "townReason"; Layout.fillWidth: true; selectByMouse: true; placeholderText: qsTr("optional: why (kept in the change history)") }
        }
        Label {
            width: parent.width
            text: dialog.placeText
            color: "#456"
            wrapMode: Text.Wrap
        }
        Label {
            objectName: "townError"
            width: parent.width
            visible: text !== ""
            text: dialog.errorText
            color: "#b00020"
            wrapMode: Text.Wrap
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "townSave"
            text: dialog.mode === "add" ? qsTr("Add") : qsTr("Save")
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.save()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
