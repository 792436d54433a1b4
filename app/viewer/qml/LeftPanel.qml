import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Jinmap 1.0

// Layers, legend, filters and the filtered towns: four sections whose
// headers stay on screen; each body scrolls in itself when the panel is short.
Pane {
    id: panel
    objectName: "leftPanel"
    padding: 6
    background: Rectangle { color: "#f7f8fa"; border.color: "#dde" }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        CollapsibleSection {
            id: layersSection
            objectName: "layersSection"
            title: qsTr("Layers")
            expanded: false
            bodyHeight: layerList.contentHeight + 4
            ListView {
                id: layerList
                objectName: "layerList"
                anchors.fill: parent
                clip: true
                model: app.layerModel
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    id: layerBar
                    policy: layerList.contentHeight > layerList.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                }
                delegate: CheckBox {
                    objectName: "layer_" + model.id
                    width: layerList.width - 12
                    text: model.label
                    checked: model.visible
                    onToggled: app.setLayerVisible(model.id, checked)
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Show or hide this layer")
                }
            }
        }

        CollapsibleSection {
            id: legendSection
            objectName: "legendSection"
            title: qsTr("Legend")
            badge: app.legendPending ? qsTr("counting…") : ""
            bodyHeight: legendFlow.implicitHeight + 8
            // The legend explains the map: it keeps its whole height up to
            // half the panel; the filters scroll first.
            minimumBodyHeight: Math.max(150, panel.height * 0.5)
            Flickable {
                id: legendList
                objectName: "legendList"
                anchors.fill: parent
                clip: true
                contentWidth: width
                contentHeight: legendFlow.implicitHeight + 4
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    policy: legendList.contentHeight > legendList.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                }
                Flow {
                    id: legendFlow
                    width: legendList.width - 12
                    Label {
                        width: legendFlow.width
                        text: app.legendTitle
                        font.bold: true
                        wrapMode: Text.Wrap
                        topPadding: 4
                        bottomPadding: 2
                        color: "#234"
                    }
                    Repeater {
                        model: app.legendModel
                        // A class of markers with a short name takes half a
                        // line, so the sector colours fit in a few lines.
                        delegate: Item {
                            id: legendRow
                            objectName: "legendRow"
                            readonly property bool half: model.symbol === "circle" && !model.heading
                                                         && nameMetrics.width < legendFlow.width / 2 - 60
                            width: half ? legendFlow.width / 2 : legendFlow.width
                            height: Math.max(20, legendLabel.implicitHeight + 2)
                            TextMetrics { id: nameMetrics; font: legendLabel.font; text: model.label }
                            SymbolIcon {
                                id: legendIcon
                                visible: !model.heading
                                anchors.left: parent.left
                                anchors.leftMargin: 2
                                anchors.verticalCenter: parent.verticalCenter
                                width: 22
                                height: 18
                                symbol: model.symbol
                                shape: model.shape
                                fill: model.fill
                                stroke: model.symbol === "hatch" ? "#888888" : model.stroke
                                radius: model.size
                                dashed: model.dashed
                                dimmed: model.empty
                            }
                            Label {
                                id: legendLabel
                                anchors.left: model.heading ? parent.left : legendIcon.right
                                anchors.leftMargin: model.heading ? 0 : 4
                                anchors.right: legendCount.left
                                anchors.rightMargin: 4
                                anchors.verticalCenter: parent.verticalCenter
                                text: model.label
                                font.bold: model.heading
                                topPadding: model.heading ? 5 : 0
                                wrapMode: Text.Wrap
                                color: model.empty ? "#9aa0a6" : (model.heading ? "#234" : "#222")
                            }
                            Label {
                                id: legendCount
                                objectName: "legendCount"
                                anchors.right: parent.right
                                anchors.rightMargin: legendRow.half ? 8 : 2
                                anchors.verticalCenter: parent.verticalCenter
                                visible: model.count >= 0
                                text: model.count >= 0 ? model.count : ""
                                color: model.empty ? "#9aa0a6" : "#345"
                            }
                        }
                    }
                    Label {
                        objectName: "unplacedNote"
                        width: legendFlow.width
                        visible: app.themeShowsTowns && app.unplacedTowns > 0
                        text: qsTr("%n town(s) not on the map: the sources do not say the county", "", app.unplacedTowns)
                        wrapMode: Text.Wrap
                        font.pointSize: 8.5
                        color: "#8a5300"
                        topPadding: 4
                    }
                    Label {
                        width: legendFlow.width
                        text: app.legendNote
                        visible: text !== ""
                        wrapMode: Text.Wrap
                        font.pointSize: 8.5
                        color: "#666"
                        topPadding: 6
                    }
                }
            }
        }

        CollapsibleSection {
            id: filterSection
            objectName: "filterSection"
            title: qsTr("Filters")
            badge: app.filterActive ? qsTr("on") : ""
            bodyHeight: filterColumn.implicitHeight + 8
            minimumBodyHeight: 140
            Flickable {
                id: filterFlick
                anchors.fill: parent
                clip: true
                contentWidth: width
                contentHeight: filterColumn.implicitHeight + 8
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    id: filterBar
                    policy: filterFlick.contentHeight > filterFlick.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                }
                Column {
                    id: filterColumn
                    width: filterFlick.width - 12
                    spacing: 2
                    Label {
                        visible: !app.themeShowsTowns
                        width: parent.width
                        text: qsTr("This theme does not draw the specialty towns: the filters change the town list and the overview only.")
                        wrapMode: Text.Wrap
                        color: "#8a5300"
                        font.pointSize: 9
                        topPadding: 4
                    }
                    Label { text: qsTr("Level"); color: "#456"; topPadding: 4 }
                    Flow {
                        width: parent.width
                        Repeater {
                            model: app.levelOptions
                            delegate: CheckBox {
                                id: levelBox
                                objectName: "filter_level_" + modelData.value
                                topPadding: 2
                                bottomPadding: 2
                                checked: modelData.checked
                                onToggled: app.setFilterValue("level", modelData.value, checked)
                                text: modelData.label + " " + modelData.count
                                // The town symbol between the box and the text.
                                contentItem: Label {
                                    leftPadding: levelBox.indicator.width + levelBox.spacing + 22
                                    verticalAlignment: Text.AlignVCenter
                                    text: levelBox.text
                                    TownIcon {
                                        x: levelBox.indicator.width + levelBox.spacing
                                        anchors.verticalCenter: parent.verticalCenter
                                        level: modelData.value
                                    }
                                }
                            }
                        }
                    }
                    Label { text: qsTr("Sector"); color: "#456"; topPadding: 4 }
                    Flow {
                        width: parent.width
                        Repeater {
                            model: app.sectorOptions
                            delegate: CheckBox {
                                id: sectorBox
                                objectName: "filter_sector_" + modelData.value
                                topPadding: 2
                                bottomPadding: 2
                                width: Math.max(implicitWidth, filterColumn.width / 2 - 2)
                                checked: modelData.checked
                                onToggled: app.setFilterValue("sector", modelData.value, checked)
                                text: modelData.label
                                contentItem: Label {
                                    leftPadding: sectorBox.indicator.width + sectorBox.spacing + 16
                                    verticalAlignment: Text.AlignVCenter
                                    text: sectorBox.text
                                    elide: Text.ElideRight
                                    SymbolIcon {
                                        x: sectorBox.indicator.width + sectorBox.spacing
                                        anchors.verticalCenter: parent.verticalCenter
                                        width: 14
                                        height: 18
                                        radius: 4.5
                                        fill: modelData.color
                                    }
                                }
                                ToolTip.visible: hovered
                                ToolTip.delay: 600
                                ToolTip.text: qsTr("%1: %2 towns").arg(modelData.label).arg(modelData.count)
                            }
                        }
                    }
                    Label { text: qsTr("City"); color: "#456"; topPadding: 4 }
                    Flow {
                        width: parent.width
                        Repeater {
                            model: app.prefectureOptions
                            delegate: CheckBox {
                                objectName: "filter_prefecture_" + modelData.value
                                topPadding: 2
                                bottomPadding: 2
                                width: Math.max(implicitWidth, filterColumn.width / 2 - 2)
                                text: modelData.label + " " + modelData.count
                                checked: modelData.checked
                                onToggled: app.setFilterValue("prefecture", modelData.value, checked)
                            }
                        }
                    }
                    Row {
                        spacing: 6
                        topPadding: 4
                        Button {
                            objectName: "clearFiltersButton"
                            text: qsTr("Clear filters")
                            enabled: app.filterActive
                            onClicked: app.clearFilters()
                            ToolTip.visible: hovered
                            ToolTip.delay: 600
                            ToolTip.text: qsTr("Show every town again")
                        }
                        Button {
                            objectName: "frameResultsButton"
                            text: qsTr("Zoom to results")
                            enabled: app.filterActive && app.resultModel.count > 0
                            onClicked: app.frameFilterResults()
                            ToolTip.visible: hovered
                            ToolTip.delay: 600
                            ToolTip.text: qsTr("Show the counties of the towns the filters keep")
                        }
                    }
                }
            }
        }

        CollapsibleSection {
            id: resultSection
            objectName: "resultSection"
            title: qsTr("Towns")
            badge: app.filterActive ? qsTr("%1 of %2").arg(app.resultModel.count).arg(totalTowns())
                                    : app.resultModel.count
            expanded: false
            bodyHeight: resultList.contentHeight + 4
            minimumBodyHeight: 120
            function totalTowns() {
                var n = 0
                for (var i = 0; i < app.levelOptions.length; ++i)
                    n += app.levelOptions[i].count
                return n
            }
            ListView {
                id: resultList
                objectName: "resultList"
                anchors.fill: parent
                clip: true
                model: app.resultModel
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    id: resultBar
                    policy: resultList.contentHeight > resultList.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                }
                delegate: ItemDelegate {
                    width: resultList.width - 12
                    padding: 3
                    leftPadding: 28
                    TownIcon {
                        x: 4
                        anchors.verticalCenter: parent.verticalCenter
                        level: model.level
                        sectorKey: model.sectorKey
                    }
                    contentItem: Column {
                        Label { text: model.name; font.bold: true; width: parent.width; elide: Text.ElideRight }
                        Label {
                            text: model.kindLabel + " · " + model.context
                            color: "#567"
                            font.pointSize: 9
                            width: parent.width
                            elide: Text.ElideRight
                        }
                    }
                    onClicked: app.activateResult(index)
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Show this town on the map")
                }
            }
        }

        Item { Layout.fillHeight: true; Layout.preferredHeight: 0 }
    }
}
