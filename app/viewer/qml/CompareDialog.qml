import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

// Two counties' summaries side by side, from the presentation model: the
// figures a planner compares first (towns by level, sectors, figures, parks,
// projects), then each county's summary with its sources.
Dialog {
    id: dialog
    objectName: "compareDialog"
    title: qsTr("Compare two counties")
    modal: true
    parent: Overlay.overlay
    anchors.centerIn: parent
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width - 60 : 1000, 1100)
    height: Math.min(parent ? parent.height - 60 : 800, 900)

    function indexOf(code) {
        for (var i = 0; i < app.countyOptions.length; ++i)
            if (app.countyOptions[i].adcode === code) return i
        return -1
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12
        Repeater {
            model: 2
            delegate: ColumnLayout {
                readonly property int side: index
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                ComboBox {
                    objectName: "compareCounty" + side
                    Layout.fillWidth: true
                    model: app.countyOptions
                    textRole: "label"
                    valueRole: "adcode"
                    currentIndex: dialog.indexOf(side === 0 ? app.compareLeft : app.compareRight)
                    onActivated: app.setCompareCounty(side, currentValue)
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Choose the county for this column")
                }
                ListView {
                    id: column
                    objectName: "compareList" + side
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 2
                    model: side === 0 ? app.compareLeftModel : app.compareRightModel
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {
                        id: columnBar
                        policy: column.contentHeight > column.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    }
                    delegate: SummaryRow {
                        width: column.width - 12
                    }
                    Label {
                        anchors.centerIn: parent
                        visible: column.count === 0
                        text: qsTr("Choose a county above")
                        color: "#888"
                    }
                }
            }
        }
    }
}
