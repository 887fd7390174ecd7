package io.sluice.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.ChartTheme;

/**
 * The chart's colours, fonts, strokes and number formats, shared by its panels.
 */
final class ChartStyle {

	static final ChartTheme THEME = ChartTheme.XChart;

	static final Map<String, Color> COLORS = Map.of("ceiling", new Color(0x6E6E6E), "tuned-batch", new Color(0x4C78A8),
			"naive", new Color(0xD6404E), "sluice", new Color(0x3A9A48));

	static final Color INK = new Color(0x222222);

	static final Color MUTED = new Color(0x666666);

	static final Color GRID = new Color(0xE3E3E3);

	static final Color BUSY = new Color(0x9FB7D4);

	static final Color WAITING = new Color(0xE08A1E);

	static final BasicStroke LINE = new BasicStroke(2.5f);

	static final BasicStroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
			new float[] { 8f, 6f }, 0f);

	private static final String FONT = "SansSerif";

	private ChartStyle() {
	}

	static Font plain(int size) {
		return new Font(FONT, Font.PLAIN, size);
	}

	static Font bold(int size) {
		return new Font(FONT, Font.BOLD, size);
	}

	/** The look every panel shares: white, light grid, no border, the report's fonts. */
	static void apply(AxesChartStyler styler) {
		styler.setChartBackgroundColor(Color.WHITE);
		styler.setPlotBackgroundColor(Color.WHITE);
		styler.setPlotBorderVisible(false);
		styler.setYAxisTickMarkSpacingHint(60);
		styler.setPlotGridLinesColor(GRID);
		styler.setPlotGridLinesStroke(new BasicStroke(1f));
		styler.setChartFontColor(INK);
		styler.setChartTitleFont(bold(17));
		styler.setChartTitleBoxVisible(false);
		styler.setAxisTitleFont(plain(13));
		styler.setXAxisTitleColor(MUTED);
		styler.setYAxisTitleColor(MUTED);
		styler.setAxisTickLabelsFont(plain(13));
		styler.setAxisTickLabelsColor(MUTED);
		styler.setAxisTickMarksColor(INK);
		styler.setLegendFont(plain(13));
		styler.setLegendBorderColor(Color.WHITE);
		styler.setAnnotationTextFont(plain(13));
		styler.setAnnotationTextFontColor(INK);
		styler.setLocale(Locale.ROOT);
	}

	/**
	 * Readies a picture for drawing: anti-aliased shapes and text on white.
	 * @param image the picture
	 * @return its graphics; dispose of them when done
	 */
	static Graphics2D whiteCanvas(BufferedImage image) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		return g;
	}

	/** Paints an XChart panel at its own size with its top left corner at (x, y). */
	static void paint(Graphics2D g, Chart<?, ?> chart, int x, int y) {
		Graphics2D panel = (Graphics2D) g.create(x, y, chart.getWidth(), chart.getHeight());
		try {
			chart.paint(panel, chart.getWidth(), chart.getHeight());
		}
		finally {
			panel.dispose();
		}
	}

	/** 1, 2 or 5 times a power of ten, at least {@code rough}. */
	static double niceStep(double rough) {
		if (rough <= 0) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(rough)));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * power >= rough) {
				return factor * power;
			}
		}
		return 10 * power;
	}

	/** {@code 950}, {@code 12.3k}, {@code 1.2M}. */
	static String compact(double value) {
		if (value >= 1_000_000) {
			return trim(String.format(Locale.ROOT, "%.1f", value / 1_000_000)) + "M";
		}
		if (value >= 10_000) {
			return String.format(Locale.ROOT, "%.0fk", value / 1_000);
		}
		if (value >= 1_000) {
			return trim(String.format(Locale.ROOT, "%.1f", value / 1_000)) + "k";
		}
		return trim(String.format(Locale.ROOT, "%.2f", value));
	}

	static String trim(String number) {
		if (!number.contains(".")) {
			return number;
		}
		String trimmed = number.replaceAll("0+$", "");
		return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
