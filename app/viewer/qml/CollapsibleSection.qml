import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

// A section of a side panel: a header that is always on screen (click or
// Space to fold) and a body that takes what room the panel has, up to its
// natural height; a body with more than that scrolls in itself.
ColumnLayout {
    id: root
    property string title
    property string badge
    property bool expanded: true
    // The body's natural height (its content); the body never grows past it.
    property real bodyHeight: 100
    property real minimumBodyHeight: 90
    default property alias body: holder.data
    spacing: 0
    Layout.fillWidth: true
    Layout.fillHeight: expanded
    Layout.preferredHeight: header.height + (expanded ? bodyHeight : 0)
    Layout.maximumHeight: header.height + (expanded ? bodyHeight : 0)
    Layout.minimumHeight: header.height + (expanded ? Math.min(bodyHeight, minimumBodyHeight) : 0)

    Rectangle {
        id: header
        objectName: root.objectName + "Header"
        Layout.fillWidth: true
        implicitHeight: 30
        color: headerArea.containsMouse ? "#e6ebf2" : "#eef1f5"
        border.color: "#d8dde6"
        activeFocusOnTab: true
        Keys.onSpacePressed: root.expanded = !root.expanded
        Accessible.role: Accessible.Button
        Accessible.name: root.title
        Label {
            id: arrow
            anchors.left: parent.left
            anchors.leftMargin: 8
            anchors.verticalCenter: parent.verticalCenter
            text: root.expanded ? "▾" : "▸"
            color: "#345"
        }
        Label {
            anchors.left: arrow.right
            anchors.leftMargin: 6
            anchors.right: badgeLabel.left
            anchors.rightMargin: 6
            anchors.verticalCenter: parent.verticalCenter
            text: root.title
            font.bold: true
            color: "#234"
            elide: Text.ElideRight
        }
        Label {
            id: badgeLabel
            anchors.right: parent.right
            anchors.rightMargin: 8
            anchors.verticalCenter: parent.verticalCenter
            text: root.badge
            color: "#567"
        }
        MouseArea {
            id: headerArea
            anchors.fill: parent
            hoverEnabled: true
            cursorShape: Qt.PointingHandCursor
            onClicked: root.expanded = !root.expanded
        }
        ToolTip.visible: headerArea.containsMouse
        ToolTip.delay: 600
        ToolTip.text: root.expanded ? qsTr("Click to fold this section") : qsTr("Click to unfold this section")
    }

    Item {
        id: holder
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: root.expanded
        clip: true
    }
}
