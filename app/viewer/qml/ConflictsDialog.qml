import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

// The conflicts reference upgrades left (issue 14 item 5): rows both the new
// reference and the planner changed. The planner's version stayed; here each
// field shows the reference's old and new value beside the planner's, so the
// planner can decide (and edit the town if the reference was right).
Dialog {
    id: dialog
    objectName: "conflictsDialog"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    modal: true
    width: Math.min(720, parent.width - 40)
    title: qsTr("Conflicts to review")

    property var conflicts: []

    function openList() {
        conflicts = editor.upgradeConflicts()
        open()
    }

    contentItem: ColumnLayout {
        spacing: 8
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: dialog.conflicts.length === 0
                  ? qsTr("No conflicts: every reference upgrade merged cleanly.")
                  : qsTr("Both the reference data and you changed these rows. Your version is kept; the reference's is shown beside it.")
        }
        ListView {
            id: list
            objectName: "conflictList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(360, Math.max(0, contentHeight))
            visible: dialog.conflicts.length > 0
            clip: true
            spacing: 6
            model: dialog.conflicts
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            }
            delegate: Rectangle {
                objectName: "conflictRow"
                width: list.width - 14
                height: conflictColumn.implicitHeight + 10
                color: index % 2 ? "#f6f7f9" : "white"
                border.color: "#e0e0e0"
                Column {
                    id: conflictColumn
                    x: 8
                    y: 5
                    width: parent.width - 16
                    spacing: 3
                    Label {
                        width: parent.width
                        wrapMode: Text.Wrap
                        font.bold: true
                        text: modelData.subject
                    }
                    Repeater {
                        model: modelData.fields
                        delegate: GridLayout {
                            width: conflictColumn.width
                            columns: 2
                            columnSpacing: 10
                            rowSpacing: 1
                            Label {
                                Layout.columnSpan: 2
                                text: modelData.field
                                color: "#555"
                            }
                            Label { text: qsTr("Reference data") }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: modelData.referenceBefore + " → " + modelData.referenceAfter
                            }
                            Label { text: qsTr("Yours (kept)") }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                color: "#2b6a2b"
                                text: modelData.planner
                            }
                        }
                    }
                    Label {
                        width: parent.width
                        visible: modelData.note !== ""
                        wrapMode: Text.Wrap
                        color: "#666"
                        text: modelData.note
                    }
                }
            }
        }
    }
    footer: DialogButtonBox {
        Button {
            text: qsTr("Close")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
