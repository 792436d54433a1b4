import QtQuick 2.15
import QtQuick.Controls 2.15
import Jinmap 1.0

// One row of a summary (RowModel roles, see summary_rows.h). Laid out with
// explicit widths (no layouts inside the delegate), so that wrapped text
// gives the row its height in one pass.
Item {
    id: rowItem
    height: column.height + 6
    property bool showQuote: false
    property bool showOther: false
    readonly property bool hasQuote: model.quote !== undefined && model.quote !== ""
    readonly property bool isTown: model.kind === "town" || model.kind === "townHead" || model.kind === "townLine"
    readonly property bool isFact: model.kind === "fact"
    readonly property bool bold: isTown || model.kind === "park" || model.kind === "project"
    readonly property string detailText: model.detail !== undefined ? String(model.detail) : ""

    Column {
        id: column
        width: parent.width
        spacing: 1

        Label {
            visible: model.kind === "section"
            width: parent.width
            text: model.title
            font.bold: true
            font.pointSize: 11
            color: "#234"
            topPadding: 8
            wrapMode: Text.Wrap
        }
        // A link to the city's summary (county and town panels).
        Label {
            objectName: "cityLink"
            visible: model.kind === "link"
            width: parent.width
            text: "▸ " + model.title
            color: "#1f5fa8"
            font.underline: linkArea.containsMouse
            wrapMode: Text.Wrap
            MouseArea {
                id: linkArea
                anchors.fill: parent
                enabled: model.kind === "link"
                hoverEnabled: true
                cursorShape: Qt.PointingHandCursor
                onClicked: app.selectCity(model.id, true)
            }
        }
        Item {
            id: head
            visible: model.kind !== "section" && model.kind !== "link"
            width: parent.width
            height: Math.max(titleLabel.height, valueLabel.visible ? valueLabel.height : 0, buttons.height)
            TownIcon {
                id: townIcon
                visible: rowItem.isTown
                y: 1
                level: model.level !== undefined ? model.level : ""
                sectorKey: model.sectorKey !== undefined ? model.sectorKey : ""
            }
            Label {
                id: titleLabel
                objectName: "summaryRowTitle"
                x: rowItem.isTown ? townIcon.width + 4 : (rowItem.isFact ? 16 : 0)
                width: rowItem.isFact ? (head.width - x) * 0.45
                                      : head.width - x - buttons.width - 4
                text: (model.warn && model.kind === "note" ? "⚠ " : "") + model.title
                font.bold: rowItem.bold
                color: model.kind === "note" ? "#8a5300"
                     : (model.kind === "info" ? "#555" : (model.kind === "townLine" ? "#1f5fa8" : "#111"))
                wrapMode: Text.Wrap
                MouseArea {
                    anchors.fill: parent
                    enabled: model.kind === "townLine"
                    cursorShape: enabled ? Qt.PointingHandCursor : Qt.ArrowCursor
                    onClicked: app.selectTown(model.id, true)
                }
            }
            Label {
                id: valueLabel
                objectName: "factValue"
                visible: rowItem.isFact
                x: titleLabel.x + titleLabel.width + 6
                width: Math.max(40, head.width - x - buttons.width - 4)
                text: rowItem.detailText
                font.bold: true
                wrapMode: Text.Wrap
            }
            Row {
                id: buttons
                anchors.right: parent.right
                spacing: 2
                // Scope badge: whose figure this is (only 本镇 counts as the town's).
                Rectangle {
                    objectName: "scopeBadge"
                    visible: rowItem.isFact && model.badge !== undefined && model.badge !== ""
                    anchors.verticalCenter: parent.verticalCenter
                    radius: 3
                    width: badgeLabel.implicitWidth + 8
                    height: badgeLabel.implicitHeight + 2
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
                    visible: rowItem.isFact && model.warn === true
                    text: "⚠"
                    font.pointSize: 10
                    palette.buttonText: "#b35900"
                    onClicked: rowItem.showOther = !rowItem.showOther
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("The documents disagree: show the other reading")
                }
                ToolButton {
                    objectName: "copyTownButton"
                    visible: model.kind === "town"
                    text: qsTr("Copy")
                    font.pointSize: 9
                    onClicked: app.copyTown(model.id)
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Copy this town's figures as report-ready text")
                }
                ToolButton {
                    visible: rowItem.hasQuote || (model.kind === "source" && model.provenance !== undefined && model.provenance !== "")
                    text: rowItem.showQuote ? qsTr("Hide") : (model.kind === "source" ? qsTr("File") : qsTr("Source"))
                    font.pointSize: 9
                    onClicked: rowItem.showQuote = !rowItem.showQuote
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Show the source document and the sentence quoted")
                }
            }
        }
        Label {
            visible: (rowItem.bold) && (rowItem.detailText !== "" || (model.extra !== undefined && model.extra !== ""))
            width: parent.width
            text: rowItem.detailText + (model.extra ? "  ·  " + model.extra : "")
            color: "#456"
            leftPadding: 24
            wrapMode: Text.Wrap
        }
        // A figure or town entered by hand has no document or quote: who
        // entered it (手工录入（author）) stands where the source would be.
        Label {
            objectName: "handEnteredSource"
            visible: !rowItem.hasQuote && model.kind !== "source" && (model.provenance === undefined || model.provenance === "")
                     && model.source !== undefined && model.source !== ""
            width: parent.width
            text: model.source !== undefined ? model.source : ""
            color: "#6a5a8a"
            font.pointSize: 9
            leftPadding: rowItem.bold ? 24 : 16
            wrapMode: Text.Wrap
        }
        // The notes of a figure or a document, shown once, where they belong.
        Label {
            visible: model.notes !== undefined && model.notes !== ""
            width: parent.width
            text: model.notes !== undefined ? model.notes : ""
            color: "#8a5300"
            font.pointSize: 9
            leftPadding: 16
            wrapMode: Text.Wrap
        }
        Rectangle {
            objectName: "otherReading"
            visible: rowItem.showOther
            x: 16
            width: parent.width - 16
            height: otherLabel.height + 8
            color: "#fff6ea"
            border.color: "#e0a15a"
            Label {
                id: otherLabel
                x: 4
                y: 4
                width: parent.width - 8
                text: model.other !== undefined ? model.other : ""
                wrapMode: Text.Wrap
            }
        }
        Rectangle {
            visible: rowItem.showQuote
            x: 16
            width: parent.width - 16
            height: quoteColumn.height + 8
            color: "#f1f4f8"
            border.color: "#cfd8e3"
            Column {
                id: quoteColumn
                x: 4
                y: 4
                width: parent.width - 8
                Label {
                    visible: model.kind !== "source"
                    width: parent.width
                    text: model.source ? model.source : ""
                    color: "#345"
                    font.pointSize: 9
                    wrapMode: Text.Wrap
                }
                Label {
                    visible: rowItem.hasQuote
                    width: parent.width
                    text: "「" + (model.quote ? model.quote : "") + "」"
                    wrapMode: Text.Wrap
                }
                // Provenance detail: the document's file and checksum.
                Label {
                    visible: model.provenance !== undefined && model.provenance !== ""
                    width: parent.width
                    text: model.provenance !== undefined ? model.provenance : ""
                    color: "#778"
                    font.pointSize: 8
                    wrapMode: Text.WrapAnywhere
                }
            }
        }
    }
}
