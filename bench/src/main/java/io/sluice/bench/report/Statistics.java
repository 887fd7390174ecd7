package io.sluice.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Medians and percentiles of small samples, as the report uses them.
 */
public final class Statistics {

	private Statistics() {
	}

	/**
	 * The median: the middle value, or the mean of the two middle values.
	 * @param values at least one value
	 * @return the median
	 */
	public static double median(List<Double> values) {
		List<Double> sorted = sorted(values);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * The nearest-rank percentile: the smallest value with at least {@code p} percent of
	 * the values at or below it. With fewer than 100 values the 99th is the largest.
	 * @param values at least one value
	 * @param p between 0 (exclusive) and 100
	 * @return the percentile
	 */
	public static double percentile(List<Double> values, double p) {
		List<Double> sorted = sorted(values);
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
	}

	private static List<Double> sorted(List<Double> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No values");
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted;
	}

}
