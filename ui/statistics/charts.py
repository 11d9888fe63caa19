"""The charts of the Statistics tab, drawn with pyqtgraph (docs/dependencies.md, "Charts"):
bars (grouped, stacked or lying), lines over weeks, and a heat map with its values written in;
each saved as PNG or PDF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QGraphicsItem, QWidget

pg.setConfigOptions(background="w", foreground="#333333", antialias=True)

COLORS = ("#2e7d32", "#f9a825", "#c62828", "#1565c0", "#6a1b9a", "#00838f")  # good, middling, bad, then others
FLAGGED = "#c62828"
PLAIN = "#1565c0"
BAR_WIDTH = 0.7
LABEL_ROOM = 150  # characters of all category labels under the bars together
HEAT_COLORS = ((0.0, (198, 40, 40)), (0.5, (249, 168, 37)), (1.0, (46, 125, 50)))  # low share red, high green
MIN_SIZE = QSize(240, 160)


def _short(label: str, count: int = 6) -> str:
    """A label cut to its share of the axis (``count`` labels side by side)."""
    limit = max(10, LABEL_ROOM // max(count, 1))
    return label if len(label) <= limit else label[:limit - 1] + "…"


class Chart(pg.PlotWidget):
    """A plot with category ticks, a legend, no mouse zoom (a head reads it, not explores it)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(MIN_SIZE)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=False, y=True, alpha=0.25)
        self.legend = None

    def keep_drawn(self) -> None:
        """Each item of the plot drawn once into a picture of its own and repainted from it: a
        chart does not change between two drawings, yet a language switch or a window laid
        over it repaints it (several milliseconds a plot otherwise)."""
        for item in self.scene().items():
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def reset(self, unit: str = "") -> None:
        """An empty plot; ``unit`` labels the value axis (e.g. "%")."""
        self.clear()
        self.setTitle(None)
        self.setLabel("left", unit)
        self.setLabel("bottom", "")
        self.legend = self.addLegend(offset=(-8, 8), labelTextSize="8pt")  # the plot's one legend
        self.legend.clear()

    def empty(self, text: str) -> None:
        self.reset()
        label = pg.TextItem(text, color="#777777", anchor=(0.5, 0.5))
        self.addItem(label)
        label.setPos(0.5, 0.5)
        self.setXRange(0, 1)
        self.setYRange(0, 1)
        self.getAxis("bottom").setTicks([[]])
        self.getAxis("left").setTicks(None)

    def bars(self, categories: list[str], series: dict[str, list[float]], *, stacked: bool = False,
             percent: bool = False, colors: list[str] | None = None) -> None:
        """Vertical bars, one group per category: series side by side, or stacked."""
        self.reset("%" if percent else "")
        count = len(series)
        x = np.arange(len(categories), dtype=float)
        width = BAR_WIDTH if stacked else BAR_WIDTH / max(count, 1)
        base = np.zeros(len(categories))
        scale = 100.0 if percent else 1.0
        for index, (name, values) in enumerate(series.items()):
            heights = np.array([v or 0 for v in values], dtype=float) * scale
            offset = 0 if stacked else (index - (count - 1) / 2) * width
            brush = (colors or COLORS)[index % len(colors or COLORS)]
            item = pg.BarGraphItem(x=x + offset, height=heights, y0=base if stacked else 0, width=width,
                                   brush=brush, pen=pg.mkPen(None), name=name if count > 1 else None)
            self.addItem(item)  # named: the legend shows it
            if stacked:
                base = base + heights
        self.getAxis("bottom").setTicks([[(i, _short(c, len(categories))) for i, c in enumerate(categories)]])
        self.getAxis("left").setTicks(None)
        self.setXRange(-0.6, len(categories) - 0.4, padding=0)
        top = max(base.max() if stacked else max((max(v or 0 for v in s) for s in series.values()), default=0) * scale,
                  1.0)
        self.setYRange(0, 100 if percent and stacked else top * 1.12, padding=0)

    def lying_bars(self, labels: list[str], values: list[float], *, flagged: list[bool] | None = None,
                   flagged_name: str = "", percent: bool = False, reference: float | None = None,
                   reference_name: str = "") -> None:
        """Horizontal bars, first label on top; flagged bars in red (named in the legend); an
        optional reference line."""
        self.reset()
        self.setLabel("bottom", "%" if percent else "")
        scale = 100.0 if percent else 1.0
        count = len(labels)
        y = np.arange(count, dtype=float)[::-1]
        widths = np.array([v or 0 for v in values], dtype=float) * scale
        brushes = [FLAGGED if flagged and flagged[i] else PLAIN for i in range(count)]
        self.addItem(pg.BarGraphItem(x0=0, y=y, height=BAR_WIDTH, width=widths, brushes=brushes, pen=pg.mkPen(None)))
        if flagged_name and flagged and any(flagged):
            self.legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=FLAGGED), flagged_name)
        if reference is not None:
            line = pg.InfiniteLine(pos=reference * scale, angle=90, pen=pg.mkPen("#555555", style=Qt.PenStyle.DashLine))
            self.addItem(line)
            self.legend.addItem(pg.PlotDataItem(pen=pg.mkPen("#555555", style=Qt.PenStyle.DashLine)), reference_name)
        self.getAxis("left").setTicks([[(y[i], _short(label)) for i, label in enumerate(labels)]])
        self.getAxis("bottom").setTicks(None)
        self.setYRange(-0.6, count - 0.4, padding=0)
        self.setXRange(0, max(widths.max() if count else 0, (reference or 0) * scale, 1.0) * 1.1, padding=0)

    def lines(self, categories: list[str], series: dict[str, list[float | None]], *, percent: bool = False) -> None:
        """One line per series over the categories (weeks)."""
        self.reset("%" if percent else "")
        scale = 100.0 if percent else 1.0
        x = np.arange(len(categories), dtype=float)
        for index, (name, values) in enumerate(series.items()):
            y = np.array([np.nan if v is None else v * scale for v in values], dtype=float)
            color = COLORS[(index + 2) % len(COLORS)]
            self.plot(x, y, pen=pg.mkPen(color, width=2), symbol="o", symbolSize=6, symbolBrush=color,
                      name=name, connect="finite")
        step = max(1, len(categories) // 8)
        self.getAxis("bottom").setTicks([[(i, c) for i, c in enumerate(categories) if i % step == 0]])
        self.getAxis("left").setTicks(None)
        self.setXRange(-0.3, max(len(categories) - 0.7, 0.3), padding=0)
        self.enableAutoRange(axis="y")

    def heat_map(self, rows: list[str], columns: list[str], values: list[list[float | None]], note: str = "") -> None:
        """Cells coloured by a share (red low, green high), each with its percentage written in."""
        self.reset()
        self.setTitle(note, size="8pt", color="#555555")
        data = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float).T
        image = pg.ImageItem(np.nan_to_num(data, nan=0.0), levels=(0, 1))
        colormap = pg.ColorMap([p for p, _c in HEAT_COLORS], [QColor(*c) for _p, c in HEAT_COLORS])
        image.setLookupTable(colormap.getLookupTable(0.0, 1.0, 256))
        self.addItem(image)
        self.addItem(CellTexts({(column, row): "—" if np.isnan(value) else f"{value * 100:.0f}"
                                for (column, row), value in np.ndenumerate(data)}, *data.shape))
        self.getAxis("bottom").setTicks([[(i + 0.5, c) for i, c in enumerate(columns)]])
        self.getAxis("left").setTicks([[(i + 0.5, r) for i, r in enumerate(rows)]])
        self.showGrid(x=False, y=False)
        self.getViewBox().invertY(True)
        self.setXRange(0, len(columns), padding=0)
        self.setYRange(0, len(rows), padding=0)


class CellTexts(pg.GraphicsObject):
    """The values written into the cells of a heat map, centred and upright at any zoom: one
    item for them all (a TextItem each took milliseconds apiece to place)."""

    def __init__(self, texts: dict[tuple[int, int], str], columns: int, rows: int):
        super().__init__()
        self.texts = texts
        self.area = QRectF(0, 0, columns, rows)
        self.font = QFont()
        self.font.setPointSize(7)

    def boundingRect(self) -> QRectF:
        return self.area

    def paint(self, painter: QPainter, *_args) -> None:
        to_device = painter.transform()
        painter.resetTransform()  # the texts in pixels, the cells' centres in the plot's units
        painter.setFont(self.font)
        painter.setPen(QColor("black"))
        for (column, row), text in self.texts.items():
            centre = to_device.map(QPointF(column + 0.5, row + 0.5))
            painter.drawText(QRectF(centre.x() - 40, centre.y() - 10, 80, 20), Qt.AlignmentFlag.AlignCenter, text)


def save_picture(widget: QWidget, path: Path) -> None:
    """The widget as a PNG image, or as a page of a PDF file (by the file's suffix)."""
    if path.suffix.lower() == ".pdf":
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setResolution(150)
        painter = QPainter(writer)
        page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
        scale = min(page.width() / max(widget.width(), 1), page.height() / max(widget.height(), 1))
        painter.scale(scale, scale)
        widget.render(painter)
        painter.end()
    elif not widget.grab().save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
