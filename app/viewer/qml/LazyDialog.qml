import QtQuick 2.15

// A dialog made the first time it is asked for. Creating every dialog with
// the window cost the first map about 80 ms (measured with gui_bench), for
// dialogs a planner may never open. `dialog()` creates it and returns it;
// `shown` says whether it is on screen without creating it.
Loader {
    active: false
    readonly property bool shown: item !== null && item.visible

    function dialog() {
        active = true
        return item
    }
}
