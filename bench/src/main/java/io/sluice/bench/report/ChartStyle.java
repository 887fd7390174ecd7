package io.sluice.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.Map;

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
