import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15

Pane {
    id: panel
    objectName: "leftPanel"
    padding: 8
    background: Rectangle { color: "#f7f8fa"; border.color: "#dde" }

    ScrollView {
        id: scroll
        anchors.fill: parent
        clip: true
        contentWidth: availableWidth

        ColumnLayout {
            width: scroll.availableWidth
            spacing: 2

            SectionLabel { text: qsTr("Layers") }
            Repeater {
                objectName: "layerList"
                model: app.layerModel
                delegate: CheckBox {
                    objectName: "layer_" + model.id
                    text: model.label
                    checked: model.visible
                    onToggled: app.setLayerVisible(model.id, checked)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Show or hide this layer")
                }
            }

            SectionLabel { text: app.legendTitle; wrapMode: Text.Wrap; Layout.fillWidth: true }
            Repeater {
                objectName: "legendList"
                model: app.legendModel
                delegate: RowLayout {
                    objectName: "legendRow"
                    spacing: 6
                    Layout.fillWidth: true
                    Item {
                        visible: !model.heading
                        Layout.preferredWidth: 22
                        Layout.preferredHeight: 16
                        Rectangle {
                            anchors.centerIn: parent
                            width: model.symbol === "circle" ? 12 : (model.symbol === "line" ? 22 : 20)
                            height: model.symbol === "circle" ? 12 : (model.symbol === "line" ? 3 : 14)
                            radius: model.symbol === "circle" ? 6 : 0
                            color: model.symbol === "line" ? model.stroke : model.fill
                            border.color: model.symbol === "line" ? "transparent" : model.stroke
                            border.width: 1
                            Canvas {
                                anchors.fill: parent
                                visible: model.symbol === "hatch"
                                onPaint: {
                                    var ctx = getContext("2d")
                                    ctx.strokeStyle = "#888"
                                    ctx.lineWidth = 1
                                    for (var i = -height; i < width; i += 4) {
                                        ctx.beginPath(); ctx.moveTo(i, height); ctx.lineTo(i + height, 0); ctx.stroke()
                                    }
                                }
                            }
                        }
                    }
                    Label {
                        text: model.label
                        font.bold: model.heading
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        objectName: "legendCount"
                        visible: model.count >= 0
                        text: model.count
                        color: "#345"
                    }
                }
            }

            SectionLabel { text: qsTr("Filters") }
            Label { text: qsTr("Level"); color: "#456" }
            Flow {
                Layout.fillWidth: true
                Repeater {
                    model: app.levelOptions
                    delegate: CheckBox {
                        objectName: "filter_level_" + modelData.value
                        text: modelData.label
                        checked: modelData.checked
                        onToggled: app.setFilterValue("level", modelData.value, checked)
                    }
                }
            }
            Label { text: qsTr("Sector"); color: "#456" }
            Flow {
                Layout.fillWidth: true
                Repeater {
                    model: app.sectorOptions
                    delegate: CheckBox {
                        objectName: "filter_sector_" + modelData.value
                        text: modelData.label
                        checked: modelData.checked
                        onToggled: app.setFilterValue("sector", modelData.value, checked)
                    }
                }
            }
            Label { text: qsTr("City"); color: "#456" }
            Flow {
                Layout.fillWidth: true
                Repeater {
                    model: app.prefectureOptions
                    delegate: CheckBox {
                        objectName: "filter_prefecture_" + modelData.value
                        text: modelData.label
                        checked: modelData.checked
                        onToggled: app.setFilterValue("prefecture", modelData.value, checked)
                    }
                }
            }
            Button {
                text: qsTr("Clear filters")
                enabled: app.filterActive
                onClicked: app.clearFilters()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Show every town again")
            }

            SectionLabel {
                objectName: "resultHeading"
                text: qsTr("Towns shown: %1").arg(app.resultModel.count)
            }
            Repeater {
                objectName: "resultList"
                model: app.resultModel
                delegate: ItemDelegate {
                    Layout.fillWidth: true
                    padding: 4
                    contentItem: ColumnLayout {
                        spacing: 0
                        Label { text: model.name; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight }
                        Label {
                            text: model.kindLabel + " · " + model.context + " · " + model.sector
                            color: "#567"
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                        }
                    }
                    onClicked: app.activateResult(index)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Show this town on the map")
                }
            }
        }
    }
}
