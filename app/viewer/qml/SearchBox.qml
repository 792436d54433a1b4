import QtQuick 2.15
import QtQuick.Controls 2.15
import Jinmap 1.0

// Search field: suggestions while typing (type icons), Return shows the one
// place meant or, when the name is shared (城区), a chooser; no match is a
// quiet note inside the field, never an empty popup.
TextField {
    id: field
    objectName: "searchField"
    placeholderText: qsTr("Search towns, counties, parks, projects…")
    selectByMouse: true
    rightPadding: noMatch.visible ? noMatch.width + 14 : 8
    // "chooser": Return found several places of that name.
    property bool chooser: false
    property bool nothingFound: false

    function showResults() {
        if (app.searchModel.count > 0)
            popup.open()
        else
            popup.close()
    }

    onTextChanged: {
        chooser = false
        nothingFound = false
        app.search(text)
        if (text.length > 0)
            showResults()
        else
            popup.close()
        if (text.length > 0 && app.searchModel.count === 0)
            nothingFound = true
    }
    onAccepted: {
        var result = app.searchReturn(text)
        if (result === "activated") {
            popup.close()
            chooser = false
        } else if (result === "chooser") {
            chooser = true
            popup.open()
            resultList.currentIndex = 0
            resultList.forceActiveFocus()
        } else {
            popup.close()
            nothingFound = true
        }
    }
    Keys.onDownPressed: {
        if (app.searchModel.count > 0) {
            popup.open()
            resultList.currentIndex = 0
            resultList.forceActiveFocus()
        }
    }
    Keys.onEscapePressed: { popup.close(); chooser = false }
    ToolTip.visible: hovered && text === ""
    ToolTip.delay: 600
    ToolTip.text: qsTr("Simplified or Traditional characters, e.g. 大同黃花; Return shows the place")

    Label {
        id: noMatch
        objectName: "searchNoMatch"
        visible: field.nothingFound && field.text.length > 0
        anchors.right: parent.right
        anchors.rightMargin: 8
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("no match")
        color: "#8a8f98"
        font.pointSize: 9
    }

    Popup {
        id: popup
        objectName: "searchPopup"
        y: field.height + 2
        width: Math.max(field.width, 440)
        height: Math.min(380, resultList.contentHeight + chooserHeader.height + 14)
        padding: 4
        closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutsideParent
        onClosed: field.chooser = false
        Label {
            id: chooserHeader
            objectName: "searchChooserHeader"
            visible: field.chooser
            height: visible ? implicitHeight + 6 : 0
            width: parent.width
            text: qsTr("%1 places match “%2”: choose one (↑ ↓, Return)").arg(app.searchModel.count).arg(field.text)
            font.bold: true
            color: "#234"
            wrapMode: Text.Wrap
        }
        ListView {
            id: resultList
            objectName: "searchResults"
            anchors.top: chooserHeader.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            clip: true
            model: app.searchModel
            boundsBehavior: Flickable.StopAtBounds
            highlightMoveDuration: 0
            // No delegates made ahead (asynchronously): the model is reset at
            // every keystroke, and a reset during their incubation is what
            // makes Qt warn "DelegateModel::cancel: index out range".
            cacheBuffer: 0
            ScrollBar.vertical: ScrollBar {
                id: searchBar
                policy: resultList.contentHeight > resultList.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            }
            delegate: ItemDelegate {
                width: resultList.width - 12
                highlighted: ListView.isCurrentItem
                leftPadding: 30
                topPadding: 4
                bottomPadding: 4
                // The type icon: a town as the map draws it; areas, parks,
                // platforms, layout elements and projects by their kind.
                TownIcon {
                    x: 5
                    anchors.verticalCenter: parent.verticalCenter
                    visible: model.kind === "town"
                    level: model.level
                    sectorKey: model.sectorKey
                }
                SymbolIcon {
                    x: 5
                    anchors.verticalCenter: parent.verticalCenter
                    visible: model.kind !== "town"
                    width: 20; height: 18
                    symbol: model.kind === "county" || model.kind === "prefecture" ? "fill"
                          : (model.kind === "layout" ? "line" : "circle")
                    shape: model.kind === "platform" ? "square" : (model.kind === "project" ? "triangle" : "circle")
                    fill: model.kind === "county" ? "#fbf3e4" : model.kind === "prefecture" ? "#e9d8b4"
                        : model.kind === "layout" ? "#e6550d" : model.kind === "platform" ? "#54278f"
                        : model.kind === "project" ? "#1f78b4" : "#555555"
                    stroke: model.kind === "county" || model.kind === "prefecture" ? "#777777" : "#ffffff"
                    radius: 5
                }
                contentItem: Column {
                    Row {
                        spacing: 6
                        Label { text: model.name; font.bold: true }
                        Label { text: model.kindLabel; color: "#567" }
                    }
                    Label {
                        visible: text !== ""
                        text: model.context
                        color: "#789"
                        font.pointSize: 9
                        width: parent.width
                        elide: Text.ElideRight
                    }
                }
                onClicked: { app.activateSearchResult(index); popup.close() }
            }
            Keys.onReturnPressed: { app.activateSearchResult(currentIndex); popup.close() }
            Keys.onEnterPressed: { app.activateSearchResult(currentIndex); popup.close() }
            Keys.onEscapePressed: { popup.close(); field.forceActiveFocus() }
        }
    }
}
