package io.sluice.client.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written as Spring Boot writes them in the API's settings: a whole number with an
 * optional unit, {@code B}, {@code KB}, {@code MB} or {@code GB}, each 1024 of the one
 * before ({@code 32MB} is 33,554,432 bytes).
 */
final class DataSizes {

	private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s*(B|KB|MB|GB)?");

	private DataSizes() {
	}

	/**
	 * Reads a size.
	 * @param option the option it was given to, for the error
	 * @param text the size, such as {@code 32MB}
	 * @return the bytes
	 * @throws UsageException if it is no size
	 */
	static long parse(String option, String text) {
		Matcher size = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
		if (!size.matches()) {
			throw new UsageException(option + " must be a whole number of B, KB, MB or GB, such as 32MB; not " + text);
		}
		long value = Long.parseLong(size.group(1));
		String unit = (size.group(2) != null) ? size.group(2) : "B";
		int shift = switch (unit) {
			case "KB" -> 10;
			case "MB" -> 20;
			case "GB" -> 30;
			default -> 0;
		};
		return value << shift;
	}

}
