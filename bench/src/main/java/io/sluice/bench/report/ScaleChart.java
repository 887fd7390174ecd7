package io.sluice.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.sluice.bench.report.BenchReport.Machine;
import io.sluice.bench.report.BenchReport.Scale;
import io.sluice.bench.report.BenchReport.ScalePoint;

import static io.sluice.bench.report.ChartStyle.INK;
import static io.sluice.bench.report.ChartStyle.MUTED;
import static io.sluice.bench.report.ChartStyle.bold;
import static io.sluice.bench.report.ChartStyle.plain;

/**
 * The scale scenario as one picture: one job's photos per second by worker count, a line
 * per distance with what one worker's pace times the worker count would give dashed
 * beside it; and beside that, how busy the machine's cores were meanwhile, which says
 * whether latency or the cores set the pace.
 */
public final class ScaleChart {

	static final int WIDTH = 1600;

	static final int HEIGHT = 720;

	private static final int MARGIN = 40;

	private static final int GAP = 40;

	private static final List<Color> DISTANCE_COLORS = List.of(new Color(0x2E8B57), new Color(0x4C78A8),
			new Color(0xE45756), new Color(0x8E6C8A));

	private ScaleChart() {
	}

	public static BufferedImage draw(Scale scale, Machine machine) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = ChartStyle.whiteCanvas(image);
		try {
			g.setColor(INK);
			g.setFont(bold(24));
			g.drawString("One job against a database that looks far away: throughput by worker count", MARGIN, 46);
			g.setColor(MUTED);
			g.setFont(plain(15));
			g.drawString(String.format(Locale.ROOT,
					"%,d photos, chunks of %d, up to %d per poll; workers of %d threads, budget %d; median of %d job%s "
							+ "per point; dashed: one worker's pace times the worker count",
					scale.photos(), scale.chunkPhotos(), scale.maxPollRecords(), scale.workerConcurrency(),
					scale.connectionBudget(), scale.repetitions(), (scale.repetitions() == 1) ? "" : "s"), MARGIN, 72);
			int width = (WIDTH - 2 * MARGIN - GAP) / 2;
			ChartStyle.paint(g, throughput(scale, width, 580), MARGIN, 90);
			ChartStyle.paint(g, cores(scale, machine.cores(), width, 580), MARGIN + width + GAP, 90);
			g.setColor(MUTED);
			g.setFont(plain(13));
			g.drawString(MarkdownTable.machine(machine), MARGIN, HEIGHT - 22);
		}
		finally {
			g.dispose();
		}
		return image;
	}

	private static XYChart throughput(Scale scale, int width, int height) {
		XYChart chart = chart("Photos per second, 202 to finishedAt", "photos / s", width, height);
		chart.setCustomYAxisTickLabelsFormatter(ChartStyle::compact);
		int index = 0;
		for (Map.Entry<Integer, List<ScalePoint>> distance : byDistance(scale).entrySet()) {
			Color color = DISTANCE_COLORS.get(index++ % DISTANCE_COLORS.size());
			List<ScalePoint> points = distance.getValue();
			XYSeries measured = chart.addSeries(distance.getKey() + " ms each way",
					points.stream().map(ScalePoint::workers).toList(),
					points.stream().map(ScalePoint::photosPerSecond).toList());
			style(measured, color, ChartStyle.LINE, SeriesMarkers.CIRCLE);
			points.stream().filter((point) -> point.workers() == 1).findFirst().ifPresent((one) -> {
				XYSeries linear = chart.addSeries(distance.getKey() + " ms, linear from 1 worker",
						points.stream().map(ScalePoint::workers).toList(),
						points.stream().map((point) -> one.photosPerSecond() * point.workers()).toList());
				style(linear, color, ChartStyle.DASHED, SeriesMarkers.NONE);
				linear.setShowInLegend(false);
			});
		}
		return chart;
	}

	private static XYChart cores(Scale scale, int machineCores, int width, int height) {
		XYChart chart = chart("Cores busy while the job drained", "cores", width, height);
		int index = 0;
		for (Map.Entry<Integer, List<ScalePoint>> distance : byDistance(scale).entrySet()) {
			Color color = DISTANCE_COLORS.get(index++ % DISTANCE_COLORS.size());
			List<ScalePoint> points = distance.getValue();
			List<ScalePoint> measured = points.stream().filter((point) -> point.machineBusy() != null).toList();
			if (!measured.isEmpty()) {
				XYSeries machine = chart.addSeries(distance.getKey() + " ms: whole machine",
						measured.stream().map(ScalePoint::workers).toList(),
						measured.stream().map((point) -> point.machineBusy() * machineCores).toList());
				style(machine, color, ChartStyle.LINE, SeriesMarkers.CIRCLE);
			}
			List<ScalePoint> postgres = points.stream().filter((point) -> point.postgresCores() != null).toList();
			if (!postgres.isEmpty()) {
				XYSeries server = chart.addSeries(distance.getKey() + " ms: PostgreSQL",
						postgres.stream().map(ScalePoint::workers).toList(),
						postgres.stream().map(ScalePoint::postgresCores).toList());
				style(server, color, ChartStyle.DASHED, SeriesMarkers.DIAMOND);
			}
		}
		return chart;
	}

	private static XYChart chart(String title, String yAxis, int width, int height) {
		XYChart chart = new XYChartBuilder().width(width)
			.height(height)
			.theme(ChartStyle.THEME)
			.title(title)
			.xAxisTitle("workers")
			.yAxisTitle(yAxis)
			.build();
		XYStyler styler = chart.getStyler();
		ChartStyle.apply(styler);
		styler.setYAxisMin(0.0);
		styler.setXAxisDecimalPattern("0");
		styler.setXAxisTickMarkSpacingHint(80);
		return chart;
	}

	private static Map<Integer, List<ScalePoint>> byDistance(Scale scale) {
		Map<Integer, List<ScalePoint>> byDistance = new TreeMap<>();
		for (ScalePoint point : scale.points()) {
			byDistance.computeIfAbsent(point.distanceMs(), (distance) -> new ArrayList<>()).add(point);
		}
		return byDistance;
	}

	private static void style(XYSeries series, Color color, BasicStroke line, Marker marker) {
		series.setLineColor(color);
		series.setMarkerColor(color);
		series.setLineStyle(line);
		series.setMarker(marker);
	}

}
