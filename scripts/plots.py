"""PNG charts with JFreeChart, headless: the scripts' figures. No maths: series in, files out."""
import math
import os

from java.lang import System
System.setProperty("java.awt.headless", "true")

from java.awt import BasicStroke, Color
from java.io import File
from org.jfree.chart import ChartFactory, ChartUtils
from org.jfree.chart.axis import LogAxis
from org.jfree.chart.plot import PlotOrientation
from org.jfree.chart.renderer.xy import XYLineAndShapeRenderer
from org.jfree.data.xy import XYSeries, XYSeriesCollection

WIDTH, HEIGHT = 800, 500


def _series(label, xs, ys):
    s = XYSeries(label, False, True)
    for x, y in zip(xs, ys):
        x, y = float(x), float(y)
        if not (math.isinf(x) or math.isinf(y) or math.isnan(x) or math.isnan(y)):
            s.add(x, y)
    return s


def chart(path, title, xlabel, ylabel, lines=(), points=(), log_y=False, width=None, height=None):
    """Saves a chart: lines and points are lists of (label, xs, ys); non-finite values are left out."""
    data = XYSeriesCollection()
    for label, xs, ys in list(points) + list(lines):
        data.addSeries(_series(label, xs, ys))
    c = ChartFactory.createXYLineChart(title, xlabel, ylabel, data, PlotOrientation.VERTICAL,
                                       True, False, False)
    plot = c.getXYPlot()
    plot.setBackgroundPaint(Color.WHITE)
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY)
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY)
    renderer = XYLineAndShapeRenderer()
    for i in range(len(points)):
        renderer.setSeriesLinesVisible(i, False)
        renderer.setSeriesShapesVisible(i, True)
    for i in range(len(points), len(points) + len(lines)):
        renderer.setSeriesLinesVisible(i, True)
        renderer.setSeriesShapesVisible(i, False)
        renderer.setSeriesStroke(i, BasicStroke(2.0))
    plot.setRenderer(renderer)
    if log_y:
        plot.setRangeAxis(LogAxis(ylabel))
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
    ChartUtils.saveChartAsPNG(File(path), c, width or WIDTH, height or HEIGHT)
    return path
