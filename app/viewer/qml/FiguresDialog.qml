import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

// A town's figures: each with its value, year, scope and source, to edit or
// delete; below, the form for a new figure or the one being edited. Checked
// as `jinmap figure add|update` checks (a value with a number, a known
// scope, the quote found in its document or "entered by hand").
Dialog {
    id: dialog
    objectName: "figuresDialog"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    modal: true
    width: 640
    title: qsTr("Figures of %1").arg(townName)

    property string townId: ""
    property string townName: ""
    property var figures: []
    property var sources: []
    property string editing: ""   // fact id being edited; "" adds a new figure
    property string errorText: ""

    readonly property var scopes: [
        { value: "town", label: qsTr("The town") },
        { value: "county", label: qsTr("The whole county") },
        { value: "company", label: qsTr("One company") },
        { value: "city", label: qsTr("The whole city") },
        { value: "province", label: qsTr("The province") }
    ]

    function indexOf(list, key, value) {
        for (var i = 0; i < list.length; ++i)
            if (list[i][key] === value) return i
        return 0
    }
    function refresh() {
        figures = editor.townFigures(townId)
    }
    function fillForm(f) {
        editing = f.fact_id || ""
        labelField.text = f.label || ""
        valueField.text = f.value || ""
        unitField.text = f.unit || ""
        yearField.text = f.year || ""
        scopeBox.currentIndex = indexOf(scopes, "value", f.scope || "town")
        companyField.text = f.company || ""
        sourceBox.currentIndex = indexOf(sources, "id", f.source || "")
        quoteField.text = f.quote || ""
        reasonField.text = ""
        errorText = ""
    }
    function openFor(id, name) {
        townId = id
        townName = name
        sources = editor.sourceOptions()
        refresh()
        fillForm({})
        open()
    }
    function formFields() {
        return {
            town: townId, label: labelField.text, value: valueField.text, unit: unitField.text,
            year: yearField.text, scope: scopes[scopeBox.currentIndex].value,
            company: companyField.text,
            source: sources.length ? sources[sourceBox.currentIndex].id : "",
            quote: quoteField.text
        }
    }
    function save() {
        var error = editing === "" ? editor.addFigure(townId, formFields(), reasonField.text)
                                   : editor.updateFigure(editing, formFields(), reasonField.text)
        errorText = error
        if (error === "") {
            refresh()
            fillForm({})
        }
    }
    function remove(factId) {
        errorText = editor.removeFigure(factId, reasonField.text)
        refresh()
        if (editing === factId)
            fillForm({})
    }

    contentItem: Column {
        spacing: 8
        ListView {
            id: list
            objectName: "figureList"
            width: parent.width
            height: Math.min(220, Math.max(40, contentHeight))
            clip: true
            model: dialog.figures
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            }
            delegate: Rectangle {
                objectName: "figureRow"
                width: list.width - 14
                height: 34
                color: modelData.fact_id === dialog.editing ? "#eaf1fb" : (index % 2 ? "#f6f7f9" : "white")
                Label {
                    x: 6
                    width: parent.width - buttons.width - 16
                    anchors.verticalCenter: parent.verticalCenter
                    elide: Text.ElideRight
                    text: modelData.label + "：" + modelData.value + (modelData.unit !== "" && modelData.value.indexOf(modelData.unit) < 0 ? " " + modelData.unit : "")
                          + (modelData.year !== "" ? "（" + modelData.year + "）" : "")
                    ToolTip.visible: rowHover.hovered
                    ToolTip.delay: 500
                    ToolTip.text: modelData.quote !== "" ? modelData.quote : qsTr("Entered by hand")
                    HoverHandler { id: rowHover }
                }
                Row {
                    id: buttons
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    spacing: 2
                    ToolButton {
                        objectName: "figureEdit"
                        text: qsTr("Edit")
                        onClicked: dialog.fillForm(modelData)
                    }
                    ToolButton {
                        objectName: "figureDelete"
                        text: qsTr("Delete")
                        onClicked: dialog.remove(modelData.fact_id)
                    }
                }
            }
        }
        Label {
            visible: dialog.figures.length === 0
            text: qsTr("No figures yet.")
            color: "#666"
        }
        Rectangle { width: parent.width; height: 1; color: "#dde" }
        Label {
            text: dialog.editing === "" ? qsTr("New figure") : qsTr("Edit the figure")
            font.bold: true
        }
        GridLayout {
            width: parent.width
            columns: 2
            columnSpacing: 10
            rowSpacing: 6
            Label { text: qsTr("Figure") }
            TextField { id: labelField; objectName: "figureLabel"; Layout.fillWidth: true; selectByMouse: true; placeholderText: qsTr("what it measures, as the document says") }
            Label { text: qsTr("Value") }
            RowLayout {
                Layout.fillWidth: true
                TextField { id: valueField; objectName: "figureValue"; Layout.fillWidth: true; selectByMouse: true }
                Label { text: qsTr("Unit") }
                TextField { id: unitField; objectName: "figureUnit"; Layout.preferredWidth: 90; selectByMouse: true }
                Label { text: qsTr("Year") }
                TextField { id: yearField; objectName: "figureYear"; Layout.preferredWidth: 70; selectByMouse: true }
            }
            Label { text: qsTr("Scope") }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: scopeBox
                    objectName: "figureScope"
                    Layout.preferredWidth: 170
                    model: dialog.scopes
                    textRole: "label"
                }
                TextField {
                    id: companyField
                    objectName: "figureCompany"
                    Layout.fillWidth: true
                    visible: dialog.scopes[scopeBox.currentIndex].value === "company"
                    selectByMouse: true
                    placeholderText: qsTr("the company")
                }
                Item { Layout.fillWidth: true; visible: !companyField.visible }
            }
            Label { text: qsTr("Source") }
            ComboBox {
                id: sourceBox
                objectName: "figureSource"
                Layout.fillWidth: true
                model: dialog.sources
                textRole: "label"
            }
            Label { text: qsTr("Quote"); Layout.alignment: Qt.AlignTop; topPadding: 6 }
            TextArea {
                id: quoteField
                objectName: "figureQuote"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                wrapMode: TextEdit.Wrap
                selectByMouse: true
                placeholderText: sourceBox.currentIndex === 0 ? qsTr("optional for a fact entered by hand")
                                                              : qsTr("the sentence, word for word, as the document has it")
                background: Rectangle { border.color: quoteField.activeFocus ? "#1f78b4" : "#c4c9d0"; radius: 2 }
            }
            Label { text: qsTr("Reason") }
            TextField { id: reasonField; objectName: "figureReason"; Layout.fillWidth: true; selectByMouse: true; placeholderText: qsTr("optional: why (kept in the change history)") }
        }
        Label {
            objectName: "figureError"
            width: parent.width
            visible: text !== ""
            text: dialog.errorText
            color: "#b00020"
            wrapMode: Text.Wrap
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "figureSave"
            text: dialog.editing === "" ? qsTr("Add figure") : qsTr("Save figure")
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.save()
        }
        Button {
            visible: dialog.editing !== ""
            text: qsTr("New figure")
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.fillForm({})
        }
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
