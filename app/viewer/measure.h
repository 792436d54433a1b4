#pragma once
// Geodesy for the viewer's map tools (scale bar, distance and area
// measuring): geodesics on the WGS84 ellipsoid through PROJ's geodesic
// library (GRS80, CGCS2000's ellipsoid, differs by far less than a metre over
// Shanxi). Points are lon/lat degrees.
#include <QPointF>
#include <QString>
#include <QVector>

namespace jinmap::viewer {

double geodesicDistance(QPointF a, QPointF b);
// Length of the polyline through `points` (closed: back to the first).
double pathLength(const QVector<QPointF>& points, bool closed = false);
// Area of the polygon `points` (m², whatever the winding); 0 under 3 points.
double polygonArea(const QVector<QPointF>& points);

// "850 米", "12.4 公里" / "850 m", "12.4 km"; "3.2 平方公里" / "3.2 km²".
QString distanceText(double metres, bool chinese);
QString areaText(double squareMetres, bool chinese);

// A scale bar at `centerLonLat` for a map of `metresPerPixel` EPSG:3857
// metres per logical pixel: the longest round ground length (1-2-5) that
// fits in `maxPixels`, measured as a geodesic along the map's horizontal.
struct ScaleBar {
    double pixels = 0;
    double metres = 0;
    QString text;
};
ScaleBar scaleBar(QPointF centerLonLat, double metresPerPixel, double maxPixels, bool chinese);

// "东经 113.29°，北纬 37.94°" / "113.29° E, 37.94° N".
QString coordinateText(QPointF lonLat, bool chinese);

}  // namespace jinmap::viewer
