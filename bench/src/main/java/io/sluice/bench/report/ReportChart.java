package io.sluice.bench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

import static io.sluice.bench.report.ChartStyle.INK;
import static io.sluice.bench.report.ChartStyle.MUTED;
import static io.sluice.bench.report.ChartStyle.bold;
import static io.sluice.bench.report.ChartStyle.drawClipped;
import static io.sluice.bench.report.ChartStyle.plain;

/**
 * The report as one picture, drawn with Java2D: throughput of every variant at every size
 * (one panel per size, so each has a readable linear scale), and the database connections
 * of the naive pattern next to Sluice's during one run of the largest size.
 */
public final class ReportChart {

	static final int WIDTH = 1600;

	static final int HEIGHT = 1120;

	private ReportChart() {
	}

	public static BufferedImage draw(BenchReport report) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			g.setColor(INK);
			g.setFont(bold(26));
			g.drawString("Sluice benchmark: photos into the same PostgreSQL table, four ways", 40, 46);
			g.setFont(plain(15));
			g.setColor(MUTED);
			int repetitions = report.settings().repetitions();
			g.drawString(String.format(Locale.ROOT,
					"Median of %d repetition%s, variants interleaved, table truncated before every run; "
							+ "whiskers: slowest to fastest repetition. Higher is better.",
					repetitions, (repetitions == 1) ? "" : "s"), 40, 72);
			ThroughputPanels.draw(g, report.runs(), report.settings().sizes(), 40, 90, WIDTH - 80, 470);
			ConnectionPanels.draw(g, report, 40, 600, WIDTH - 80, 460);
			g.setFont(plain(13));
			g.setColor(MUTED);
			drawClipped(g, MarkdownTable.machine(report.machine()), 40, HEIGHT - 22, WIDTH - 80);
		}
		finally {
			g.dispose();
		}
		return image;
	}

}
