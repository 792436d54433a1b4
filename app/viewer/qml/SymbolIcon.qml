import QtQuick 2.15

// A map symbol as the renderer draws it: a marker (circle, star, square,
// triangle) of a colour and radius, an area (fill, hatched fill) or a line.
// Used wherever the panels name something the map shows (legend, town lists,
// search results), so the icon and the map agree.
Canvas {
    id: icon
    property string symbol: "circle"   // circle / fill / hatch / line / heading
    property string shape: "circle"    // circles: circle / star / square / triangle
    property color fill: "#9e9e9e"
    property color stroke: "#ffffff"
    property real radius: 5            // markers: the style's radius (px)
    property bool dashed: false
    property bool dimmed: false
    implicitWidth: 22
    implicitHeight: 18
    opacity: dimmed ? 0.35 : 1.0

    onSymbolChanged: requestPaint()
    onShapeChanged: requestPaint()
    onFillChanged: requestPaint()
    onStrokeChanged: requestPaint()
    onRadiusChanged: requestPaint()
    onDashedChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    function star(ctx, cx, cy, r) {
        // Five points: outer radius 1.25 r, inner 0.5 r (as the renderer's).
        ctx.beginPath()
        for (var i = 0; i < 10; ++i) {
            var a = -Math.PI / 2 + i * Math.PI / 5
            var rr = (i % 2 === 0) ? r * 1.25 : r * 0.5
            var x = cx + rr * Math.cos(a), y = cy + rr * Math.sin(a)
            if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y)
        }
        ctx.closePath()
    }

    onPaint: {
        var ctx = getContext("2d")
        ctx.reset()
        var w = width, h = height, cx = w / 2, cy = h / 2
        if (symbol === "heading")
            return
        if (symbol === "line") {
            ctx.strokeStyle = fill
            ctx.lineWidth = Math.max(1.5, Math.min(radius, 6))
            if (dashed)
                ctx.setLineDash([4, 3])
            ctx.beginPath(); ctx.moveTo(2, cy); ctx.lineTo(w - 2, cy); ctx.stroke()
            return
        }
        if (symbol === "fill" || symbol === "hatch") {
            ctx.fillStyle = fill
            ctx.fillRect(2, 3, w - 4, h - 6)
            if (symbol === "hatch") {
                ctx.save()
                ctx.beginPath(); ctx.rect(2, 3, w - 4, h - 6); ctx.clip()
                ctx.strokeStyle = stroke
                ctx.lineWidth = 1
                for (var i = -h; i < w; i += 4) {
                    ctx.beginPath(); ctx.moveTo(i, h); ctx.lineTo(i + h, 0); ctx.stroke()
                }
                ctx.restore()
            }
            ctx.strokeStyle = stroke
            ctx.lineWidth = 1
            ctx.strokeRect(2.5, 3.5, w - 5, h - 7)
            return
        }
        // Markers: the style's radius, kept readable and inside the icon.
        var r = Math.max(3, Math.min(radius, Math.min(w, h) / 2 - 1.5))
        if (shape === "star")
            r = Math.min(r, (Math.min(w, h) / 2 - 1) / 1.25)
        ctx.fillStyle = fill
        ctx.strokeStyle = stroke
        ctx.lineWidth = 1
        if (shape === "star") {
            star(ctx, cx, cy + 0.5, r)
        } else if (shape === "square") {
            ctx.beginPath(); ctx.rect(cx - r, cy - r, 2 * r, 2 * r)
        } else if (shape === "triangle") {
            ctx.beginPath(); ctx.moveTo(cx, cy - 1.2 * r); ctx.lineTo(cx + 1.04 * r, cy + 0.6 * r)
            ctx.lineTo(cx - 1.04 * r, cy + 0.6 * r); ctx.closePath()
        } else {
            ctx.beginPath(); ctx.arc(cx, cy, r, 0, 2 * Math.PI)
        }
        ctx.fill()
        ctx.stroke()
    }
}
