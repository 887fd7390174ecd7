package io.sluice.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.Styler.YAxisPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.sluice.bench.report.BenchReport.ConnectionSample;
import io.sluice.bench.report.BenchReport.Timeline;

import static io.sluice.bench.report.ChartStyle.BUSY;
import static io.sluice.bench.report.ChartStyle.COLORS;
import static io.sluice.bench.report.ChartStyle.DASHED;
import static io.sluice.bench.report.ChartStyle.INK;
import static io.sluice.bench.report.ChartStyle.LINE;
import static io.sluice.bench.report.ChartStyle.WAITING;
import static io.sluice.bench.report.ChartStyle.niceStep;

/**
 * The chart's lower half: the naive pattern's and Sluice's database connections during
 * one run of the largest size, side by side on the same connection scale (each on its own
 * time axis), with the naive pool's waiting tasks on a second axis.
 */
final class ConnectionPanels {

	private static final int WAITING_AXIS = 1;

	private ConnectionPanels() {
	}

	static String title(BenchReport report) {
		int photos = timeline(report, "sluice").or(() -> timeline(report, "naive")).map(Timeline::photos).orElse(0);
		return String.format(Locale.ROOT,
				"Database connections during one %,d-photo run (sampled from pg_stat_activity every %d ms)", photos,
				report.settings().sampleIntervalMs());
	}

	/** The panels, naive first; a variant without a run of the largest size has none. */
	static List<Optional<XYChart>> of(BenchReport report, int width, int height) {
		int cap = report.settings().sluice().getOrDefault("connectionCap", 10);
		int peak = report.connectionTimelines()
			.stream()
			.flatMap((timeline) -> timeline.samples().stream())
			.mapToInt(ConnectionSample::open)
			.max()
			.orElse(0);
		double axisMax = Math.max(cap, peak) + 2;
		Map<String, Integer> stack = report.settings().sluice();
		String sluiceName = String.format(Locale.ROOT, "sluice, cap %d (API %d + %d workers x %d)", cap,
				stack.getOrDefault("apiPoolSize", 0), stack.getOrDefault("workers", 0),
				stack.getOrDefault("workerConcurrency", 0) + 1);
		return List.of(
				timeline(report, "naive").map((naive) -> panel(naive, "naive, pool of 5", axisMax, 0, width, height)),
				timeline(report, "sluice").map((sluice) -> panel(sluice, sluiceName, axisMax, cap, width, height)));
	}

	private static XYChart panel(Timeline timeline, String name, double axisMax, int cap, int width, int height) {
		XYChart chart = new XYChartBuilder().width(width)
			.height(height)
			.theme(ChartStyle.THEME)
			.title(String.format(Locale.ROOT, "%s: %,d of %,d photos failed", name, timeline.poolTimeouts(),
					timeline.photos()))
			.xAxisTitle(String.format(Locale.ROOT,
					"seconds since the run started (connections named %s, repetition %d, the median one: %,.1f s)",
					timeline.applicationName().replace('%', '*'), timeline.repetition(), timeline.elapsedMs() / 1000))
			.yAxisTitle("connections")
			.build();
		XYStyler styler = chart.getStyler();
		ChartStyle.apply(styler);
		styler.setXAxisTickMarkSpacingHint(90);
		styler.setLegendPosition(LegendPosition.OutsideS);
		styler.setLegendLayout(LegendLayout.Horizontal);
		styler.setYAxisLeftWidthHint(30);
		styler.setXAxisMin(0.0);
		styler.setYAxisMin(0.0);
		styler.setYAxisMax(axisMax);
		chart.setCustomXAxisTickLabelsFormatter(
				(seconds) -> ChartStyle.trim(String.format(Locale.ROOT, "%.2f", seconds)));
		chart.setCustomYAxisTickLabelsFormatter(ChartStyle::compact);

		List<ConnectionSample> samples = timeline.samples().isEmpty() ? List.of(new ConnectionSample(0, 0, 0, 0))
				: timeline.samples();
		List<Double> seconds = samples.stream().map((sample) -> sample.atMs() / 1000.0).toList();
		styler.setXAxisMax(Math.max(seconds.get(seconds.size() - 1), 0.001));
		series(chart, "busy connections (not idle)", seconds, samples.stream().map(ConnectionSample::busy).toList(),
				XYSeriesRenderStyle.StepArea, BUSY, LINE)
			.setFillColor(BUSY);
		series(chart, "open connections", seconds, samples.stream().map(ConnectionSample::open).toList(),
				XYSeriesRenderStyle.Step, INK, LINE);
		if (cap > 0) {
			series(chart, "connection cap " + cap, List.of(0.0, seconds.get(seconds.size() - 1)), List.of(cap, cap),
					XYSeriesRenderStyle.Line, COLORS.get("sluice"), DASHED);
		}
		if (timeline.variant().equals("naive")) {
			int maxWaiting = samples.stream().mapToInt(ConnectionSample::waiting).max().orElse(0);
			series(chart, "tasks waiting for a connection (right axis)", seconds,
					samples.stream().map(ConnectionSample::waiting).toList(), XYSeriesRenderStyle.Line, WAITING, LINE)
				.setYAxisGroup(WAITING_AXIS);
			styler.setYAxisGroupPosition(WAITING_AXIS, YAxisPosition.Right);
			styler.setYAxisMin(WAITING_AXIS, 0.0);
			styler.setYAxisMax(WAITING_AXIS, (maxWaiting > 0) ? niceStep(maxWaiting * 1.1 / 4) * 4 : 4.0);
			styler.setYAxisGroupTitleColor(WAITING_AXIS, WAITING);
			styler.setYAxisGroupTickLabelsColorMap(WAITING_AXIS, WAITING);
			chart.setYAxisGroupTitle(WAITING_AXIS, "tasks waiting");
		}
		return chart;
	}

	private static XYSeries series(XYChart chart, String name, List<Double> seconds, List<? extends Number> values,
			XYSeriesRenderStyle style, Color color, BasicStroke stroke) {
		XYSeries series = chart.addSeries(name, seconds, values);
		series.setXYSeriesRenderStyle(style);
		series.setLineColor(color);
		series.setLineStyle(stroke);
		series.setMarker(SeriesMarkers.NONE);
		return series;
	}

	private static Optional<Timeline> timeline(BenchReport report, String variant) {
		return report.connectionTimelines()
			.stream()
			.filter((timeline) -> timeline.variant().equals(variant))
			.findFirst();
	}

}
