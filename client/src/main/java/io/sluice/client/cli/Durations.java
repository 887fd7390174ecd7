package io.sluice.client.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;

/**
 * Durations as people type them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1h30m},
 * {@code 2d}, or ISO-8601 ({@code PT1H}).
 */
final class Durations implements ITypeConverter<Duration> {

	private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

	@Override
	public Duration convert(String value) {
		return parse(value);
	}

	/**
	 * Parses a duration.
	 * @param value the text
	 * @return the duration
	 * @throws IllegalArgumentException if it is not one
	 */
	static Duration parse(String value) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		if (text.startsWith("p")) {
			return Duration.parse(text.toUpperCase(Locale.ROOT));
		}
		Matcher matcher = PART.matcher(text);
		Duration total = Duration.ZERO;
		int end = 0;
		while (matcher.lookingAt()) {
			long amount = Long.parseLong(matcher.group(1));
			total = total.plus(switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			});
			end = matcher.end();
			matcher.region(end, text.length());
		}
		if (end == 0 || end != text.length()) {
			throw new IllegalArgumentException("'" + value + "' is not a duration such as 90s, 10m, 1h or 1h30m");
		}
		return total;
	}

	/**
	 * A duration as {@link #parse} reads it back.
	 * @param duration the duration
	 * @return such as {@code 1h30m} or {@code 2s}
	 */
	static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		if (duration.toMillis() < 1000) {
			return duration.toMillis() + "ms";
		}
		StringBuilder text = new StringBuilder();
		long hours = duration.toHours();
		int minutes = duration.toMinutesPart();
		int seconds = duration.toSecondsPart();
		if (hours > 0) {
			text.append(hours).append('h');
		}
		if (minutes > 0) {
			text.append(minutes).append('m');
		}
		if (seconds > 0) {
			text.append(seconds).append('s');
		}
		return text.toString();
	}

}
