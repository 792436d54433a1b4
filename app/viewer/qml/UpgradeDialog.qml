import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

// A newer reference data release is installed (issue 14 item 5): asked once
// on start, with what the merge would do (a dry run, nothing written yet):
// rows the reference adds, changes where the planner has not edited, rows it
// drops, and conflicts where both changed (the planner's row stays, listed
// for review). "Upgrade" merges in one transaction; "Later" keeps the
// workspace as it is for this session.
Dialog {
    id: dialog
    objectName: "upgradeDialog"
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    modal: true
    closePolicy: Popup.NoAutoClose
    width: Math.min(720, parent.width - 40)
    title: qsTr("New reference data")

    property var summary: editor.upgradeSummary
    property string errorText: ""

    function kindColour(kind) {
        return kind === "conflict" ? "#b00020" : kind === "added" ? "#2b6a2b"
             : kind === "removed" ? "#8a5a00" : "#1f4e8c"
    }

    contentItem: ColumnLayout {
        spacing: 8
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("The installed reference data (version %1) is newer than the one your workspace was made from (%2). Upgrading merges it: its changes apply where you have not edited; where you both changed a row, your version stays and the conflict is kept for review (Edit menu).")
                  .arg(dialog.summary.toVersion || "").arg(dialog.summary.fromVersion || "")
        }
        Label {
            objectName: "upgradeCounts"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.bold: true
            text: qsTr("%1 added · %2 changed · %3 removed · %4 conflicts")
                  .arg(dialog.summary.added || 0).arg(dialog.summary.changed || 0)
                  .arg(dialog.summary.removed || 0).arg(dialog.summary.conflicts || 0)
        }
        ListView {
            id: list
            objectName: "upgradeEntryList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(320, Math.max(40, contentHeight + 6))
            clip: true
            spacing: 2
            model: editor.upgradeEntries
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            }
            delegate: Rectangle {
                objectName: "upgradeEntry"
                width: list.width - 14
                height: entryColumn.implicitHeight + 8
                color: index % 2 ? "#f6f7f9" : "white"
                Column {
                    id: entryColumn
                    x: 6
                    y: 4
                    width: parent.width - 12
                    spacing: 2
                    Label {
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: "<b><font color=\"" + dialog.kindColour(modelData.kind) + "\">"
                              + modelData.kindLabel + "</font></b>　" + modelData.subject
                        textFormat: Text.StyledText
                    }
                    Label {
                        width: parent.width
                        visible: modelData.details !== ""
                        wrapMode: Text.Wrap
                        color: "#444"
                        text: modelData.details
                    }
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: dialog.errorText !== ""
            text: dialog.errorText
            color: "#b00020"
            wrapMode: Text.Wrap
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "upgradeConfirm"
            text: qsTr("Upgrade")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            onClicked: {
                dialog.errorText = editor.applyUpgrade()
                if (dialog.errorText === "")
                    dialog.close()
            }
        }
        Button {
            objectName: "upgradeLater"
            text: qsTr("Later")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            onClicked: {
                editor.postponeUpgrade()
                dialog.close()
            }
        }
    }
}
