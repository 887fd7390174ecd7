package io.sluice.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.Locale;
import java.util.Map;

/**
 * The chart's colours, fonts, number formats and text placement, shared by its panels.
 */
final class ChartStyle {

	static final Map<String, Color> COLORS = Map.of("ceiling", new Color(0x6E6E6E), "tuned-batch", new Color(0x4C78A8),
			"naive", new Color(0xD6404E), "sluice", new Color(0x3A9A48));

	static final Color INK = new Color(0x222222);

	static final Color MUTED = new Color(0x666666);

	static final Color GRID = new Color(0xE3E3E3);

	static final Color BUSY = new Color(0x9FB7D4);

	static final Color WAITING = new Color(0xE08A1E);

	private static final String FONT = "SansSerif";

	private ChartStyle() {
	}

	static Font plain(int size) {
		return new Font(FONT, Font.PLAIN, size);
	}

	static Font bold(int size) {
		return new Font(FONT, Font.BOLD, size);
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
		return String.format(Locale.ROOT, "%.0f", value);
	}

	static String compactSeconds(double seconds, double step) {
		return (step < 1) ? trim(String.format(Locale.ROOT, "%.2f", seconds))
				: String.format(Locale.ROOT, "%.0f", seconds);
	}

	static String trim(String number) {
		if (!number.contains(".")) {
			return number;
		}
		String trimmed = number.replaceAll("0+$", "");
		return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	static void drawCentered(Graphics2D g, String text, int centerX, int baseline) {
		g.drawString(text, centerX - g.getFontMetrics().stringWidth(text) / 2, baseline);
	}

	static void drawRight(Graphics2D g, String text, int rightX, int baseline) {
		g.drawString(text, rightX - g.getFontMetrics().stringWidth(text), baseline);
	}

	static void drawClipped(Graphics2D g, String text, int x, int baseline, int maxWidth) {
		String shown = text;
		while (shown.length() > 4 && g.getFontMetrics().stringWidth(shown) > maxWidth) {
			shown = shown.substring(0, shown.length() - 4) + "…";
		}
		g.drawString(shown, x, baseline);
	}

	static void drawRotated(Graphics2D g, String text, int x, int centerY) {
		Graphics2D rotated = (Graphics2D) g.create();
		try {
			rotated.translate(x, centerY);
			rotated.rotate(-Math.PI / 2);
			rotated.drawString(text, -rotated.getFontMetrics().stringWidth(text) / 2, 0);
		}
		finally {
			rotated.dispose();
		}
	}

}
