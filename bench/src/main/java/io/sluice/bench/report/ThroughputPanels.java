package io.sluice.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.sluice.bench.report.BenchReport.VariantSummary;

import static io.sluice.bench.report.ChartStyle.COLORS;
import static io.sluice.bench.report.ChartStyle.INK;
import static io.sluice.bench.report.ChartStyle.MUTED;
import static io.sluice.bench.report.ChartStyle.compact;
import static io.sluice.bench.report.ChartStyle.niceStep;

/**
 * The chart's upper half: photos per second of every variant, one panel per run size,
 * each with its own linear scale, the median as the bar and the slowest and fastest
 * repetition as whiskers. Above each bar: the median, its ratio to the ceiling and the
 * variant's peak connections (or its failed photos).
 */
final class ThroughputPanels {

	static final String TITLE = "Throughput: photos written per second, one panel per run size";

	static final String VARIANTS = "ceiling: one COPY stream;  tuned-batch: JDBC batches of 1000, 4 connections;  "
			+ "naive: one INSERT per photo, pool of 5;  sluice: API + Kafka + 2 workers";

	/** Room above the tallest whisker for three lines of text, as a share of the axis. */
	private static final double HEADROOM = 1.32;

	private ThroughputPanels() {
	}

	static List<CategoryChart> of(List<VariantSummary> runs, List<Integer> sizes, int width, int height) {
		List<CategoryChart> panels = new ArrayList<>();
		for (int size : sizes) {
			panels.add(panel(runs.stream().filter((run) -> run.photos() == size).toList(), size, width, height));
		}
		return panels;
	}

	private static CategoryChart panel(List<VariantSummary> runs, int size, int width, int height) {
		CategoryChart chart = new CategoryChartBuilder().width(width)
			.height(height)
			.theme(ChartStyle.THEME)
			.title(String.format(Locale.ROOT, "%,d photos per run", size))
			.yAxisTitle("photos / s")
			.build();
		CategoryStyler styler = chart.getStyler();
		ChartStyle.apply(styler);
		styler.setLegendVisible(false);
		styler.setXAxisTitleVisible(false);
		styler.setPlotGridVerticalLinesVisible(false);
		styler.setOverlapped(true);
		styler.setAvailableSpaceFill(0.62);
		styler.setErrorBarsColor(INK);
		styler.setErrorBarsColorSeriesColor(false);
		styler.setAxisTickLabelsColor(INK);
		styler.setYAxisTickLabelsColor(MUTED);
		styler.setYAxisLeftWidthHint(48);
		double max = runs.stream().mapToDouble(VariantSummary::maxPhotosPerSecond).max().orElse(1);
		double step = niceStep(max * HEADROOM / 5);
		double axisMax = Math.ceil(max * HEADROOM / step) * step;
		styler.setYAxisMin(0.0);
		styler.setYAxisMax(axisMax);
		chart.setCustomYAxisTickLabelsFormatter(ChartStyle::compact);

		List<String> variants = runs.stream().map(VariantSummary::variant).toList();
		List<Double> middles = new ArrayList<>();
		List<Double> halfRanges = new ArrayList<>();
		for (int i = 0; i < runs.size(); i++) {
			VariantSummary run = runs.get(i);
			List<Double> bar = new ArrayList<>(Collections.nCopies(runs.size(), (Double) null));
			bar.set(i, run.photosPerSecond());
			CategorySeries series = chart.addSeries(run.variant(), variants, bar);
			series.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Bar);
			series.setFillColor(COLORS.getOrDefault(run.variant(), MUTED));
			middles.add((run.minPhotosPerSecond() + run.maxPhotosPerSecond()) / 2);
			halfRanges.add((run.maxPhotosPerSecond() - run.minPhotosPerSecond()) / 2);
			annotate(chart, run, i, axisMax);
		}
		if (runs.stream().anyMatch((run) -> run.repetitions() > 1)) {
			CategorySeries whiskers = chart.addSeries("slowest to fastest repetition", variants, middles, halfRanges);
			whiskers.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
			whiskers.setMarker(SeriesMarkers.NONE);
			whiskers.setShowInLegend(false);
		}
		return chart;
	}

	/** Three lines above the bar (or its whisker), in the axis' units. */
	private static void annotate(CategoryChart chart, VariantSummary run, int index, double axisMax) {
		double x = index + 0.5;
		double top = (run.repetitions() > 1) ? Math.max(run.photosPerSecond(), run.maxPhotosPerSecond())
				: run.photosPerSecond();
		double line = axisMax * 0.055;
		String connections = (run.failedPhotos() > 0) ? String.format(Locale.ROOT, "%,d failed", run.failedPhotos())
				: "peak " + run.peakConnections() + " conn.";
		chart.addAnnotation(new AnnotationText(compact(run.photosPerSecond()), x, top + line * 3, false));
		chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%.2f× ceiling", run.ratioToCeiling()), x,
				top + line * 2, false));
		chart.addAnnotation(new AnnotationText(connections, x, top + line, false));
	}

}
