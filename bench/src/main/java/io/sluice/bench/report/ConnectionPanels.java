package io.sluice.bench.report;

import java.awt.BasicStroke;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sluice.bench.report.BenchReport.ConnectionSample;
import io.sluice.bench.report.BenchReport.Timeline;

import static io.sluice.bench.report.ChartStyle.BUSY;
import static io.sluice.bench.report.ChartStyle.COLORS;
import static io.sluice.bench.report.ChartStyle.GRID;
import static io.sluice.bench.report.ChartStyle.INK;
import static io.sluice.bench.report.ChartStyle.MUTED;
import static io.sluice.bench.report.ChartStyle.WAITING;
import static io.sluice.bench.report.ChartStyle.bold;
import static io.sluice.bench.report.ChartStyle.compact;
import static io.sluice.bench.report.ChartStyle.compactSeconds;
import static io.sluice.bench.report.ChartStyle.drawCentered;
import static io.sluice.bench.report.ChartStyle.drawClipped;
import static io.sluice.bench.report.ChartStyle.drawRight;
import static io.sluice.bench.report.ChartStyle.drawRotated;
import static io.sluice.bench.report.ChartStyle.niceStep;
import static io.sluice.bench.report.ChartStyle.plain;

/**
 * The chart's lower half: the naive pattern's and Sluice's database connections during
 * one run of the largest size, side by side on the same connection scale (each on its own
 * time axis), with the naive pool's waiting tasks on a second axis.
 */
final class ConnectionPanels {

	private ConnectionPanels() {
	}

	static void draw(Graphics2D g, BenchReport report, int x, int y, int width, int height) {
		Timeline naive = timeline(report, "naive");
		Timeline sluice = timeline(report, "sluice");
		int photos = (sluice != null) ? sluice.photos() : (naive != null) ? naive.photos() : 0;
		g.setColor(INK);
		g.setFont(bold(19));
		g.drawString(String.format(Locale.ROOT,
				"Database connections during one %,d-photo run (sampled from pg_stat_activity every %d ms)", photos,
				report.settings().sampleIntervalMs()), x, y + 20);
		drawTimelineLegend(g, x, y + 48);
		int maxConnections = 0;
		for (Timeline timeline : new Timeline[] { naive, sluice }) {
			if (timeline != null) {
				for (ConnectionSample sample : timeline.samples()) {
					maxConnections = Math.max(maxConnections, sample.open());
				}
			}
		}
		int cap = report.settings().sluice().getOrDefault("connectionCap", 10);
		int axisMax = Math.max(cap + 2, maxConnections + 2);
		int gap = 110;
		int panelWidth = (width - gap) / 2;
		Map<String, Integer> stack = report.settings().sluice();
		String sluiceTitle = String.format(Locale.ROOT, "sluice, cap %d (API %d + %d workers x %d)", cap,
				stack.getOrDefault("apiPoolSize", 0), stack.getOrDefault("workers", 0),
				stack.getOrDefault("workerConcurrency", 0) + 1);
		drawTimelinePanel(g, naive, "naive", "naive, pool of 5", axisMax, 0, x, y + 70, panelWidth, height - 70);
		drawTimelinePanel(g, sluice, "sluice", sluiceTitle, axisMax, cap, x + panelWidth + gap, y + 70, panelWidth,
				height - 70);
	}

	private static void drawTimelineLegend(Graphics2D g, int left, int baseline) {
		g.setFont(plain(15));
		FontMetrics metrics = g.getFontMetrics();
		String open = "open connections";
		String busy = "busy connections (not idle)";
		String waiting = "naive: tasks waiting for a pooled connection (right axis)";
		int cursor = left;
		g.setColor(INK);
		g.setStroke(new BasicStroke(2.5f));
		g.drawLine(cursor, baseline - 5, cursor + 26, baseline - 5);
		g.drawString(open, cursor + 34, baseline);
		cursor += 34 + metrics.stringWidth(open) + 22;
		g.setColor(BUSY);
		g.fillRect(cursor, baseline - 12, 26, 12);
		g.setColor(INK);
		g.drawString(busy, cursor + 34, baseline);
		cursor += 34 + metrics.stringWidth(busy) + 22;
		g.setColor(WAITING);
		g.setStroke(dashed(2.5f));
		g.drawLine(cursor, baseline - 5, cursor + 26, baseline - 5);
		g.setColor(INK);
		g.drawString(waiting, cursor + 34, baseline);
		g.setStroke(new BasicStroke(1f));
	}

	private static void drawTimelinePanel(Graphics2D g, Timeline timeline, String variant, String name, int axisMax,
			int cap, int x, int y, int width, int height) {
		int left = x + 54;
		int right = x + width - 10;
		int top = y + 34;
		int bottom = y + height - 70;
		g.setColor(COLORS.getOrDefault(variant, INK));
		g.setFont(bold(17));
		if (timeline == null) {
			g.drawString(variant + ": no run of the largest size", x, y + 14);
			return;
		}
		String title = String.format(Locale.ROOT, "%s: %,d of %,d photos failed", name, timeline.poolTimeouts(),
				timeline.photos());
		drawClipped(g, title, x, y + 14, width);
		List<ConnectionSample> samples = timeline.samples();
		double endMs = Math.max(1, samples.isEmpty() ? 1 : samples.get(samples.size() - 1).atMs());
		int maxWaiting = samples.stream().mapToInt(ConnectionSample::waiting).max().orElse(0);
		boolean showWaiting = variant.equals("naive");
		double waitingMax = (maxWaiting > 0) ? niceStep(maxWaiting * 1.1 / 4) * 4 : 4;

		g.setFont(plain(13));
		int yStep = (axisMax <= 14) ? 2 : 5;
		for (int tick = 0; tick <= axisMax; tick += yStep) {
			int ty = yOf(tick, axisMax, top, bottom);
			g.setColor(GRID);
			g.drawLine(left, ty, right, ty);
			g.setColor(MUTED);
			drawRight(g, Integer.toString(tick), left - 8, ty + 5);
		}
		g.setColor(MUTED);
		drawRotated(g, "connections", x + 10, (top + bottom) / 2);
		double xStep = niceStep(endMs / 1000.0 / 6);
		for (double tick = 0; tick <= endMs / 1000.0 + 1e-9; tick += xStep) {
			int tx = left + (int) Math.round(tick * 1000 / endMs * (right - left));
			g.setColor(GRID);
			g.drawLine(tx, top, tx, bottom);
			g.setColor(MUTED);
			drawCentered(g, compactSeconds(tick, xStep), tx, bottom + 18);
		}
		drawCentered(g, "seconds since the run started", (left + right) / 2, bottom + 38);
		if (showWaiting) {
			g.setColor(WAITING);
			for (int i = 0; i <= 4; i++) {
				int ty = yOf(i, 4, top, bottom);
				g.drawString(compact(waitingMax * i / 4), right + 6, ty + 5);
			}
			drawRotated(g, "tasks waiting", right + 58, (top + bottom) / 2);
		}

		Path2D busy = new Path2D.Double();
		busy.moveTo(left, bottom);
		Path2D open = new Path2D.Double();
		Path2D waiting = new Path2D.Double();
		for (int i = 0; i < samples.size(); i++) {
			ConnectionSample sample = samples.get(i);
			double sx = left + sample.atMs() / endMs * (right - left);
			double nextX = (i + 1 < samples.size()) ? left + samples.get(i + 1).atMs() / endMs * (right - left) : sx;
			busy.lineTo(sx, yOf(sample.busy(), axisMax, top, bottom));
			busy.lineTo(nextX, yOf(sample.busy(), axisMax, top, bottom));
			if (i == 0) {
				open.moveTo(sx, yOf(sample.open(), axisMax, top, bottom));
				waiting.moveTo(sx, bottom - sample.waiting() / waitingMax * (bottom - top));
			}
			open.lineTo(sx, yOf(sample.open(), axisMax, top, bottom));
			open.lineTo(nextX, yOf(sample.open(), axisMax, top, bottom));
			waiting.lineTo(sx, bottom - sample.waiting() / waitingMax * (bottom - top));
		}
		busy.lineTo(right, bottom);
		busy.closePath();
		g.setColor(BUSY);
		g.fill(busy);
		g.setColor(INK);
		g.setStroke(new BasicStroke(2.5f));
		g.draw(open);
		if (showWaiting) {
			g.setColor(WAITING);
			g.setStroke(dashed(2.5f));
			g.draw(waiting);
		}
		if (cap > 0) {
			int capY = yOf(cap, axisMax, top, bottom);
			g.setColor(COLORS.get("sluice"));
			g.setStroke(dashed(1.5f));
			g.drawLine(left, capY, right, capY);
			g.setFont(plain(13));
			drawRight(g, "connection cap " + cap, right - 4, capY - 6);
		}
		g.setStroke(new BasicStroke(1f));
		g.setColor(INK);
		g.drawLine(left, bottom, right, bottom);
		g.drawLine(left, top, left, bottom);
		g.setColor(MUTED);
		g.setFont(plain(13));
		drawClipped(g, String.format(Locale.ROOT, "%s, repetition %d (the median one): %,.1f s",
				timeline.applicationName(), timeline.repetition(), timeline.elapsedMs() / 1000), left, bottom + 60,
				right - left);
	}

	private static Timeline timeline(BenchReport report, String variant) {
		return report.connectionTimelines()
			.stream()
			.filter((timeline) -> timeline.variant().equals(variant))
			.findFirst()
			.orElse(null);
	}

	private static int yOf(double value, double max, int top, int bottom) {
		return bottom - (int) Math.round(value / max * (bottom - top));
	}

	private static Stroke dashed(float width) {
		return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] { 8f, 6f }, 0f);
	}

}
