import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import QtLocation 5.15
import QtPositioning 5.15
import Jinmap 1.0

ApplicationWindow {
    id: win
    objectName: "mainWindow"
    width: 1600
    height: 1000
    visible: true
    title: qsTr("jinmap — Shanxi specialty towns")

    // True once the first view (remembered, --extent, --select-county) is set.
    property bool viewReady: false
    property string pointerText: ""

    function initView() {
        if (viewReady || !map.mapReady || map.width <= 0)
            return
        if (app.hasStartView) {
            map.center = QtPositioning.coordinate(app.startLatitude, app.startLongitude)
            map.zoomLevel = app.startZoom
        } else {
            // Datong's layout opens on Datong, the other themes on Shanxi.
            var r = app.extentRect(app.startExtent !== "" ? app.startExtent
                                                           : (app.theme === "datong" ? "大同市" : "province"))
            if (r.north === undefined)
                r = app.extentRect("province")
            win.fit(r, 24)
        }
        if (app.startCounty !== "")
            app.selectCounty(app.startCounty, app.startExtent === "")
        else if (app.startCity !== "")
            app.selectCity(app.startCity, app.startExtent === "")
        viewReady = true
    }

    function fit(r, margin) {
        if (r.north === undefined)
            return
        map.fitViewportToGeoShape(QtPositioning.rectangle(QtPositioning.coordinate(r.north, r.west),
                                                          QtPositioning.coordinate(r.south, r.east)), margin)
    }

    function zoomBy(step) {
        map.zoomLevel = Math.max(map.minimumZoomLevel, Math.min(map.maximumZoomLevel, map.zoomLevel + step))
    }

    Connections {
        target: app
        function onFitRequested(rect) {
            win.fit(rect, 40)
        }
        function onCenterRequested(latitude, longitude, zoom) {
            map.center = QtPositioning.coordinate(latitude, longitude)
            map.zoomLevel = zoom
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 8
            Label {
                text: qsTr("Shanxi specialty towns")
                font.bold: true
                font.pointSize: 12
            }
            Label { text: qsTr("Theme:") }
            ComboBox {
                id: themeBox
                objectName: "themeBox"
                model: app.themes
                textRole: "label"
                valueRole: "id"
                implicitWidth: 170
                currentIndex: {
                    for (var i = 0; i < app.themes.length; ++i)
                        if (app.themes[i].id === app.theme) return i
                    return 0
                }
                onActivated: app.theme = currentValue
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose the thematic map")
            }
            TextField {
                id: searchField
                objectName: "searchField"
                Layout.preferredWidth: 320
                placeholderText: qsTr("Search towns, counties, parks, projects…")
                selectByMouse: true
                onTextChanged: { app.search(text); searchPopup.visible = text.length > 0 }
                onAccepted: if (app.searchModel.count > 0) { app.activateSearchResult(0); searchPopup.close() }
                Keys.onDownPressed: { searchList.forceActiveFocus(); searchList.currentIndex = 0 }
                ToolTip.visible: hovered && text === ""
                ToolTip.text: qsTr("Simplified or Traditional characters, e.g. 大同黃花")
                Popup {
                    id: searchPopup
                    objectName: "searchPopup"
                    y: searchField.height
                    width: 420
                    height: Math.min(360, searchList.contentHeight + 12)
                    padding: 4
                    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutsideParent
                    ListView {
                        id: searchList
                        objectName: "searchResults"
                        anchors.fill: parent
                        clip: true
                        model: app.searchModel
                        delegate: ItemDelegate {
                            width: searchList.width
                            highlighted: ListView.isCurrentItem
                            contentItem: RowLayout {
                                Label { text: model.name; font.bold: true }
                                Label { text: model.kindLabel; color: "#567" }
                                Label { text: model.context; color: "#789"; Layout.fillWidth: true; elide: Text.ElideRight }
                            }
                            onClicked: { app.activateSearchResult(index); searchPopup.close() }
                        }
                        Keys.onReturnPressed: { app.activateSearchResult(currentIndex); searchPopup.close() }
                    }
                    Label {
                        visible: app.searchModel.count === 0
                        text: qsTr("Nothing found")
                        color: "#789"
                        padding: 6
                    }
                }
            }
            ToolButton {
                objectName: "zoomShanxiButton"
                text: qsTr("Shanxi")
                onClicked: app.zoomToShanxi()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Zoom to all of Shanxi (Home)")
            }
            ToolButton {
                objectName: "zoomCityButton"
                text: qsTr("This city")
                enabled: app.selectionCity !== ""
                onClicked: app.zoomToCity()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Zoom to the city of the selection")
            }
            ToolButton {
                objectName: "exportMapButton"
                text: qsTr("Export map…")
                onClicked: exporter.open("map")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("PDF, PNG, SVG or GeoTIFF of the current view, a city, an atlas (Ctrl+E; Ctrl+P for a PDF)")
            }
            Item { Layout.fillWidth: true }
            CheckBox {
                objectName: "basemapCheck"
                text: qsTr("Online basemap")
                checked: app.basemapEnabled
                onToggled: app.basemapEnabled = checked
                ToolTip.visible: hovered
                ToolTip.text: qsTr("OpenStreetMap tiles under the map (needs a network; off by default)")
            }
            ComboBox {
                objectName: "languageBox"
                model: [ { id: "zh_CN", label: "中文" }, { id: "en", label: "English" } ]
                textRole: "label"
                valueRole: "id"
                implicitWidth: 110
                currentIndex: app.language === "en" ? 1 : 0
                onActivated: app.language = currentValue
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Interface language")
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        LeftPanel {
            Layout.preferredWidth: 290
            Layout.fillHeight: true
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Loader {
                // Optional online basemap: a second Map under ours, same camera.
                anchors.fill: parent
                active: app.basemapEnabled
                sourceComponent: Map {
                    plugin: Plugin {
                        name: "osm"
                        PluginParameter { name: "osm.mapping.providersrepository.disabled"; value: true }
                    }
                    center: map.center
                    zoomLevel: map.zoomLevel
                    gesture.enabled: false
                    copyrightsVisible: true
                }
            }

            Map {
                id: map
                objectName: "map"
                anchors.fill: parent
                plugin: Plugin { name: "itemsoverlay" }
                color: app.basemapEnabled ? "transparent" : "#eef2f5"
                copyrightsVisible: false
                minimumZoomLevel: 4
                maximumZoomLevel: 14
                maximumTilt: 0
                bearing: 0
                tilt: 0
                gesture.acceptedGestures: MapGestureArea.PanGesture | MapGestureArea.FlickGesture
                                          | MapGestureArea.PinchGesture
                focus: true
                onMapReadyChanged: Qt.callLater(win.initView)
                onWidthChanged: Qt.callLater(win.initView)
                onCenterChanged: saveTimer.restart()
                onZoomLevelChanged: saveTimer.restart()

                Keys.onPressed: {
                    var step = 120
                    if (event.key === Qt.Key_Left) map.pan(-step, 0)
                    else if (event.key === Qt.Key_Right) map.pan(step, 0)
                    else if (event.key === Qt.Key_Up) map.pan(0, -step)
                    else if (event.key === Qt.Key_Down) map.pan(0, step)
                    else if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal) win.zoomBy(0.5)
                    else if (event.key === Qt.Key_Minus) win.zoomBy(-0.5)
                    else if (event.key === Qt.Key_Home) app.zoomToShanxi()
                    else if (event.key === Qt.Key_Escape) app.clearSelection()
                    else return
                    event.accepted = true
                }

                ThematicLayer {
                    id: layer
                    objectName: "thematicLayer"
                    anchors.fill: parent
                    centerLatitude: map.center.latitude
                    centerLongitude: map.center.longitude
                    zoomLevel: map.zoomLevel
                    controller: app
                    opacity: app.basemapEnabled ? 0.8 : 1.0
                    z: 0
                }

                MapItemView {
                    model: app.hoverPaths
                    delegate: MapPolyline {
                        z: 2
                        path: modelData
                        line.width: 2
                        line.color: "#ff8c00"
                    }
                }
                MapItemView {
                    model: app.selectionPaths
                    delegate: MapPolyline {
                        z: 3
                        path: modelData
                        line.width: 3.5
                        line.color: "#d7191c"
                    }
                }

                MouseArea {
                    id: mouseArea
                    objectName: "mapMouseArea"
                    anchors.fill: parent
                    hoverEnabled: true
                    z: 5
                    onClicked: {
                        map.forceActiveFocus()
                        var c = layer.toCoordinate(mouse.x, mouse.y)
                        app.clickAt(c.longitude, c.latitude, layer.resolution())
                    }
                    onPositionChanged: {
                        var c = layer.toCoordinate(mouse.x, mouse.y)
                        win.pointerText = app.coordinateText(c.longitude, c.latitude)
                        app.hoverAt(c.longitude, c.latitude, layer.resolution())
                        hoverTip.x = mouse.x + 14
                        hoverTip.y = mouse.y + 14
                    }
                    onExited: app.clearHover()
                }

                Rectangle {
                    id: hoverTip
                    objectName: "hoverTip"
                    z: 6
                    visible: mouseArea.containsMouse && app.hoverText !== ""
                    width: tipText.implicitWidth + 12
                    height: tipText.implicitHeight + 8
                    color: "#fffff0"
                    border.color: "#888"
                    radius: 3
                    Label {
                        id: tipText
                        anchors.centerIn: parent
                        text: app.hoverText
                    }
                }

                Column {
                    z: 6
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: 12
                    spacing: 4
                    RoundButton {
                        text: "+"
                        onClicked: win.zoomBy(1)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Zoom in (+)")
                    }
                    RoundButton {
                        text: "−"
                        onClicked: win.zoomBy(-1)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Zoom out (−)")
                    }
                }

                Rectangle {
                    id: errorBanner
                    objectName: "errorBanner"
                    z: 7
                    visible: app.errorMessage !== ""
                    anchors.top: parent.top
                    anchors.horizontalCenter: parent.horizontalCenter
                    anchors.topMargin: 12
                    width: Math.min(parent.width - 24, 720)
                    height: errorColumn.implicitHeight + 20
                    color: "#fdecea"
                    border.color: "#d93025"
                    radius: 4
                    ColumnLayout {
                        id: errorColumn
                        anchors.fill: parent
                        anchors.margins: 10
                        spacing: 4
                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                objectName: "errorTitle"
                                text: app.errorTitle
                                font.bold: true
                                color: "#a50e0e"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                            }
                            ToolButton {
                                text: "✕"
                                onClicked: app.dismissError()
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Close this message")
                            }
                        }
                        Label {
                            objectName: "errorMessage"
                            text: app.errorMessage
                            Layout.fillWidth: true
                            wrapMode: Text.WrapAnywhere
                        }
                        Label {
                            text: app.errorHint
                            visible: text !== ""
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            color: "#444"
                        }
                    }
                }
            }

            Timer {
                id: saveTimer
                interval: 800
                onTriggered: if (win.viewReady) app.saveView(map.center.latitude, map.center.longitude, map.zoomLevel)
            }
        }

        SummaryPanel {
            Layout.preferredWidth: 400
            Layout.fillHeight: true
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                objectName: "coordinateLabel"
                text: win.pointerText
                Layout.preferredWidth: 220
            }
            Label {
                objectName: "scaleLabel"
                text: map.zoomLevel, app.scaleText(layer.resolution(), map.center.latitude)
                Layout.preferredWidth: 180
            }
            Label {
                text: app.statusMessage
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            Label {
                text: qsTr("Schematic map, boundaries not surveyed") + (app.dataVersion !== "" ? "  ·  " + qsTr("data %1").arg(app.dataVersion) : "")
                color: "#666"
            }
        }
    }

    onClosing: app.saveView(map.center.latitude, map.center.longitude, map.zoomLevel)

    // 导出地图 (ExportDialog.qml): Ctrl+E, Ctrl+P (a PDF), the toolbar, the county panel.
    ExportDialog {
        id: exportDialog
    }
    Shortcut {
        sequence: "Ctrl+E"
        onActivated: exporter.open("map")
    }
    Shortcut {
        sequence: StandardKey.Print
        onActivated: {
            exporter.format = "pdf"
            exporter.open("map")
        }
    }
}
