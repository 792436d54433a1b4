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
    // The pointer's place on the map (lon/lat), shown in the footer.
    property var pointer: null
    readonly property string pointerText: pointer ? (app.language, app.coordinateText(pointer.longitude, pointer.latitude)) : ""
    // Camera bookkeeping. A camera change is the user's unless `programmatic`
    // is set around it. The last rectangle fitted is fitted again when the
    // window is resized before the user moves; a theme's view is remembered
    // when the user moved away from its home (else the theme opens on its home).
    property bool programmatic: false
    property var lastFit: null
    property bool userMovedSinceFit: false
    property bool awayFromHome: false
    property string shownTheme: ""
    property var themeViews: ({})
    // One zoom step for the wheel notch, the keys and the buttons (×1.41).
    readonly property real zoomStep: 0.5
    property real animatedZoom: 0
    property var zoomAnchorCoordinate: null
    property point zoomAnchorPoint: Qt.point(0, 0)
    property bool panning: false
    // Measuring tool.
    property bool measuring: false
    property bool measureArea: false
    property bool measureDone: false
    property var measurePoints: []
    property var measurePointer: null
    property var measureResult: ({})
    // Editing: "add" (the next click places a new town) or "move" (the next
    // click moves `movingTown`); "" otherwise.
    property string placing: ""
    property string movingTown: ""
    // Dragging the selected town to a new place (press on it, move, release).
    property bool draggingTown: false
    property bool dragEnded: false
    property point dragStart: Qt.point(0, 0)
    property var dragCoordinate: null

    function endTownDrag(x, y, commit) {
        if (!draggingTown)
            return
        draggingTown = false
        map.gesture.enabled = true
        dragCoordinate = null
        if (!commit || Math.abs(x - dragStart.x) + Math.abs(y - dragStart.y) <= 6)
            return
        dragEnded = true
        var c = layer.toCoordinate(x, y)
        var error = editor.moveTown(app.selectionKey, c.longitude, c.latitude, "")
        if (error !== "")
            app.reportError(qsTr("Cannot move the town"), error)
    }

    function startPlacing(mode) {
        if (!editor.editable) {
            app.showStatus(editor.readOnlyReason)
            return
        }
        if (mode === "move" && app.selectionKind !== "town")
            return
        setMeasuring(false)
        movingTown = mode === "move" ? app.selectionKey : ""
        placing = mode
        map.forceActiveFocus()
    }
    function placeAt(lon, lat) {
        var mode = placing
        placing = ""
        var county = app.countyAt(lon, lat, layer.resolution())
        if (county.adcode === undefined) {
            app.showStatus(qsTr("That place is outside Shanxi's counties: click inside a county."))
            return
        }
        if (mode === "add") {
            townDialog.dialog().openAdd(lon, lat, county)
        } else if (mode === "move") {
            var error = editor.moveTown(movingTown, lon, lat, "")
            if (error !== "")
                app.reportError(qsTr("Cannot move the town"), error)
        }
    }
    function undo() {
        var error = editor.undo()
        if (error !== "" && editor.canUndo)
            app.reportError(qsTr("Cannot undo"), error)
    }
    function redo() {
        var error = editor.redo()
        if (error !== "" && editor.canRedo)
            app.reportError(qsTr("Cannot redo"), error)
    }

    function initView() {
        if (viewReady || !map.mapReady || map.width <= 0)
            return
        shownTheme = app.theme
        if (app.hasStartView) {
            setCamera(app.startLatitude, app.startLongitude, app.startZoom)
            awayFromHome = true
        } else if (app.startExtent !== "") {
            var r = app.extentRect(app.startExtent)
            applyFit(r.north === undefined ? app.homeRect() : r, 24, r.north === undefined)
        } else {
            applyFit(app.homeRect(), 24, true)
        }
        if (app.startCounty !== "")
            app.selectCounty(app.startCounty, app.startExtent === "")
        else if (app.startCity !== "")
            app.selectCity(app.startCity, app.startExtent === "")
        else if (app.startTown !== "")
            app.selectTownByName(app.startTown, app.startExtent === "")
        viewReady = true
    }

    function fit(r, margin) {
        if (r.north === undefined)
            return
        map.fitViewportToGeoShape(QtPositioning.rectangle(QtPositioning.coordinate(r.north, r.west),
                                                          QtPositioning.coordinate(r.south, r.east)), margin)
    }
    // A fit made by the program (home, a selection, a search result).
    function applyFit(r, margin, isHome) {
        if (r.north === undefined)
            return
        zoomAnimation.stop()
        programmatic = true
        fit(r, margin)
        programmatic = false
        lastFit = { rect: r, margin: margin, home: isHome }
        userMovedSinceFit = false
        awayFromHome = !isHome
    }
    function fitHome() {
        applyFit(app.homeRect(), 24, true)
    }
    function setCamera(latitude, longitude, zoom) {
        zoomAnimation.stop()
        programmatic = true
        map.center = QtPositioning.coordinate(latitude, longitude)
        map.zoomLevel = zoom
        programmatic = false
    }
    function refitIfUntouched() {
        if (viewReady && lastFit && !userMovedSinceFit)
            applyFit(lastFit.rect, lastFit.margin, lastFit.home)
    }
    function cameraMoved() {
        if (!programmatic && viewReady) {
            userMovedSinceFit = true
            awayFromHome = true
        }
        app.clearHover()
        saveTimer.restart()
    }

    // Zooms by `step` levels around a point of the map (its centre when not
    // given), animated, the point staying where it is.
    function zoomBy(step, px, py) {
        if (px === undefined) {
            px = map.width / 2
            py = map.height / 2
        }
        var from = map.zoomLevel
        var goal = (zoomAnimation.running ? zoomAnimation.to : from) + step
        goal = Math.max(map.minimumZoomLevel, Math.min(map.maximumZoomLevel, goal))
        zoomAnimation.stop()
        zoomAnchorPoint = Qt.point(px, py)
        zoomAnchorCoordinate = map.toCoordinate(zoomAnchorPoint, false)
        animatedZoom = from
        zoomAnimation.from = from
        zoomAnimation.to = goal
        zoomAnimation.start()
    }
    onAnimatedZoomChanged: {
        if (!zoomAnimation.running || !zoomAnchorCoordinate)
            return
        map.zoomLevel = animatedZoom
        map.alignCoordinateToPoint(zoomAnchorCoordinate, zoomAnchorPoint)
    }
    NumberAnimation {
        id: zoomAnimation
        target: win
        property: "animatedZoom"
        duration: 180
        easing.type: Easing.OutCubic
    }

    function resetMeasure() {
        measurePoints = []
        measureDone = false
        measurePointer = null
        measureResult = ({})
    }
    function addMeasurePoint(coordinate) {
        if (measureDone)
            resetMeasure()
        var pts = measurePoints.slice()
        pts.push({ latitude: coordinate.latitude, longitude: coordinate.longitude })
        measurePoints = pts
        measureResult = app.measure(measurePoints, measureArea)
    }
    function removeMeasurePoint() {
        if (measurePoints.length === 0)
            return
        var pts = measurePoints.slice()
        pts.pop()
        measurePoints = pts
        measureDone = false
        measureResult = app.measure(measurePoints, measureArea)
    }
    function setMeasuring(on) {
        measuring = on
        resetMeasure()
        app.clearHover()
    }
    function pathOf(points, extra, close) {
        var path = []
        for (var i = 0; i < points.length; ++i)
            path.push(QtPositioning.coordinate(points[i].latitude, points[i].longitude))
        if (extra)
            path.push(extra)
        if (close && path.length > 2)
            path.push(path[0])
        return path
    }

    Connections {
        target: app
        function onFitRequested(rect) {
            win.applyFit(rect, 40, false)
        }
        function onCenterRequested(latitude, longitude, zoom) {
            win.setCamera(latitude, longitude, zoom)
            win.userMovedSinceFit = true
            win.awayFromHome = true
        }
        function onThemeChanged() {
            if (!win.viewReady)
                return
            // The view of the theme being left is remembered when the user
            // moved away from its home; the new theme opens on its own.
            var views = win.themeViews
            if (win.awayFromHome && win.shownTheme !== "")
                views[win.shownTheme] = { latitude: map.center.latitude, longitude: map.center.longitude, zoom: map.zoomLevel }
            else
                delete views[win.shownTheme]
            win.themeViews = views
            win.shownTheme = app.theme
            var v = views[app.theme]
            if (v) {
                win.setCamera(v.latitude, v.longitude, v.zoom)
                win.lastFit = null
                win.awayFromHome = true
            } else {
                win.fitHome()
            }
        }
    }

    Shortcut {
        sequence: "F1"
        onActivated: shortcutsDialog.dialog().open()
    }
    Shortcut {
        sequences: [StandardKey.Undo]
        // Not under an open editing dialog (its lists would go stale).
        enabled: editor.canUndo && !townDialog.shown && !figuresDialog.shown && !deleteDialog.shown
        onActivated: win.undo()
    }
    Shortcut {
        // Ctrl+Shift+Z and Ctrl+Y on Linux desktops.
        sequences: [StandardKey.Redo]
        enabled: editor.canRedo && !townDialog.shown && !figuresDialog.shown && !deleteDialog.shown
        onActivated: win.redo()
    }
    Shortcut {
        sequence: "Alt+Left"
        onActivated: app.goBack()
    }
    Shortcut {
        sequence: "Alt+Right"
        onActivated: app.goForward()
    }
    Shortcut {
        sequence: StandardKey.Find
        onActivated: { searchField.forceActiveFocus(); searchField.selectAll() }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 6
            Label {
                visible: win.width >= 1450
                text: qsTr("Shanxi specialty towns")
                font.bold: true
                font.pointSize: 12
            }
            ComboBox {
                id: themeBox
                objectName: "themeBox"
                model: app.themes
                textRole: "label"
                valueRole: "id"
                implicitWidth: app.language === "en" ? 190 : 150
                currentIndex: {
                    for (var i = 0; i < app.themes.length; ++i)
                        if (app.themes[i].id === app.theme) return i
                    return 0
                }
                onActivated: app.theme = currentValue
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Choose the thematic map")
            }
            SearchBox {
                id: searchField
                Layout.fillWidth: true
                Layout.maximumWidth: 340
                Layout.minimumWidth: 160
            }
            ToolButton {
                objectName: "homeButton"
                text: qsTr("Home")
                onClicked: win.fitHome()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: app.homeIsCity ? qsTr("Back to the theme's city (Home)") : qsTr("Back to all of Shanxi (Home)")
            }
            ToolButton {
                objectName: "zoomCityButton"
                text: qsTr("City")
                onClicked: app.zoomToCity(map.center.longitude, map.center.latitude, layer.resolution())
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Zoom to the city of the selection, or to the city in the middle of the map")
            }
            ToolButton {
                objectName: "backButton"
                text: "◀"
                enabled: app.canGoBack
                onClicked: app.goBack()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Previous view (Alt+←)")
            }
            ToolButton {
                objectName: "forwardButton"
                text: "▶"
                enabled: app.canGoForward
                onClicked: app.goForward()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Next view (Alt+→)")
            }
            ToolButton {
                objectName: "measureButton"
                text: qsTr("Measure")
                checkable: true
                checked: win.measuring
                onToggled: win.setMeasuring(checked)
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Measure distances and areas on the map (M)")
            }
            ToolButton {
                id: editButton
                objectName: "editMenuButton"
                text: qsTr("Edit")
                onClicked: editMenu.open()
                ToolTip.visible: hovered && !editMenu.visible
                ToolTip.delay: 600
                ToolTip.text: editor.editable ? qsTr("Add a town on the map, undo and redo (Ctrl+Z, Ctrl+Shift+Z)")
                                              : qsTr("Editing is off: %1").arg(editor.readOnlyReason)
                Menu {
                    id: editMenu
                    objectName: "editMenu"
                    y: editButton.height
                    MenuItem {
                        objectName: "undoMenuItem"
                        text: editor.canUndo ? qsTr("Undo %1").arg(editor.undoText) : qsTr("Undo")
                        enabled: editor.canUndo
                        onTriggered: win.undo()
                    }
                    MenuItem {
                        objectName: "redoMenuItem"
                        text: editor.canRedo ? qsTr("Redo %1").arg(editor.redoText) : qsTr("Redo")
                        enabled: editor.canRedo
                        onTriggered: win.redo()
                    }
                    MenuSeparator {}
                    MenuItem {
                        objectName: "addTownMenuItem"
                        text: qsTr("Add a town on the map…")
                        enabled: editor.editable
                        onTriggered: win.startPlacing("add")
                    }
                    MenuItem {
                        text: qsTr("Edit the selected town…")
                        enabled: editor.editable && app.selectionKind === "town"
                        onTriggered: townDialog.dialog().openEdit(app.selectionKey)
                    }
                    MenuItem {
                        text: qsTr("Move the selected town")
                        enabled: editor.editable && app.selectionKind === "town"
                        onTriggered: win.startPlacing("move")
                    }
                    MenuItem {
                        text: qsTr("Delete the selected town…")
                        enabled: editor.editable && app.selectionKind === "town"
                        onTriggered: deleteDialog.dialog().openFor(app.selectionKey, app.selectionTitle)
                    }
                    MenuSeparator {}
                    MenuItem {
                        objectName: "conflictsMenuItem"
                        text: qsTr("Conflicts to review…")
                        enabled: editor.workspacePath !== ""
                        onTriggered: conflictsDialog.dialog().openList()
                    }
                }
            }
            ToolButton {
                objectName: "undoButton"
                text: qsTr("Undo")
                visible: win.width >= 1500
                enabled: editor.canUndo
                onClicked: win.undo()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Undo %1 (Ctrl+Z)").arg(editor.undoText)
            }
            ToolButton {
                objectName: "redoButton"
                text: qsTr("Redo")
                visible: win.width >= 1500
                enabled: editor.canRedo
                onClicked: win.redo()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Redo %1 (Ctrl+Shift+Z)").arg(editor.redoText)
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
                ToolTip.delay: 600
                ToolTip.text: qsTr("OpenStreetMap tiles under the map (needs a network; off by default)")
            }
            ComboBox {
                objectName: "languageBox"
                model: [ { id: "zh_CN", label: "中文" }, { id: "en", label: "English" } ]
                textRole: "label"
                valueRole: "id"
                implicitWidth: 100
                currentIndex: app.language === "en" ? 1 : 0
                onActivated: app.language = currentValue
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Interface language")
            }
            ToolButton {
                objectName: "helpButton"
                text: "?"
                onClicked: shortcutsDialog.dialog().open()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Keyboard and mouse (F1)")
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        LeftPanel {
            Layout.preferredWidth: win.width < 1300 ? 250 : 300
            Layout.fillHeight: true
        }

        Item {
            id: mapArea
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
                        PluginParameter { name: "osm.mapping.custom.host"; value: "https://tile.openstreetmap.org/" }
                        PluginParameter { name: "osm.useragent"; value: "jinmap" }
                    }
                    activeMapType: supportedMapTypes[supportedMapTypes.length - 1]
                    center: map.center
                    zoomLevel: map.zoomLevel
                    gesture.enabled: false
                    copyrightsVisible: false
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
                gesture.onPanStarted: { win.panning = true; app.clearHover() }
                gesture.onPanFinished: win.panning = false
                gesture.onFlickStarted: win.panning = true
                gesture.onFlickFinished: win.panning = false
                focus: true
                onMapReadyChanged: Qt.callLater(win.initView)
                onWidthChanged: { Qt.callLater(win.initView); Qt.callLater(win.refitIfUntouched) }
                onHeightChanged: Qt.callLater(win.refitIfUntouched)
                onCenterChanged: win.cameraMoved()
                onZoomLevelChanged: win.cameraMoved()

                Keys.onPressed: {
                    var step = 120
                    if (event.key === Qt.Key_Left && !(event.modifiers & Qt.AltModifier)) map.pan(-step, 0)
                    else if (event.key === Qt.Key_Right && !(event.modifiers & Qt.AltModifier)) map.pan(step, 0)
                    else if (event.key === Qt.Key_Up) map.pan(0, -step)
                    else if (event.key === Qt.Key_Down) map.pan(0, step)
                    else if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal) win.zoomBy(win.zoomStep)
                    else if (event.key === Qt.Key_Minus) win.zoomBy(-win.zoomStep)
                    else if (event.key === Qt.Key_Home) win.fitHome()
                    else if (event.key === Qt.Key_M) win.setMeasuring(!win.measuring)
                    else if (event.key === Qt.Key_Backspace && win.measuring) win.removeMeasurePoint()
                    else if (event.key === Qt.Key_Escape) {
                        if (win.placing !== "") win.placing = ""
                        else if (win.measuring) win.setMeasuring(false)
                        else app.clearSelection()
                    }
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
                    cameraSet: win.viewReady
                    opacity: app.basemapEnabled ? 0.8 : 1.0
                    z: 0
                    onRenderFailed: app.reportRenderError(message)
                }

                HighlightLayer {
                    objectName: "highlightLayer"
                    anchors.fill: parent
                    centerLatitude: map.center.latitude
                    centerLongitude: map.center.longitude
                    zoomLevel: map.zoomLevel
                    controller: app
                    z: 2
                }
                Loader {
                    objectName: "measureOverlay"
                    anchors.fill: parent
                    z: 4
                    active: win.measuring
                    source: "MeasureOverlay.qml"
                }
                MapItemView {
                    model: win.measuring ? win.measurePoints : []
                    delegate: MapQuickItem {
                        z: 6
                        coordinate: QtPositioning.coordinate(modelData.latitude, modelData.longitude)
                        anchorPoint.x: 5
                        anchorPoint.y: 5
                        sourceItem: Rectangle { width: 10; height: 10; radius: 5; color: "white"; border.color: "#1f78b4"; border.width: 2 }
                    }
                }

                // Where the dragged town will go.
                MapQuickItem {
                    objectName: "dragMarker"
                    z: 6
                    visible: win.draggingTown && win.dragCoordinate !== null
                    coordinate: win.dragCoordinate !== null ? win.dragCoordinate : map.center
                    anchorPoint.x: 8
                    anchorPoint.y: 8
                    sourceItem: Rectangle { width: 16; height: 16; radius: 8; color: "#801f78b4"; border.color: "#1f78b4"; border.width: 2 }
                }
                MouseArea {
                    id: mouseArea
                    objectName: "mapMouseArea"
                    anchors.fill: parent
                    hoverEnabled: true
                    z: 7
                    cursorShape: win.draggingTown ? Qt.ClosedHandCursor
                                 : win.measuring || win.placing !== "" ? Qt.CrossCursor : Qt.ArrowCursor
                    onPressed: {
                        app.clearHover()
                        win.dragEnded = false
                        if (win.placing !== "" || win.measuring || !editor.editable || app.selectionKind !== "town")
                            return
                        var c = layer.toCoordinate(mouse.x, mouse.y)
                        if (app.townAt(c.longitude, c.latitude, layer.resolution()) !== app.selectionKey)
                            return
                        win.draggingTown = true
                        win.dragStart = Qt.point(mouse.x, mouse.y)
                        map.gesture.enabled = false
                    }
                    onReleased: win.endTownDrag(mouse.x, mouse.y, true)
                    onCanceled: win.endTownDrag(0, 0, false)
                    onClicked: {
                        if (win.dragEnded) {
                            win.dragEnded = false
                            return
                        }
                        map.forceActiveFocus()
                        var c = layer.toCoordinate(mouse.x, mouse.y)
                        if (win.placing !== "")
                            win.placeAt(c.longitude, c.latitude)
                        else if (win.measuring)
                            win.addMeasurePoint(QtPositioning.coordinate(c.latitude, c.longitude))
                        else
                            app.clickAt(c.longitude, c.latitude, layer.resolution())
                    }
                    onDoubleClicked: {
                        if (win.measuring) {
                            win.measureDone = true
                            win.measurePointer = null
                        } else {
                            win.zoomBy(win.zoomStep, mouse.x, mouse.y)
                        }
                    }
                    onPositionChanged: {
                        var c = layer.toCoordinate(mouse.x, mouse.y)
                        win.pointer = c
                        if (win.draggingTown) {
                            win.dragCoordinate = QtPositioning.coordinate(c.latitude, c.longitude)
                            return
                        }
                        hoverTip.place(mouse.x, mouse.y)
                        if (win.measuring) {
                            if (!win.measureDone && win.measurePoints.length > 0)
                                win.measurePointer = QtPositioning.coordinate(c.latitude, c.longitude)
                            return
                        }
                        if (!pressed && !win.panning && win.placing === "")
                            app.hoverAt(c.longitude, c.latitude, layer.resolution())
                    }
                    onExited: app.clearHover()
                    onWheel: {
                        var notches = wheel.angleDelta.y / 120
                        if (notches !== 0)
                            win.zoomBy(notches * win.zoomStep, wheel.x, wheel.y)
                        wheel.accepted = true
                    }
                }

                // The tooltip follows the pointer, stays inside the map and
                // hides while the map is dragged.
                Rectangle {
                    id: hoverTip
                    objectName: "hoverTip"
                    z: 8
                    visible: mouseArea.containsMouse && !mouseArea.pressed && !win.panning
                             && !win.measuring && app.hoverText !== ""
                    width: tipText.implicitWidth + 12
                    height: tipText.implicitHeight + 8
                    color: "#fffff0"
                    border.color: "#888"
                    radius: 3
                    function place(px, py) {
                        x = Math.min(px + 16, map.width - width - 4)
                        y = py + 18 + height > map.height ? py - height - 8 : py + 18
                    }
                    Label {
                        id: tipText
                        anchors.centerIn: parent
                        text: app.hoverText
                    }
                }

                // The filters are on: what they keep, and an offer to frame it.
                Rectangle {
                    objectName: "filterChip"
                    z: 9
                    visible: app.filterActive
                    // Under the measuring panel when both are shown.
                    anchors.top: win.measuring ? measurePanel.bottom : parent.top
                    anchors.topMargin: 10
                    anchors.horizontalCenter: parent.horizontalCenter
                    width: chipRow.implicitWidth + 16
                    height: chipRow.implicitHeight + 8
                    radius: height / 2
                    color: "#f4f8fd"
                    border.color: "#9bb7d8"
                    Row {
                        id: chipRow
                        anchors.centerIn: parent
                        spacing: 8
                        Label { text: app.filterSummary; anchors.verticalCenter: parent.verticalCenter }
                        Button {
                            objectName: "chipFrameButton"
                            text: qsTr("Zoom to them")
                            flat: true
                            enabled: app.resultModel.count > 0
                            onClicked: app.frameFilterResults()
                        }
                        Button {
                            text: qsTr("Clear filters")
                            flat: true
                            onClicked: app.clearFilters()
                        }
                    }
                }

                // Measuring: the result and the tool's switches.
                Rectangle {
                    objectName: "placingBanner"
                    z: 9
                    visible: win.placing !== ""
                    anchors.horizontalCenter: parent.horizontalCenter
                    anchors.top: parent.top
                    anchors.topMargin: 10
                    width: placingRow.implicitWidth + 20
                    height: placingRow.implicitHeight + 12
                    radius: 4
                    color: "#fffbe6"
                    border.color: "#d9b44a"
                    RowLayout {
                        id: placingRow
                        anchors.centerIn: parent
                        spacing: 10
                        Label {
                            text: win.placing === "add" ? qsTr("Click the new town's place on the map")
                                                        : qsTr("Click the town's new place on the map")
                            font.bold: true
                        }
                        Button {
                            text: qsTr("Cancel (Esc)")
                            onClicked: win.placing = ""
                        }
                    }
                }
                Rectangle {
                    id: measurePanel
                    objectName: "measurePanel"
                    z: 9
                    visible: win.measuring
                    anchors.left: parent.left
                    anchors.top: parent.top
                    anchors.margins: 10
                    width: measureColumn.implicitWidth + 20
                    height: measureColumn.implicitHeight + 14
                    radius: 4
                    color: "#fafcff"
                    border.color: "#1f78b4"
                    Column {
                        id: measureColumn
                        anchors.centerIn: parent
                        spacing: 4
                        Row {
                            spacing: 4
                            RadioButton {
                                objectName: "measureDistance"
                                text: qsTr("Distance")
                                checked: !win.measureArea
                                onToggled: if (checked) { win.measureArea = false; win.measureResult = app.measure(win.measurePoints, false) }
                            }
                            RadioButton {
                                objectName: "measureAreaButton"
                                text: qsTr("Area")
                                checked: win.measureArea
                                onToggled: if (checked) { win.measureArea = true; win.measureResult = app.measure(win.measurePoints, true) }
                            }
                            Button {
                                text: qsTr("Clear")
                                flat: true
                                onClicked: win.resetMeasure()
                            }
                            Button {
                                text: qsTr("Close")
                                flat: true
                                onClicked: win.setMeasuring(false)
                            }
                        }
                        Label {
                            objectName: "measureText"
                            text: win.measurePoints.length < 2
                                  ? qsTr("Click points on the map; double-click to end")
                                  : (win.measureArea && win.measureResult.areaText
                                     ? qsTr("Area %1 · perimeter %2").arg(win.measureResult.areaText).arg(win.measureResult.distanceText)
                                     : qsTr("Distance %1").arg(win.measureResult.distanceText))
                            font.bold: win.measurePoints.length >= 2
                        }
                        Label {
                            text: qsTr("Geodesic, on the WGS84 ellipsoid")
                            color: "#777"
                            font.pointSize: 8.5
                        }
                    }
                }

                // North arrow: the map is never rotated, north is up.
                Item {
                    objectName: "northArrow"
                    z: 9
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: 12
                    width: 30
                    height: 44
                    Canvas {
                        anchors.fill: parent
                        onPaint: {
                            var ctx = getContext("2d")
                            ctx.reset()
                            ctx.fillStyle = "#333"
                            ctx.strokeStyle = "#333"
                            ctx.lineWidth = 1
                            ctx.beginPath(); ctx.moveTo(15, 16); ctx.lineTo(7, 42); ctx.lineTo(15, 35); ctx.closePath(); ctx.fill()
                            ctx.fillStyle = "#fff"
                            ctx.beginPath(); ctx.moveTo(15, 16); ctx.lineTo(23, 42); ctx.lineTo(15, 35); ctx.closePath(); ctx.fill(); ctx.stroke()
                        }
                    }
                    Label {
                        anchors.horizontalCenter: parent.horizontalCenter
                        y: -2
                        text: qsTr("N")
                        font.bold: true
                    }
                }

                // Scale bar: a round ground length, geodesic at the map's centre.
                Item {
                    id: scaleBarItem
                    objectName: "scaleBar"
                    z: 9
                    anchors.left: parent.left
                    anchors.bottom: parent.bottom
                    anchors.margins: 12
                    readonly property var bar: map.zoomLevel, map.center, map.width, app.language,
                                               app.scaleBar(map.center.longitude, map.center.latitude, map.zoomLevel, 140)
                    width: bar.pixels + 2
                    height: 26
                    Rectangle {
                        anchors.fill: parent
                        anchors.margins: -4
                        color: "#ccffffff"
                        radius: 3
                    }
                    Label {
                        objectName: "scaleText"
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.top: parent.top
                        text: scaleBarItem.bar.text
                        font.pointSize: 9
                    }
                    Rectangle { x: 0; y: 16; width: scaleBarItem.bar.pixels; height: 4; color: "#333" }
                    Rectangle { x: scaleBarItem.bar.pixels / 2; y: 17; width: scaleBarItem.bar.pixels / 2; height: 2; color: "#fff" }
                    Rectangle { x: 0; y: 12; width: 1.5; height: 10; color: "#333" }
                    Rectangle { x: scaleBarItem.bar.pixels - 1.5; y: 12; width: 1.5; height: 10; color: "#333" }
                }

                Column {
                    z: 9
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.rightMargin: 12
                    anchors.bottomMargin: app.basemapEnabled ? 34 : 12
                    spacing: 4
                    RoundButton {
                        objectName: "zoomInButton"
                        text: "+"
                        onClicked: win.zoomBy(win.zoomStep)
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: qsTr("Zoom in (+, wheel)")
                    }
                    RoundButton {
                        objectName: "zoomOutButton"
                        text: "−"
                        onClicked: win.zoomBy(-win.zoomStep)
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: qsTr("Zoom out (−, wheel)")
                    }
                }

                Label {
                    objectName: "basemapAttribution"
                    z: 9
                    visible: app.basemapEnabled
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: 6
                    text: qsTr("Basemap © OpenStreetMap contributors")
                    font.pointSize: 8.5
                    color: "#333"
                    background: Rectangle { color: "#ccffffff" }
                    padding: 2
                }
                Rectangle {
                    objectName: "basemapProblem"
                    z: 9
                    visible: app.basemapEnabled && app.basemapProblem !== ""
                    anchors.bottom: parent.bottom
                    anchors.horizontalCenter: parent.horizontalCenter
                    anchors.bottomMargin: 40
                    width: Math.min(parent.width - 40, problemText.implicitWidth + 24)
                    height: problemText.implicitHeight + 12
                    radius: 4
                    color: "#fff4e5"
                    border.color: "#e0a15a"
                    Label {
                        id: problemText
                        anchors.centerIn: parent
                        width: Math.min(implicitWidth, parent.parent.width - 64)
                        text: app.basemapProblem
                        wrapMode: Text.Wrap
                    }
                }

                Rectangle {
                    id: errorBanner
                    objectName: "errorBanner"
                    z: 10
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
                                ToolTip.delay: 600
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
                interval: 700
                onTriggered: {
                    if (!win.viewReady)
                        return
                    app.saveView(map.center.latitude, map.center.longitude, map.zoomLevel)
                    app.recordView(map.center.latitude, map.center.longitude, map.zoomLevel)
                }
            }
        }

        SummaryPanel {
            Layout.preferredWidth: win.width < 1300 ? 330 : 400
            Layout.fillHeight: true
            onCompareRequested: {
                app.setCompareCounty(0, app.selectionKey)
                compareDialog.dialog().open()
            }
            onEditTownRequested: townDialog.dialog().openEdit(app.selectionKey)
            onFiguresRequested: figuresDialog.dialog().openFor(app.selectionKey, app.selectionTitle)
            onMoveTownRequested: win.startPlacing("move")
            onDeleteTownRequested: deleteDialog.dialog().openFor(app.selectionKey, app.selectionTitle)
        }
    }

    // The dialogs are made when first opened (LazyDialog.qml).
    LazyDialog { id: shortcutsDialog; sourceComponent: Component { ShortcutsDialog {} } }
    LazyDialog { id: townDialog; sourceComponent: Component { TownDialog {} } }
    LazyDialog { id: figuresDialog; sourceComponent: Component { FiguresDialog {} } }
    LazyDialog { id: upgradeDialog; sourceComponent: Component { UpgradeDialog {} } }
    LazyDialog { id: conflictsDialog; sourceComponent: Component { ConflictsDialog {} } }
    LazyDialog { id: deleteDialog; sourceComponent: Component { DeleteTownDialog {} } }
    LazyDialog { id: compareDialog; sourceComponent: Component { CompareDialog {} } }
    // A newer reference on start: asked once the window is up.
    Timer {
        interval: 0
        running: editor.upgradeOffered && win.visible
        onTriggered: if (editor.upgradeOffered && !upgradeDialog.shown) upgradeDialog.dialog().open()
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                objectName: "coordinateLabel"
                text: win.pointerText
                Layout.preferredWidth: 240
            }
            Label {
                objectName: "workspaceLabel"
                text: editor.editable ? qsTr("Workspace") : qsTr("Read-only")
                color: editor.editable ? "#2b6a2b" : "#8a5a00"
                font.bold: true
                ToolTip.visible: workspaceHover.hovered
                ToolTip.delay: 400
                ToolTip.text: editor.editable ? editor.workspacePath : editor.readOnlyReason
                HoverHandler { id: workspaceHover }
            }
            Label {
                objectName: "statusLabel"
                text: app.statusMessage
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            Label {
                text: qsTr("Schematic map, boundaries not surveyed") + (app.dataVersion !== "" ? "  ·  " + qsTr("data %1").arg(app.dataVersion) : "")
                color: "#666"
                elide: Text.ElideLeft
                Layout.maximumWidth: win.width / 2
            }
        }
    }

    onClosing: app.saveView(map.center.latitude, map.center.longitude, map.zoomLevel)

    // 导出地图 (ExportDialog.qml): Ctrl+E, Ctrl+P (a PDF), the toolbar, the county panel.
    LazyDialog { id: exportDialog; sourceComponent: Component { ExportDialog {} } }
    Connections {
        target: exporter
        function onOpenRequested() {
            const d = exportDialog.dialog()
            if (!d.opened)
                d.open()
        }
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
