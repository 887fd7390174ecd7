package io.sluice.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import static io.sluice.bench.report.ChartStyle.INK;
import static io.sluice.bench.report.ChartStyle.MUTED;
import static io.sluice.bench.report.ChartStyle.bold;
import static io.sluice.bench.report.ChartStyle.plain;

/**
 * The report as one picture: throughput of every variant at every size (one XChart panel
 * per size, so each has a readable linear scale), and the database connections of the
 * naive pattern next to Sluice's during one run of the largest size. Only the headings
 * between the panels are drawn here.
 */
public final class ReportChart {

	static final int WIDTH = 1600;

	static final int HEIGHT = 1120;

	private static final int MARGIN = 40;

	private static final int GAP = 40;

	private ReportChart() {
	}

	public static BufferedImage draw(BenchReport report) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = ChartStyle.whiteCanvas(image);
		try {
			int repetitions = report.settings().repetitions();
			text(g, "Sluice benchmark: photos into the same PostgreSQL table, four ways", bold(26), INK, 46);
			text(g, String.format(Locale.ROOT,
					"Median of %d repetition%s, variants interleaved, table truncated before every run; "
							+ "whiskers: slowest to fastest repetition. Higher is better.",
					repetitions, (repetitions == 1) ? "" : "s"), plain(15), MUTED, 72);

			text(g, ThroughputPanels.TITLE, bold(19), INK, 110);
			text(g, ThroughputPanels.VARIANTS, plain(15), INK, 136);
			List<Integer> sizes = report.settings().sizes();
			int panelWidth = (WIDTH - 2 * MARGIN - GAP * (sizes.size() - 1)) / sizes.size();
			List<CategoryChart> throughput = ThroughputPanels.of(report.runs(), sizes, panelWidth, 420);
			for (int i = 0; i < throughput.size(); i++) {
				ChartStyle.paint(g, throughput.get(i), MARGIN + i * (panelWidth + GAP), 146);
			}

			text(g, ConnectionPanels.title(report), bold(19), INK, 610);
			int halfWidth = (WIDTH - 2 * MARGIN - GAP) / 2;
			List<Optional<XYChart>> connections = ConnectionPanels.of(report, halfWidth, 440);
			String[] variants = { "naive", "sluice" };
			for (int i = 0; i < connections.size(); i++) {
				int x = MARGIN + i * (halfWidth + GAP);
				if (connections.get(i).isPresent()) {
					ChartStyle.paint(g, connections.get(i).get(), x, 630);
				}
				else {
					g.setColor(ChartStyle.COLORS.get(variants[i]));
					g.setFont(bold(17));
					g.drawString(variants[i] + ": no run of the largest size", x, 660);
				}
			}
			text(g, MarkdownTable.machine(report.machine()), plain(13), MUTED, HEIGHT - 22);
		}
		finally {
			g.dispose();
		}
		return image;
	}

	private static void text(Graphics2D g, String text, Font font, Color color, int baseline) {
		g.setFont(font);
		g.setColor(color);
		String shown = text;
		while (shown.length() > 4 && g.getFontMetrics().stringWidth(shown) > WIDTH - 2 * MARGIN) {
			shown = shown.substring(0, shown.length() - 4) + "…";
		}
		g.drawString(shown, MARGIN, baseline);
	}

}
