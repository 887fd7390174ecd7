package io.sluice.bench.report;

import java.awt.BasicStroke;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;

import io.sluice.bench.report.BenchReport.VariantSummary;

import static io.sluice.bench.report.ChartStyle.COLORS;
import static io.sluice.bench.report.ChartStyle.GRID;
import static io.sluice.bench.report.ChartStyle.INK;
import static io.sluice.bench.report.ChartStyle.MUTED;
import static io.sluice.bench.report.ChartStyle.bold;
import static io.sluice.bench.report.ChartStyle.compact;
import static io.sluice.bench.report.ChartStyle.drawCentered;
import static io.sluice.bench.report.ChartStyle.drawRight;
import static io.sluice.bench.report.ChartStyle.drawRotated;
import static io.sluice.bench.report.ChartStyle.niceStep;
import static io.sluice.bench.report.ChartStyle.plain;

/**
 * The chart's upper half: photos per second of every variant, one panel per run size,
 * each with its own linear scale, the median as the bar and the slowest and fastest
 * repetition as whiskers.
 */
final class ThroughputPanels {

	private ThroughputPanels() {
	}

	static void draw(Graphics2D g, List<VariantSummary> runs, List<Integer> sizes, int x, int y, int width,
			int height) {
		g.setColor(INK);
		g.setFont(bold(19));
		g.drawString("Throughput: photos written per second, one panel per run size", x, y + 20);
		drawLegend(g, x, y + 48);
		int gap = 40;
		int panelWidth = (width - gap * (sizes.size() - 1)) / sizes.size();
		for (int i = 0; i < sizes.size(); i++) {
			int size = sizes.get(i);
			List<VariantSummary> these = runs.stream().filter((run) -> run.photos() == size).toList();
			drawSizePanel(g, these, size, x + i * (panelWidth + gap), y + 66, panelWidth, height - 66);
		}
	}

	private static void drawLegend(Graphics2D g, int left, int baseline) {
		g.setFont(plain(15));
		FontMetrics metrics = g.getFontMetrics();
		String[][] entries = { { "ceiling", "ceiling: one COPY stream" },
				{ "tuned-batch", "tuned-batch: JDBC batches of 1000, 4 connections" },
				{ "naive", "naive: one INSERT per photo, pool of 5" },
				{ "sluice", "sluice: API + Kafka + 2 workers" } };
		int cursor = left;
		for (String[] entry : entries) {
			g.setColor(COLORS.get(entry[0]));
			g.fillRect(cursor, baseline - 13, 18, 14);
			g.setColor(INK);
			g.drawString(entry[1], cursor + 24, baseline);
			cursor += 18 + 6 + metrics.stringWidth(entry[1]) + 22;
		}
	}

	private static void drawSizePanel(Graphics2D g, List<VariantSummary> runs, int size, int x, int y, int width,
			int height) {
		g.setColor(INK);
		g.setFont(bold(17));
		drawCentered(g, String.format(Locale.ROOT, "%,d photos per run", size), x + width / 2, y + 14);
		int left = x + 64;
		int top = y + 34;
		int bottom = y + height - 44;
		int plotWidth = width - 64 - 8;
		double max = runs.stream().mapToDouble(VariantSummary::maxPhotosPerSecond).max().orElse(1);
		double step = niceStep(max * 1.12 / 5);
		double axisMax = Math.ceil(max * 1.12 / step) * step;
		g.setFont(plain(13));
		for (double tick = 0; tick <= axisMax + step / 2; tick += step) {
			int ty = bottom - (int) Math.round(tick / axisMax * (bottom - top));
			g.setColor(GRID);
			g.drawLine(left, ty, left + plotWidth, ty);
			g.setColor(MUTED);
			drawRight(g, compact(tick), left - 8, ty + 5);
		}
		g.setColor(MUTED);
		drawRotated(g, "photos / s", x + 12, (top + bottom) / 2);
		int slot = plotWidth / Math.max(1, runs.size());
		int barWidth = (int) (slot * 0.62);
		for (int i = 0; i < runs.size(); i++) {
			VariantSummary run = runs.get(i);
			int center = left + slot * i + slot / 2;
			int barTop = bottom - (int) Math.round(run.photosPerSecond() / axisMax * (bottom - top));
			g.setColor(COLORS.getOrDefault(run.variant(), MUTED));
			g.fillRect(center - barWidth / 2, barTop, barWidth, bottom - barTop);
			if (run.repetitions() > 1) {
				int low = bottom - (int) Math.round(run.minPhotosPerSecond() / axisMax * (bottom - top));
				int high = bottom - (int) Math.round(run.maxPhotosPerSecond() / axisMax * (bottom - top));
				g.setColor(INK);
				g.setStroke(new BasicStroke(1.5f));
				g.drawLine(center, low, center, high);
				g.drawLine(center - 6, low, center + 6, low);
				g.drawLine(center - 6, high, center + 6, high);
				g.setStroke(new BasicStroke(1f));
			}
			int labelY = Math.min(barTop,
					bottom - (int) Math.round(run.maxPhotosPerSecond() / axisMax * (bottom - top))) - 8;
			g.setColor(INK);
			g.setFont(bold(14));
			drawCentered(g, compact(run.photosPerSecond()), center, labelY - 16);
			g.setFont(plain(13));
			g.setColor(MUTED);
			drawCentered(g, String.format(Locale.ROOT, "%.2f× ceiling", run.ratioToCeiling()), center, labelY);
			g.setColor(INK);
			g.setFont(plain(14));
			drawCentered(g, run.variant(), center, bottom + 20);
			if (run.failedPhotos() > 0) {
				g.setColor(COLORS.get("naive"));
				g.setFont(bold(13));
				drawCentered(g, String.format(Locale.ROOT, "%,d failed", run.failedPhotos()), center, bottom + 38);
			}
			else {
				g.setColor(MUTED);
				g.setFont(plain(13));
				drawCentered(g, "peak " + run.peakConnections() + " conn.", center, bottom + 38);
			}
		}
		g.setColor(INK);
		g.drawLine(left, bottom, left + plotWidth, bottom);
	}

}
