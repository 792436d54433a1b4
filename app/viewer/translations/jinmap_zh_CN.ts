<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CollapsibleSection</name>
    <message>
        <source>Click to fold this section</source>
        <translation>点击收起此栏</translation>
    </message>
    <message>
        <source>Click to unfold this section</source>
        <translation>点击展开此栏</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare two counties</source>
        <translation>对比两个县</translation>
    </message>
    <message>
        <source>Choose the county for this column</source>
        <translation>选择这一栏的县</translation>
    </message>
    <message>
        <source>Choose a county above</source>
        <translation>请在上方选择一个县</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts to review</source>
        <translation>待核对的冲突</translation>
    </message>
    <message>
        <source>No conflicts: every reference upgrade merged cleanly.</source>
        <translation>没有冲突：每次参考数据升级都已顺利合并。</translation>
    </message>
    <message>
        <source>Both the reference data and you changed these rows. Your version is kept; the reference&apos;s is shown beside it.</source>
        <translation>参考数据和您都修改了以下条目。已保留您的版本；参考数据的版本列在旁边供核对。</translation>
    </message>
    <message>
        <source>Reference data</source>
        <translation>参考数据</translation>
    </message>
    <message>
        <source>Yours (kept)</source>
        <translation>您的（已保留）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>DeleteTownDialog</name>
    <message>
        <source>Delete %1?</source>
        <translation>删除%1？</translation>
    </message>
    <message>
        <source>The town and its figures leave the map and the summaries. The change history keeps them: Ctrl+Z (or jinmap revert) brings them back.</source>
        <translation>该专业镇及其数据将从地图和概况中移除。修改历史会保留它们：按 Ctrl+Z（或用 jinmap revert）可恢复。</translation>
    </message>
    <message>
        <source>optional: why (kept in the change history)</source>
        <translation>可不填：修改原因（记入修改历史）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export county sheet</source>
        <translation>导出县域专题图</translation>
    </message>
    <message>
        <source>Export atlas</source>
        <translation>导出图集</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Atlas</source>
        <translation>图集</translation>
    </message>
    <message>
        <source>One page per city or per county, in one PDF or a folder of images</source>
        <translation>每个市或每个县一页，合为一个 PDF 或一个图片文件夹</translation>
    </message>
    <message>
        <source>County sheet</source>
        <translation>县域专题图</translation>
    </message>
    <message>
        <source>The county&apos;s map with its towns, figures and sources on one page</source>
        <translation>一页之内：该县地图、专业镇、数据及来源</translation>
    </message>
    <message>
        <source>Select a county on the map first</source>
        <translation>请先在地图上选择一个县</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>分页</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Also write its figures as an XLSX table (same name)</source>
        <translation>同时导出该县数据表（XLSX，同名）</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>PDF — vector, fonts embedded</source>
        <translation>PDF（矢量，嵌入字体）</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>GeoTIFF — georeferenced image</source>
        <translation>GeoTIFF（带地理坐标的图片）</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>自定义尺寸</translation>
    </message>
    <message>
        <source>Width × height</source>
        <translation>宽 × 高</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>毫米</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Choose one, or type another code (e.g. EPSG:4549) and press Enter</source>
        <translation>从列表选择，或输入其他代码（如 EPSG:4549）后按回车</translation>
    </message>
    <message>
        <source>Titles</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Common title (optional)</source>
        <translation>图集总标题（可不填）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Subtitle (optional)</source>
        <translation>副标题（可不填）</translation>
    </message>
    <message>
        <source>Each page is titled with its area; a common title becomes every page&apos;s subtitle.</source>
        <translation>每页以其地区为标题；填写的总标题作为每页的副标题。</translation>
    </message>
    <message>
        <source>Titles from the theme and area</source>
        <translation>按专题和范围重新生成标题</translation>
    </message>
    <message>
        <source>On the page</source>
        <translation>图面要素</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <source>Locator map</source>
        <translation>位置示意图</translation>
    </message>
    <message>
        <source>Notes: sources, caveats, data version</source>
        <translation>注记：资料来源、说明、数据版本</translation>
    </message>
    <message>
        <source>The same export from the command line</source>
        <translation>同样的导出（命令行）</translation>
    </message>
    <message>
        <source>Cannot make this page: %1</source>
        <translation>无法生成此页面：%1</translation>
    </message>
    <message>
        <source>Page %1 of %2: %3</source>
        <translation>第 %1/%2 页：%3</translation>
    </message>
    <message>
        <source>preview %1 ms</source>
        <translation>预览 %1 毫秒</translation>
    </message>
    <message>
        <source>Checking the page at %1 dpi…</source>
        <translation>正在按 %1 dpi 检查页面…</translation>
    </message>
    <message>
        <source>Check before writing</source>
        <translation>导出前检查</translation>
    </message>
    <message>
        <source>Nothing is lost: every label and character is drawn, the page size is fine.</source>
        <translation>没有缺失：所有标注和文字都能绘出，页面尺寸可用。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export to a folder…</source>
        <translation>导出到文件夹…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Folder for the atlas (it gets a folder of its own inside)</source>
        <translation>选择图集的存放位置（将在其中新建一个图集文件夹）</translation>
    </message>
</context>
<context>
    <name>FiguresDialog</name>
    <message>
        <source>Figures of %1</source>
        <translation>%1的数据</translation>
    </message>
    <message>
        <source>The town</source>
        <translation>本镇</translation>
    </message>
    <message>
        <source>The whole county</source>
        <translation>全县</translation>
    </message>
    <message>
        <source>One company</source>
        <translation>单个企业</translation>
    </message>
    <message>
        <source>The whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>The province</source>
        <translation>全省</translation>
    </message>
    <message>
        <source>Entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No figures yet.</source>
        <translation>暂无数据。</translation>
    </message>
    <message>
        <source>New figure</source>
        <translation>新增数据</translation>
    </message>
    <message>
        <source>Edit the figure</source>
        <translation>修改数据</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>what it measures, as the document says</source>
        <translation>按文件原话填写指标名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>口径</translation>
    </message>
    <message>
        <source>the company</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>optional for a fact entered by hand</source>
        <translation>手工录入时可不填</translation>
    </message>
    <message>
        <source>the sentence, word for word, as the document has it</source>
        <translation>文件中的原句，逐字填写</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>optional: why (kept in the change history)</source>
        <translation>可不填：修改原因（记入修改历史）</translation>
    </message>
    <message>
        <source>Add figure</source>
        <translation>添加数据</translation>
    </message>
    <message>
        <source>Save figure</source>
        <translation>保存数据</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>LeftPanel</name>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Show or hide this layer</source>
        <translation>显示或隐藏此图层</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>产业类别</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Show every town again</source>
        <translation>重新显示全部专业镇</translation>
    </message>
    <message>
        <source>Show this town on the map</source>
        <translation>在地图上显示该专业镇</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>计数中…</translation>
    </message>
    <message>
        <source>on</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>%1: %2 towns</source>
        <translation>%1：%2 个专业镇</translation>
    </message>
    <message>
        <source>Zoom to results</source>
        <translation>缩放到结果</translation>
    </message>
    <message>
        <source>Show the counties of the towns the filters keep</source>
        <translation>缩放到筛选结果所在的县</translation>
    </message>
    <message>
        <source>Towns</source>
        <translation>专业镇列表</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n town(s) not on the map: the sources do not say the county</source>
        <translation>
            <numerusform>另有 %n 个专业镇未在图上标出：资料未说明其所在县</numerusform>
        </translation>
    </message>
    <message>
        <source>This theme does not draw the specialty towns: the filters change the town list and the overview only.</source>
        <translation>本专题不显示专业镇：筛选只改变专业镇列表和概览。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>jinmap — Shanxi specialty towns</source>
        <translation>晋图 — 山西特色专业镇</translation>
    </message>
    <message>
        <source>Shanxi specialty towns</source>
        <translation>山西特色专业镇</translation>
    </message>
    <message>
        <source>Choose the thematic map</source>
        <translation>选择专题地图</translation>
    </message>
    <message>
        <source>Online basemap</source>
        <translation>在线底图</translation>
    </message>
    <message>
        <source>OpenStreetMap tiles under the map (needs a network; off by default)</source>
        <translation>在地图下方显示 OpenStreetMap 瓦片（需要网络，默认关闭）</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Schematic map, boundaries not surveyed</source>
        <translation>示意图，边界未经测绘审核</translation>
    </message>
    <message>
        <source>data %1</source>
        <translation>数据版本 %1</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Back to the theme&apos;s city (Home)</source>
        <translation>回到本专题的城市范围（Home 键）</translation>
    </message>
    <message>
        <source>Back to all of Shanxi (Home)</source>
        <translation>回到全省范围（Home 键）</translation>
    </message>
    <message>
        <source>City</source>
        <translation>本市</translation>
    </message>
    <message>
        <source>Zoom to the city of the selection, or to the city in the middle of the map</source>
        <translation>缩放到所选对象所在的市；未选择时缩放到地图中央所在的市</translation>
    </message>
    <message>
        <source>Previous view (Alt+←)</source>
        <translation>上一视图（Alt+←）</translation>
    </message>
    <message>
        <source>Next view (Alt+→)</source>
        <translation>下一视图（Alt+→）</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Measure distances and areas on the map (M)</source>
        <translation>在地图上测量距离和面积（M 键）</translation>
    </message>
    <message>
        <source>Keyboard and mouse (F1)</source>
        <translation>快捷键与鼠标操作（F1）</translation>
    </message>
    <message>
        <source>Zoom to them</source>
        <translation>缩放到结果</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Click points on the map; double-click to end</source>
        <translation>在地图上依次点击各点；双击结束</translation>
    </message>
    <message>
        <source>Area %1 · perimeter %2</source>
        <translation>面积 %1 · 周长 %2</translation>
    </message>
    <message>
        <source>Distance %1</source>
        <translation>距离 %1</translation>
    </message>
    <message>
        <source>Geodesic, on the WGS84 ellipsoid</source>
        <translation>按 WGS84 椭球面大地线计算</translation>
    </message>
    <message>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <source>Zoom in (+, wheel)</source>
        <translation>放大（+ 键、滚轮）</translation>
    </message>
    <message>
        <source>Zoom out (−, wheel)</source>
        <translation>缩小（− 键、滚轮）</translation>
    </message>
    <message>
        <source>Basemap © OpenStreetMap contributors</source>
        <translation>底图 © OpenStreetMap 贡献者</translation>
    </message>
    <message>
        <source>Export map…</source>
        <translation>导出地图…</translation>
    </message>
    <message>
        <source>PDF, PNG, SVG or GeoTIFF of the current view, a city, an atlas (Ctrl+E; Ctrl+P for a PDF)</source>
        <translation>将当前视图、某市或图集导出为 PDF、PNG、SVG 或 GeoTIFF（Ctrl+E；Ctrl+P 直接导出 PDF）</translation>
    </message>
    <message>
        <source>That place is outside Shanxi&apos;s counties: click inside a county.</source>
        <translation>该位置不在山西各县区范围内：请点击县区之内。</translation>
    </message>
    <message>
        <source>Cannot move the town</source>
        <translation>无法移动专业镇</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <source>Cannot redo</source>
        <translation>无法重做</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Add a town on the map, undo and redo (Ctrl+Z, Ctrl+Shift+Z)</source>
        <translation>在地图上添加专业镇，撤销与重做（Ctrl+Z、Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Editing is off: %1</source>
        <translation>无法编辑：%1</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做：%1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Add a town on the map…</source>
        <translation>在地图上添加专业镇…</translation>
    </message>
    <message>
        <source>Edit the selected town…</source>
        <translation>编辑所选专业镇…</translation>
    </message>
    <message>
        <source>Move the selected town</source>
        <translation>移动所选专业镇</translation>
    </message>
    <message>
        <source>Delete the selected town…</source>
        <translation>删除所选专业镇…</translation>
    </message>
    <message>
        <source>Undo %1 (Ctrl+Z)</source>
        <translation>撤销：%1（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo %1 (Ctrl+Shift+Z)</source>
        <translation>重做：%1（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Click the new town&apos;s place on the map</source>
        <translation>请在地图上点击新专业镇的位置</translation>
    </message>
    <message>
        <source>Click the town&apos;s new place on the map</source>
        <translation>请在地图上点击专业镇的新位置</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Conflicts to review…</source>
        <translation>待核对的冲突…</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search towns, counties, parks, projects…</source>
        <translation>搜索专业镇、县区、园区、项目…</translation>
    </message>
    <message>
        <source>Simplified or Traditional characters, e.g. 大同黃花; Return shows the place</source>
        <translation>简体或繁体均可，例如“大同黃花”；按回车显示该地</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>%1 places match “%2”: choose one (↑ ↓, Return)</source>
        <translation>有 %1 处与“%2”相符，请选择（↑ ↓ 键，回车）</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard and mouse</source>
        <translation>快捷键与鼠标操作</translation>
    </message>
    <message>
        <source>Mouse wheel, + / −, the map&apos;s + − buttons</source>
        <translation>鼠标滚轮、+ / − 键、地图上的 + − 按钮</translation>
    </message>
    <message>
        <source>Zoom in or out, one step (×1.4)</source>
        <translation>放大或缩小一级（×1.4）</translation>
    </message>
    <message>
        <source>Drag the map, arrow keys</source>
        <translation>拖动地图、方向键</translation>
    </message>
    <message>
        <source>Move the map</source>
        <translation>平移地图</translation>
    </message>
    <message>
        <source>Home, the Home button</source>
        <translation>Home 键、“全图”按钮</translation>
    </message>
    <message>
        <source>The theme&apos;s whole area (Datong layout: Datong)</source>
        <translation>本专题的全图范围（大同布局专题为大同市）</translation>
    </message>
    <message>
        <source>The City button</source>
        <translation>“本市”按钮</translation>
    </message>
    <message>
        <source>The city of the selection, or the one in the middle of the map</source>
        <translation>所选对象所在的市，或地图中央所在的市</translation>
    </message>
    <message>
        <source>Alt+← / Alt+→</source>
        <translation>Alt+← / Alt+→</translation>
    </message>
    <message>
        <source>Previous / next view</source>
        <translation>上一视图 / 下一视图</translation>
    </message>
    <message>
        <source>Click on the map</source>
        <translation>在地图上单击</translation>
    </message>
    <message>
        <source>The summary of the county, city, town, park or layout element clicked</source>
        <translation>显示所点击的县、市、专业镇、园区或布局要素的摘要</translation>
    </message>
    <message>
        <source>Ctrl+F, then Return</source>
        <translation>Ctrl+F，然后回车</translation>
    </message>
    <message>
        <source>Search; Return shows the place, or a list when several share the name</source>
        <translation>搜索；回车显示该地，重名时列出供选择</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>Measure distances; with “Area”, the area of the polygon</source>
        <translation>测量距离；选“面积”时测量多边形面积</translation>
    </message>
    <message>
        <source>Double-click / Backspace (measuring)</source>
        <translation>双击 / 退格键（测量时）</translation>
    </message>
    <message>
        <source>End the measurement / remove the last point</source>
        <translation>结束测量 / 删除最后一点</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close the summary, stop measuring, close a list</source>
        <translation>关闭摘要、退出测量、关闭列表</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo / redo the last edit made in this window</source>
        <translation>撤销 / 重做本窗口中的上一次修改</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the summary with its sources as text</source>
        <translation>以文本复制概况及其出处</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Close the summary (Esc)</source>
        <translation>关闭概况（Esc）</translation>
    </message>
    <message>
        <source>Save the figures with their scope, caveats and sources as CSV or XLSX</source>
        <translation>将数据连同口径、说明和来源保存为 CSV 或 XLSX</translation>
    </message>
    <message>
        <source>Shanxi overview</source>
        <translation>全省概览</translation>
    </message>
    <message>
        <source>Specialty towns by city and level, following the filters. Click a county, town, park or city on the map for its summary.</source>
        <translation>各市专业镇数量（按级别，随筛选变化）。点击地图上的县、专业镇、园区或市可查看其摘要。</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>对比…</translation>
    </message>
    <message>
        <source>This county&apos;s summary beside another county&apos;s</source>
        <translation>将本县摘要与另一个县并排对比</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>Prov.</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>Mun.</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Show %1&apos;s summary</source>
        <translation>查看%1的摘要</translation>
    </message>
    <message>
        <source>(partial)</source>
        <translation>（部分）</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Totals include the towns whose level the sources do not state. “partial”: the sources list only some of that city&apos;s towns; “no data”: they list none, which is not the same as none existing.</source>
        <translation>合计含资料未说明级别的专业镇。“部分”：资料只列出该市的部分专业镇；“无数据”：资料未列出该市专业镇，并不表示该市没有专业镇。</translation>
    </message>
    <message>
        <source>County sheet…</source>
        <translation>导出县域专题图…</translation>
    </message>
    <message>
        <source>A print page of this county: its map, towns, figures and sources</source>
        <translation>该县的打印页：地图、专业镇、数据及来源</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Name, county, sector, level, year named and source</source>
        <translation>名称、所在县区、产业、级别、认定年份和来源</translation>
    </message>
    <message>
        <source>Figures…</source>
        <translation>数据…</translation>
    </message>
    <message>
        <source>Add, correct or delete the town&apos;s figures with their sources</source>
        <translation>添加、更正或删除该镇的数据及其来源</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Remove the town and its figures (kept in the history; Ctrl+Z undoes it)</source>
        <translation>删除该专业镇及其数据（保留在修改历史中；Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Editing is off: %1</source>
        <translation>无法编辑：%1</translation>
    </message>
    <message>
        <source>Then click the town&apos;s place on the map (or drag the town on the map)</source>
        <translation>然后在地图上点击专业镇的新位置（也可直接在地图上拖动该镇）</translation>
    </message>
</context>
<context>
    <name>SummaryRow</name>
    <message>
        <source>The documents disagree: show the other reading</source>
        <translation>资料间有出入：查看另一资料的数字</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this town&apos;s figures as report-ready text</source>
        <translation>复制本镇数据（可直接用于报告的文字）</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Show the source document and the sentence quoted</source>
        <translation>显示来源文件及引用原文</translation>
    </message>
</context>
<context>
    <name>SummaryRows</name>
    <message>
        <source>Other reading: %1</source>
        <translation>另一资料：%1</translation>
    </message>
    <message>
        <source>As written in the source: %1</source>
        <translation>原文写法：%1</translation>
    </message>
    <message>
        <source>County: not stated in the sources</source>
        <translation>所在县区：资料未写明</translation>
    </message>
    <message>
        <source>The sources give no figures for this town.</source>
        <translation>资料未给出该镇的数字。</translation>
    </message>
    <message>
        <source>county not stated</source>
        <translation>县区未写明</translation>
    </message>
    <message>
        <source>investment %1</source>
        <translation>总投资%1</translation>
    </message>
    <message>
        <source>Sources (%1)</source>
        <translation>资料来源（%1）</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Data notes</source>
        <translation>数据说明</translation>
    </message>
    <message>
        <source>Data version %1</source>
        <translation>数据版本 %1</translation>
    </message>
    <message>
        <source>%1: city summary</source>
        <translation>%1：城市概况</translation>
    </message>
    <message>
        <source>Specialty towns (%1)</source>
        <translation>专业镇（%1 个）</translation>
    </message>
    <message>
        <source>The sources list no specialty town in this county.</source>
        <translation>资料中该县没有专业镇。</translation>
    </message>
    <message>
        <source>No data: the sources do not list all towns of %1.</source>
        <translation>无数据：资料未列出%1的全部专业镇。</translation>
    </message>
    <message>
        <source>Parks and platforms (%1)</source>
        <translation>园区与平台（%1 个）</translation>
    </message>
    <message>
        <source>Planned projects (%1)</source>
        <translation>规划项目（%1 个）</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Towns per county: %1</source>
        <translation>各县区专业镇数：%1</translation>
    </message>
    <message>
        <source>No towns in the sources: %1</source>
        <translation>资料未列出专业镇的县区：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Towns whose county the sources do not state</source>
        <translation>县区未写明的专业镇</translation>
    </message>
    <message>
        <source>Corridor, core and belt (schematic)</source>
        <translation>一廊一核一带（示意）</translation>
    </message>
    <message>
        <source>Counts stated in the documents</source>
        <translation>资料中的数量</translation>
    </message>
    <message>
        <source>Specialty town</source>
        <translation>专业镇</translation>
    </message>
    <message>
        <source>The point shows the county (county-level placement), not the town&apos;s location.</source>
        <translation>点位表示所在县（按县定位），不是专业镇的实际位置。</translation>
    </message>
    <message>
        <source>Innovation platform</source>
        <translation>创新平台</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Industry: %1</source>
        <translation>产业：%1</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <source>Layout: %1</source>
        <translation>布局：%1</translation>
    </message>
    <message>
        <source>County: %1</source>
        <translation>所在县：%1</translation>
    </message>
    <message>
        <source>The point shows the county (county-level placement), not the exact location.</source>
        <translation>点位表示所在县（按县定位），不是准确位置。</translation>
    </message>
    <message>
        <source>The shape is schematic, derived from the places the plan names.</source>
        <translation>形状为示意，依据规划所列地点绘制。</translation>
    </message>
    <message>
        <source>The point was placed on the map by a planner (an edit in this workspace), not taken from the documents.</source>
        <translation>点位由规划人员在地图上放置（本工作区中的修改），并非来自文件。</translation>
    </message>
</context>
<context>
    <name>TableExportDialog</name>
    <message>
        <source>Export the figures as a table</source>
        <translation>将数据导出为表格</translation>
    </message>
    <message>
        <source>File (.csv or .xlsx):</source>
        <translation>文件（.csv 或 .xlsx）：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 工作簿（XLSX）</translation>
    </message>
    <message>
        <source>One row per figure: town, figure, value, year, scope, whether it counts as the town&apos;s own, the other reading where documents disagree, notes, document and quoted sentence. Headers in the interface language.</source>
        <translation>每个数据一行：专业镇、指标、数值、年份、范围、是否计入本镇、资料间不一致时的另一数字、说明、来源资料及原文。表头使用界面语言。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
</context>
<context>
    <name>TownDialog</name>
    <message>
        <source>Add a specialty town</source>
        <translation>添加专业镇</translation>
    </message>
    <message>
        <source>Edit the town %1</source>
        <translation>编辑专业镇：%1</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Level not stated</source>
        <translation>级别未说明</translation>
    </message>
    <message>
        <source>Placed by you at %1 (point precision: placed by a user)</source>
        <translation>由您放置于 %1（点位精度：用户放置）</translation>
    </message>
    <message>
        <source>Point placed by a user (Move changes it)</source>
        <translation>点位由用户放置（可用“移动”修改）</translation>
    </message>
    <message>
        <source>Shown at its county (the documents give no exact place; Move places it)</source>
        <translation>按所在县区示意显示（文件未给出确切位置；可用“移动”放置）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>as the document writes it</source>
        <translation>按文件写法填写</translation>
    </message>
    <message>
        <source>County</source>
        <translation>所在县区</translation>
    </message>
    <message>
        <source>City</source>
        <translation>所在市</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>as the document names it</source>
        <translation>按文件写法填写</translation>
    </message>
    <message>
        <source>Sector class (the colour on the map)</source>
        <translation>产业类别（地图上的颜色）</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>detail (optional), e.g. the batch</source>
        <translation>级别说明（可不填），如批次</translation>
    </message>
    <message>
        <source>Year named</source>
        <translation>认定年份</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>optional for a fact entered by hand</source>
        <translation>手工录入时可不填</translation>
    </message>
    <message>
        <source>the sentence, word for word, as the document has it</source>
        <translation>文件中的原句，逐字填写</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>optional: why (kept in the change history)</source>
        <translation>可不填：修改原因（记入修改历史）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <source>New reference data</source>
        <translation>新的参考数据</translation>
    </message>
    <message>
        <source>The installed reference data (version %1) is newer than the one your workspace was made from (%2). Upgrading merges it: its changes apply where you have not edited; where you both changed a row, your version stays and the conflict is kept for review (Edit menu).</source>
        <translation>已安装的参考数据（版本 %1）比您的工作区所依据的版本（%2）新。升级会合并新数据：您未编辑过的条目采用参考数据的更改；您和参考数据都修改过的条目保留您的版本，冲突留待核对（“编辑”菜单）。</translation>
    </message>
    <message>
        <source>%1 added · %2 changed · %3 removed · %4 conflicts</source>
        <translation>新增 %1 · 更改 %2 · 删除 %3 · 冲突 %4</translation>
    </message>
    <message>
        <source>Upgrade</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>unknown county &apos;%1&apos;</source>
        <translation>未知的县区“%1”</translation>
    </message>
    <message>
        <source>unknown county &apos;%1&apos;; did you mean: %2</source>
        <translation>未知的县区“%1”；是否指：%2</translation>
    </message>
    <message>
        <source>year named &apos;%1&apos; is a date, not a year (a date-formatted cell?); give the year, e.g. %2</source>
        <translation>认定年份“%1”是日期而不是年份（单元格设成了日期格式？）；请填写年份，例如 %2</translation>
    </message>
    <message>
        <source>year &apos;%1&apos; is a date, not a year (a date-formatted cell?); give the year, e.g. %2</source>
        <translation>年份“%1”是日期而不是年份（单元格设成了日期格式？）；请填写年份，例如 %2</translation>
    </message>
    <message>
        <source>year named &apos;%1&apos; looks like a date stored as a number (a date-formatted cell); give the year</source>
        <translation>认定年份“%1”像是以数字存储的日期（单元格设成了日期格式）；请填写年份</translation>
    </message>
    <message>
        <source>year &apos;%1&apos; looks like a date stored as a number (a date-formatted cell); give the year</source>
        <translation>年份“%1”像是以数字存储的日期（单元格设成了日期格式）；请填写年份</translation>
    </message>
    <message>
        <source>year named &apos;%1&apos; is not a year</source>
        <translation>认定年份“%1”不是年份</translation>
    </message>
    <message>
        <source>year &apos;%1&apos; is not a year</source>
        <translation>年份“%1”不是年份</translation>
    </message>
    <message>
        <source>unknown source &apos;%1&apos; (give a source id, file name or title; register a new document with jinmap sources add FILE)</source>
        <translation>未知的来源“%1”（请给出来源编号、文件名或标题；新文件请先用 jinmap sources add FILE 登记）</translation>
    </message>
    <message>
        <source>no quote from source %1 (give the sentence, or mark the row 手工录入)</source>
        <translation>没有来源 %1 的原文（请填写原句，或标为“手工录入”）</translation>
    </message>
    <message>
        <source>quote not found in 《%1》 (%2): %3</source>
        <translation>在《%1》（%2）中找不到这段原文：%3</translation>
    </message>
    <message>
        <source>no town %1</source>
        <translation>没有专业镇 %1</translation>
    </message>
    <message>
        <source>no level (the cell is empty; give 省级, 市级, provincial or municipal)</source>
        <translation>没有级别（该项为空；请填写省级或市级）</translation>
    </message>
    <message>
        <source>unknown level &apos;%1&apos; (expected 省级…, 市级…, provincial, municipal or unknown)</source>
        <translation>未知的级别“%1”（应为省级…、市级…或未知）</translation>
    </message>
    <message>
        <source>no town name</source>
        <translation>没有专业镇名称</translation>
    </message>
    <message>
        <source>no county for town %1</source>
        <translation>专业镇%1没有所在县区</translation>
    </message>
    <message>
        <source>%1 is in %2, not %3</source>
        <translation>%1属于%2，不属于%3</translation>
    </message>
    <message>
        <source>unknown sector group &apos;%1&apos;</source>
        <translation>未知的产业类别“%1”</translation>
    </message>
    <message>
        <source>a point needs both lon and lat numbers</source>
        <translation>点位需要经度和纬度两个数字</translation>
    </message>
    <message>
        <source>point %1,%2 lies outside %3</source>
        <translation>点位 %1,%2 不在%3境内</translation>
    </message>
    <message>
        <source>town name &apos;%1&apos; is ambiguous; give its id or county</source>
        <translation>专业镇名称“%1”有重名；请给出编号或所在县区</translation>
    </message>
    <message>
        <source>unknown town &apos;%1&apos;</source>
        <translation>未知的专业镇“%1”</translation>
    </message>
    <message>
        <source>unknown town &apos;%1&apos;; did you mean: %2</source>
        <translation>未知的专业镇“%1”；是否指：%2</translation>
    </message>
    <message>
        <source>town %1 in %2 exists already (%3); use town update</source>
        <translation>%2的%1已存在（%3）；请编辑已有的专业镇</translation>
    </message>
    <message>
        <source>no such town</source>
        <translation>没有这个专业镇</translation>
    </message>
    <message>
        <source>no figure %1</source>
        <translation>没有数据 %1</translation>
    </message>
    <message>
        <source>unknown metric &apos;%1&apos;</source>
        <translation>未知的指标“%1”</translation>
    </message>
    <message>
        <source>no town for the figure</source>
        <translation>这条数据没有所属专业镇</translation>
    </message>
    <message>
        <source>no label (what the figure measures)</source>
        <translation>没有名称（这条数据衡量什么）</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>没有数值</translation>
    </message>
    <message>
        <source>value &apos;%1&apos; has no number</source>
        <translation>数值“%1”中没有数字</translation>
    </message>
    <message>
        <source>unknown scope &apos;%1&apos; (town, county, company, city or province)</source>
        <translation>未知的范围“%1”（应为本镇、本县、企业、本市或全省）</translation>
    </message>
    <message>
        <source>a company figure needs the company&apos;s name</source>
        <translation>企业数据需要填写企业名称</translation>
    </message>
    <message>
        <source>a company is named but the scope is %1</source>
        <translation>填写了企业名称，但范围不是企业（%1）</translation>
    </message>
    <message>
        <source>value &apos;%1&apos; does not occur in the quote</source>
        <translation>数值“%1”没有出现在原文中</translation>
    </message>
    <message>
        <source>that figure exists already (%1); use figure update</source>
        <translation>这条数据已存在（%1）；请编辑已有的数据</translation>
    </message>
    <message>
        <source>the workspace is locked by another program (an import or the viewer writing); nothing was changed, try again</source>
        <translation>工作区被另一个程序锁定（正在导入，或另一个窗口正在写入）；未做任何修改，请稍后再试</translation>
    </message>
    <message>
        <source>the workspace is read-only; nothing was changed</source>
        <translation>工作区是只读的；未做任何修改</translation>
    </message>
    <message>
        <source>磁盘已满（disk full）: the workspace could not be written and is as it was before; nothing was changed (free some space and try again)</source>
        <translation>磁盘已满：工作区无法写入，仍保持原样；未做任何修改（请释放空间后再试）</translation>
    </message>
    <message>
        <source>nothing to change: town %1 has those values</source>
        <translation>无需修改：专业镇 %1 已是这些值</translation>
    </message>
    <message>
        <source>nothing to change: figure %1 has those values</source>
        <translation>无需修改：数据 %1 已是这些值</translation>
    </message>
    <message>
        <source>已被他人删除：%1 %2 is no longer on the server; nothing was saved</source>
        <translation>已被他人删除：%1 %2 已不在服务器上；未保存任何修改</translation>
    </message>
    <message>
        <source>已被 %1 于 %2 添加（%3 %4）: a row with this key was added on the server meanwhile; nothing was saved</source>
        <translation>已被 %1 于 %2 添加（%3 %4）：服务器上已有同一编号的条目；未保存任何修改</translation>
    </message>
    <message>
        <source>已被 %1 于 %2 修改（%3 %4）: nothing was saved. Server&apos;s version → yours:%5</source>
        <translation>已被 %1 于 %2 修改（%3 %4）：未保存任何修改。服务器上的版本 → 您的版本：%5</translation>
    </message>
    <message>
        <source>output path is a directory</source>
        <translation>输出路径是一个文件夹</translation>
    </message>
    <message>
        <source>output directory does not exist</source>
        <translation>输出文件夹不存在</translation>
    </message>
    <message>
        <source>output directory is not writable</source>
        <translation>没有写入输出文件夹的权限</translation>
    </message>
    <message>
        <source>write failed: No space left on device</source>
        <translation>写入失败：磁盘已满</translation>
    </message>
    <message>
        <source>write failed: Permission denied</source>
        <translation>写入失败：没有权限</translation>
    </message>
    <message>
        <source>write failed: Read-only file system</source>
        <translation>写入失败：磁盘是只读的</translation>
    </message>
    <message>
        <source>write failed: %1</source>
        <translation>写入失败：%1</translation>
    </message>
    <message>
        <source>an atlas of images needs a folder</source>
        <translation>图片图集需要输出到一个文件夹</translation>
    </message>
</context>
<context>
    <name>jinmap::viewer::Controller</name>
    <message>
        <source>Cannot open the map database</source>
        <translation>无法打开地图数据库</translation>
    </message>
    <message>
        <source>Build it with “ninja -C build/release geodata” (or tools/dev build), or start jinmap with --db FILE pointing to jinmap.sqlite.</source>
        <translation>请用 “ninja -C build/release geodata”（或 tools/dev build）生成数据库，或用 --db 文件 指定 jinmap.sqlite 启动 jinmap。</translation>
    </message>
    <message>
        <source>The database is damaged or from another version. Rebuild it with “ninja -C build/release geodata”, or choose another with --db FILE.</source>
        <translation>数据库已损坏或版本不符。请用 “ninja -C build/release geodata” 重新生成，或用 --db 文件 选择其他数据库。</translation>
    </message>
    <message>
        <source>Cannot use the map style</source>
        <translation>无法使用地图样式</translation>
    </message>
    <message>
        <source>Fix the style file at the place named above (or start without --style); the map shows the built-in drawing meanwhile.</source>
        <translation>请修改样式文件中上面指出的位置（或不带 --style 启动）；在此之前地图使用内置绘制。</translation>
    </message>
    <message>
        <source>Cannot draw the map</source>
        <translation>无法绘制地图</translation>
    </message>
    <message>
        <source>Specialty towns</source>
        <translation>特色专业镇</translation>
    </message>
    <message>
        <source>Datong layout</source>
        <translation>大同产业布局</translation>
    </message>
    <message>
        <source>Administrative</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Neighbouring provinces</source>
        <translation>邻省</translation>
    </message>
    <message>
        <source>Neighbouring province borders</source>
        <translation>邻省边界</translation>
    </message>
    <message>
        <source>Towns per county</source>
        <translation>县域专业镇数量</translation>
    </message>
    <message>
        <source>No data (hatched)</source>
        <translation>无数据（斜线）</translation>
    </message>
    <message>
        <source>County borders</source>
        <translation>县界</translation>
    </message>
    <message>
        <source>City borders</source>
        <translation>市界</translation>
    </message>
    <message>
        <source>Province border</source>
        <translation>省界</translation>
    </message>
    <message>
        <source>County names</source>
        <translation>县名注记</translation>
    </message>
    <message>
        <source>Town names</source>
        <translation>专业镇注记</translation>
    </message>
    <message>
        <source>City names</source>
        <translation>市名注记</translation>
    </message>
    <message>
        <source>Cities</source>
        <translation>设区市</translation>
    </message>
    <message>
        <source>Datong counties</source>
        <translation>大同市县区</translation>
    </message>
    <message>
        <source>Datong border</source>
        <translation>大同市界</translation>
    </message>
    <message>
        <source>Corridor (schematic)</source>
        <translation>一廊（示意）</translation>
    </message>
    <message>
        <source>Corridor axis</source>
        <translation>廊道轴线</translation>
    </message>
    <message>
        <source>Core (schematic)</source>
        <translation>一核（示意）</translation>
    </message>
    <message>
        <source>Belt (schematic)</source>
        <translation>一带（示意）</translation>
    </message>
    <message>
        <source>Innovation platforms</source>
        <translation>创新平台</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Park names</source>
        <translation>园区注记</translation>
    </message>
    <message>
        <source>Counties</source>
        <translation>县区</translation>
    </message>
    <message>
        <source>Datong layout (schematic)</source>
        <translation>大同布局（示意）</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Cannot build the legend</source>
        <translation>无法生成图例</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县区</translation>
    </message>
    <message>
        <source>Specialty town</source>
        <translation>专业镇</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Innovation platform</source>
        <translation>创新平台</translation>
    </message>
    <message>
        <source>Layout element</source>
        <translation>布局要素</translation>
    </message>
    <message>
        <source>Planned project</source>
        <translation>规划项目</translation>
    </message>
    <message>
        <source>Corridor</source>
        <translation>一廊</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>一核</translation>
    </message>
    <message>
        <source>Belt</source>
        <translation>一带</translation>
    </message>
    <message>
        <source>%1 · code %2</source>
        <translation>%1 · 代码 %2</translation>
    </message>
    <message>
        <source>schematic</source>
        <translation>示意</translation>
    </message>
    <message>
        <source>Cannot read the summary</source>
        <translation>无法读取概况</translation>
    </message>
    <message>
        <source>Summary copied</source>
        <translation>已复制概况</translation>
    </message>
    <message>
        <source>Cannot export the table</source>
        <translation>无法导出表格</translation>
    </message>
    <message>
        <source>Choose a writable folder and a .csv or .xlsx name.</source>
        <translation>请选择可写的文件夹，文件名以 .csv 或 .xlsx 结尾。</translation>
    </message>
    <message>
        <source>Table written to %1</source>
        <translation>表格已保存到 %1</translation>
    </message>
    <message>
        <source>Unknown city: %1</source>
        <translation>未知城市：%1</translation>
    </message>
    <message>
        <source>City · code %1</source>
        <translation>地级市 · 代码 %1</translation>
    </message>
    <message>
        <source>Figures of %1 copied</source>
        <translation>已复制%1的数据</translation>
    </message>
    <message>
        <source>Select a county or a city first</source>
        <translation>请先选择县区或城市</translation>
    </message>
    <message>
        <source>Cannot read the towns</source>
        <translation>无法读取专业镇</translation>
    </message>
    <message>
        <source>The rest of the window keeps working; try another theme or rebuild the database.</source>
        <translation>窗口其余功能仍可使用；可尝试切换专题或重新生成数据库。</translation>
    </message>
    <message>
        <source>The online basemap cannot be loaded (%1). The thematic map is unaffected; the basemap needs a network connection.</source>
        <translation>无法加载在线底图（%1）。专题地图不受影响；在线底图需要网络连接。</translation>
    </message>
    <message>
        <source>Level not stated</source>
        <translation>级别未说明</translation>
    </message>
    <message numerus="yes">
        <source>All %n specialty town(s)</source>
        <translation>
            <numerusform>全部 %n 个专业镇</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n specialty town(s) match the filters</source>
        <translation>
            <numerusform>筛选后 %n 个专业镇</numerusform>
        </translation>
    </message>
    <message>
        <source>No town on the map matches the filters</source>
        <translation>地图上没有符合筛选条件的专业镇</translation>
    </message>
    <message>
        <source>Shanxi</source>
        <translation>全省</translation>
    </message>
    <message>
        <source>%1: the plan does not say where it is</source>
        <translation>%1：规划未说明所在位置</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No data: the sources do not list this city&apos;s towns</source>
        <translation>无数据：资料未列出该市专业镇</translation>
    </message>
    <message numerus="yes">
        <source>%n specialty town(s)</source>
        <translation>
            <numerusform>%n 个专业镇</numerusform>
        </translation>
    </message>
    <message>
        <source>No specialty town is called %1</source>
        <translation>没有名为“%1”的专业镇</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>无法显示“%1”：%2</translation>
    </message>
    <message>
        <source>Move the map over a city, or select a county or town first</source>
        <translation>请把地图移到某个市上，或先选择一个县或专业镇</translation>
    </message>
    <message>
        <source>%1 (provincial %2, municipal %3)</source>
        <translation>%1 个（省级 %2，市级 %3）</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>产业类别</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Figures in the sources</source>
        <translation>资料中的数据条数</translation>
    </message>
    <message>
        <source>Parks and platforms</source>
        <translation>园区和平台</translation>
    </message>
    <message>
        <source>Planned projects</source>
        <translation>规划项目</translation>
    </message>
</context>
<context>
    <name>jinmap::viewer::ExportController</name>
    <message>
        <source>The theme has no style file; start jinmap with --style FILE.</source>
        <translation>该专题没有样式文件；请用 --style FILE 启动 jinmap。</translation>
    </message>
    <message>
        <source>the town filter (level, sector, city): every town of the theme is drawn</source>
        <translation>专业镇筛选（级别、产业、市）：导出图绘出该专题的全部专业镇</translation>
    </message>
    <message>
        <source>hidden layers: the export draws the theme&apos;s every layer</source>
        <translation>隐藏的图层：导出图绘出该专题的全部图层</translation>
    </message>
    <message>
        <source>Not applied to the export: %1.</source>
        <translation>导出时不采用：%1。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>EPSG:3857 — Web Mercator (as on screen)</source>
        <translation>EPSG:3857 — Web 墨卡托（与屏幕一致）</translation>
    </message>
    <message>
        <source>EPSG:4490 — CGCS2000 geographic (longitude/latitude)</source>
        <translation>EPSG:4490 — CGCS2000 地理坐标（经纬度）</translation>
    </message>
    <message>
        <source>EPSG:4546 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 111°E</source>
        <translation>EPSG:4546 — CGCS2000 高斯-克吕格 3 度带，中央经线 111°E</translation>
    </message>
    <message>
        <source>EPSG:4547 — CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E</source>
        <translation>EPSG:4547 — CGCS2000 高斯-克吕格 3 度带，中央经线 114°E</translation>
    </message>
    <message>
        <source>EPSG:4508 — CGCS2000 / 6-degree Gauss-Kruger, central meridian 111°E</source>
        <translation>EPSG:4508 — CGCS2000 高斯-克吕格 6 度带，中央经线 111°E</translation>
    </message>
    <message>
        <source>EPSG:4326 — WGS 84 geographic (longitude/latitude)</source>
        <translation>EPSG:4326 — WGS 84 地理坐标（经纬度）</translation>
    </message>
    <message>
        <source>EPSG:32649 — WGS 84 / UTM zone 49N</source>
        <translation>EPSG:32649 — WGS 84 / UTM 49N 带</translation>
    </message>
    <message>
        <source>Current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <source>Selected county (none selected)</source>
        <translation>选中的县（未选择）</translation>
    </message>
    <message>
        <source>Selected county: %1</source>
        <translation>选中的县：%1</translation>
    </message>
    <message>
        <source>Its city (nothing selected)</source>
        <translation>所在的市（未选择）</translation>
    </message>
    <message>
        <source>City: %1</source>
        <translation>所在的市：%1</translation>
    </message>
    <message>
        <source>Shanxi province</source>
        <translation>山西全省</translation>
    </message>
    <message>
        <source>Every city of Shanxi, one page each (%1 pages)</source>
        <translation>全省各市，每市一页（共 %1 页）</translation>
    </message>
    <message>
        <source>The counties of a city (select a county or city first)</source>
        <translation>某市各县（请先选择一个县或市）</translation>
    </message>
    <message>
        <source>The counties of %1, one page each (%2 pages)</source>
        <translation>%1各县，每县一页（共 %2 页）</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>GeoTIFF image (*.tif *.tiff)</source>
        <translation>GeoTIFF 图片 (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>The page would be %1 × %2 pixels, above the raster limit (400 million pixels, 32000 per side): lower the DPI or the paper size.</source>
        <translation>页面将为 %1 × %2 像素，超出栅格导出上限（4 亿像素、每边 32000 像素）：请降低分辨率或纸张尺寸。</translation>
    </message>
    <message>
        <source>Cannot write there: %1</source>
        <translation>无法写入该位置：%1</translation>
    </message>
    <message>
        <source>The map&apos;s typeface is not installed: %1</source>
        <translation>未安装地图所用字体：%1</translation>
    </message>
    <message>
        <source>The export font “Jinmap Sans CJK SC” is missing: text copied out of the PDF may turn 大/山/谷 into radicals and lose digits.</source>
        <translation>缺少导出字体“Jinmap Sans CJK SC”：从 PDF 复制的文字中，大/山/谷 可能变成部首，数字可能丢失。</translation>
    </message>
    <message>
        <source>%1 of %2 labels overlap others and are left out: %3</source>
        <translation>%2 个标注中有 %1 个因与其他标注重叠而未绘出：%3</translation>
    </message>
    <message>
        <source>The typeface lacks %1 character(s), drawn as empty boxes: %2</source>
        <translation>字体缺少 %1 个字，将显示为空白方框：%2</translation>
    </message>
    <message>
        <source>Legend entries that do not fit and are left out: %1</source>
        <translation>图例放不下而省略的条目：%1 项</translation>
    </message>
    <message>
        <source>Table rows that do not fit on the page: %1 (the XLSX table keeps them)</source>
        <translation>页面放不下的表格行：%1 行（XLSX 数据表中保留）</translation>
    </message>
    <message>
        <source>No room for the locator map on this page size.</source>
        <translation>此页面尺寸放不下位置示意图。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>%1 %2 · %3 × %4 mm · %5 dpi</source>
        <translation>%1 %2 · %3 × %4 毫米 · %5 dpi</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source> · %1 × %2 pixels</source>
        <translation> · %1 × %2 像素</translation>
    </message>
    <message>
        <source> · %1 pages</source>
        <translation> · 共 %1 页</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Preparing the pages…</source>
        <translation>正在准备页面…</translation>
    </message>
    <message>
        <source>Page %1 of %2 written: %3</source>
        <translation>已写出第 %1/%2 页：%3</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写出：%1</translation>
    </message>
    <message>
        <source>Map exported to %1</source>
        <translation>地图已导出到 %1</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>已取消导出，没有写出任何文件。</translation>
    </message>
    <message>
        <source>The export failed; nothing was written. %1</source>
        <translation>导出失败，没有写出任何文件。%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>jinmap::viewer::WorkspaceEditor</name>
    <message>
        <source>Your workspace: %1</source>
        <translation>您的工作区：%1</translation>
    </message>
    <message>
        <source>Created your workspace %1 from the reference data: your edits are kept there.</source>
        <translation>已根据参考数据创建您的工作区 %1：您的修改保存在其中。</translation>
    </message>
    <message>
        <source>Could not create a workspace (%1); showing the read-only reference data.</source>
        <translation>无法创建工作区（%1）；现显示只读的参考数据。</translation>
    </message>
    <message>
        <source>Updated with changes saved by another program</source>
        <translation>已载入其他程序保存的修改</translation>
    </message>
    <message>
        <source>The PostgreSQL server cannot be reached: showing the last local copy, read-only; reconnecting…</source>
        <translation>无法连接 PostgreSQL 服务器：显示的是最后的副本，只读；正在重连…</translation>
    </message>
    <message>
        <source>The PostgreSQL server cannot be reached (%1).</source>
        <translation>无法连接 PostgreSQL 服务器（%1）。</translation>
    </message>
    <message>
        <source>The connection to the server is lost; showing the last local copy, read-only; reconnecting…</source>
        <translation>与服务器的连接已断开，显示的是最后的副本；正在重连…</translation>
    </message>
    <message>
        <source>Connected to the PostgreSQL server again.</source>
        <translation>已重新连接到 PostgreSQL 服务器。</translation>
    </message>
    <message>
        <source>Updated with changes saved by another planner</source>
        <translation>已载入其他规划员保存的修改</translation>
    </message>
    <message>
        <source>NOT saved on the server: %1</source>
        <translation>未保存到服务器：%1</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>未打开数据库。</translation>
    </message>
    <message>
        <source>%1 is the read-only reference data. Edits go to a workspace: start jinmap without --db to use your own, or create one with “jinmap workspace init FILE” and open it with --db FILE.</source>
        <translation>%1 是只读的参考数据。修改须在工作区中进行：不带 --db 启动 jinmap 即使用您自己的工作区，或用“jinmap workspace init 文件”创建一个，再用 --db 文件 打开。</translation>
    </message>
    <message>
        <source>The workspace %1 is read-only (no write permission); edits are off.</source>
        <translation>工作区 %1 为只读（没有写权限），无法编辑。</translation>
    </message>
    <message>
        <source>Saved: %1 (Ctrl+Z undoes it)</source>
        <translation>已保存：%1（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Entered by hand (no document)</source>
        <translation>手工录入（无文件）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>add town %1</source>
        <translation>添加专业镇%1</translation>
    </message>
    <message>
        <source>No town %1 (deleted meanwhile?)</source>
        <translation>没有专业镇 %1（可能已被删除）</translation>
    </message>
    <message>
        <source>Nothing to save: the fields are as they were.</source>
        <translation>没有需要保存的修改：各项与原来相同。</translation>
    </message>
    <message>
        <source>edit town %1</source>
        <translation>编辑专业镇%1</translation>
    </message>
    <message>
        <source>That place is outside Shanxi&apos;s counties.</source>
        <translation>该位置不在山西各县区范围内。</translation>
    </message>
    <message>
        <source>move town %1</source>
        <translation>移动专业镇%1</translation>
    </message>
    <message>
        <source>delete town %1</source>
        <translation>删除专业镇%1</translation>
    </message>
    <message>
        <source>add figure %1</source>
        <translation>添加数据“%1”</translation>
    </message>
    <message>
        <source>No figure %1 (deleted meanwhile?)</source>
        <translation>没有数据 %1（可能已被删除）</translation>
    </message>
    <message>
        <source>edit figure %1</source>
        <translation>修改数据“%1”</translation>
    </message>
    <message>
        <source>delete figure %1</source>
        <translation>删除数据“%1”</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的修改。</translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation>没有可重做的修改。</translation>
    </message>
    <message>
        <source>Cannot undo “%1”: %2</source>
        <translation>无法撤销“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot redo “%1”: %2</source>
        <translation>无法重做“%1”：%2</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <source>The workspace file was replaced; opened it again</source>
        <translation>工作区文件已被替换，已重新打开</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source> (yours: %1)</source>
        <translation>（您的：%1）</translation>
    </message>
    <message>
        <source>Cannot compare with the installed reference data: %1</source>
        <translation>无法与已安装的参考数据比较：%1</translation>
    </message>
    <message>
        <source>No upgrade is waiting.</source>
        <translation>没有待进行的升级。</translation>
    </message>
    <message>
        <source>Upgraded to the reference data %1: %2 added, %3 changed, %4 removed, %5 conflicts to review (Edit menu)</source>
        <translation>已升级到参考数据 %1：新增 %2，更改 %3，删除 %4，%5 处冲突待核对（“编辑”菜单）</translation>
    </message>
    <message>
        <source>The new reference data waits: “jinmap workspace upgrade” or the next start merges it</source>
        <translation>新的参考数据尚未合并：可运行“jinmap workspace upgrade”，或在下次启动时合并</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>name as written</source>
        <translation>原文名称</translation>
    </message>
    <message>
        <source>county</source>
        <translation>所在县区</translation>
    </message>
    <message>
        <source>city</source>
        <translation>所在市</translation>
    </message>
    <message>
        <source>sector</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>sector group</source>
        <translation>产业类别</translation>
    </message>
    <message>
        <source>level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>level as written</source>
        <translation>级别（原文）</translation>
    </message>
    <message>
        <source>year named</source>
        <translation>认定年份</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>value as written</source>
        <translation>数值（原文）</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>口径</translation>
    </message>
    <message>
        <source>company</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>place precision</source>
        <translation>定位精度</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>专业镇</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Source text</source>
        <translation>来源文本</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>You deleted it; the reference data changed it: it stays deleted.</source>
        <translation>您已删除该条目；参考数据修改了它：仍保持删除。</translation>
    </message>
    <message>
        <source>The reference data drops it; you edited it: your version stays.</source>
        <translation>参考数据删除了该条目；您编辑过它：保留您的版本。</translation>
    </message>
    <message>
        <source>Both added it with the same id: your version stays.</source>
        <translation>双方以相同编号新增了该条目：保留您的版本。</translation>
    </message>
    <message>
        <source>Both changed it: your version stays.</source>
        <translation>双方都修改了该条目：保留您的版本。</translation>
    </message>
    <message>
        <source>Saved on the server: %1 (Ctrl+Z undoes it)</source>
        <translation>已保存到服务器：%1（Ctrl+Z 可撤销）</translation>
    </message>
</context>
</TS>
