import QtQuick 2.15
import QtQuick.Controls 2.15

// Removing a town: the planner confirms and may say why (kept in the change
// history, so that undo and `jinmap revert` can bring the town back).
Dialog {
    id: deleteDialog
    objectName: "deleteTownDialog"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    modal: true
    width: 460
    title: qsTr("Delete %1?").arg(townName)
    property string townId: ""
    property string townName: ""
    property string errorText: ""
    function openFor(id, name) {
        townId = id
        townName = name
        errorText = ""
        deleteReason.text = ""
        open()
    }
    contentItem: Column {
        spacing: 8
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("The town and its figures leave the map and the summaries. The change history keeps them: Ctrl+Z (or jinmap revert) brings them back.")
        }
        TextField {
            id: deleteReason
            objectName: "deleteReason"
            width: parent.width
            selectByMouse: true
            placeholderText: qsTr("optional: why (kept in the change history)")
        }
        Label {
            width: parent.width
            visible: text !== ""
            text: deleteDialog.errorText
            color: "#b00020"
            wrapMode: Text.Wrap
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "deleteConfirm"
            text: qsTr("Delete")
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: {
                deleteDialog.errorText = editor.removeTown(deleteDialog.townId, deleteReason.text)
                if (deleteDialog.errorText === "")
                    deleteDialog.close()
            }
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
