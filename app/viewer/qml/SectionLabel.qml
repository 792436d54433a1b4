import QtQuick 2.15
import QtQuick.Controls 2.15

Label {
    font.bold: true
    font.pointSize: 11
    color: "#234"
    topPadding: 10
    bottomPadding: 4
}
