package io.sluice.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import io.sluice.bench.report.BenchReport.Measurement;
import io.sluice.bench.report.BenchReport.VariantSummary;

/**
 * Turns the raw runs into the report's figures: each run's ratio to the ceiling of the
 * same size in the same repetition, then one summary per variant and size.
 */
public final class Summaries {

	/** The variant every ratio is taken against. */
	public static final String CEILING = "ceiling";

	private Summaries() {
	}

	/**
	 * Each run with its ratio to the ceiling measured at the same size in the same
	 * repetition (the ceiling runs first, so it is always there).
	 * @param runs every timed run
	 * @return the same runs, ratios set
	 */
	public static List<Measurement> withRatios(List<Measurement> runs) {
		Map<String, Double> ceilings = new TreeMap<>();
		for (Measurement run : runs) {
			if (run.variant().equals(CEILING)) {
				ceilings.put(run.repetition() + "/" + run.photos(), run.photosPerSecond());
			}
		}
		List<Measurement> rated = new ArrayList<>();
		for (Measurement run : runs) {
			Double ceiling = ceilings.get(run.repetition() + "/" + run.photos());
			rated.add((ceiling != null) ? run.withRatioToCeiling(run.photosPerSecond() / ceiling) : run);
		}
		return rated;
	}

	/**
	 * One summary per size and variant, sizes in the order given, variants in
	 * {@code order}.
	 * @param runs every timed run, ratios set
	 * @param sizes the sizes
	 * @param order the variants
	 * @return the summaries
	 */
	public static List<VariantSummary> of(List<Measurement> runs, List<Integer> sizes, List<String> order) {
		List<VariantSummary> summaries = new ArrayList<>();
		for (int size : sizes) {
			for (String variant : order) {
				List<Measurement> these = runs.stream()
					.filter((run) -> run.photos() == size && run.variant().equals(variant))
					.toList();
				if (!these.isEmpty()) {
					summaries.add(summary(variant, size, these));
				}
			}
		}
		return summaries;
	}

	private static VariantSummary summary(String variant, int size, List<Measurement> runs) {
		List<Double> acceptMs = runs.stream().map(Measurement::acceptMs).filter(Objects::nonNull).toList();
		List<Double> firstChunkMs = runs.stream()
			.map(Measurement::acceptToFirstChunkMs)
			.filter((value) -> value != null && !value.isNaN())
			.toList();
		return new VariantSummary(variant, size, median(runs, Measurement::photosPerSecond),
				median(runs, (run) -> (run.ratioToCeiling() != null) ? run.ratioToCeiling() : Double.NaN),
				runs.stream().mapToInt(Measurement::peakConnections).max().orElse(0),
				(int) Math.round(median(runs, Measurement::poolTimeouts)),
				(int) Math.round(median(runs, Measurement::failedPhotos)),
				runs.stream().mapToInt(Measurement::peakBusyConnections).max().orElse(0), runs.size(),
				runs.stream().mapToDouble(Measurement::photosPerSecond).min().orElse(0),
				runs.stream().mapToDouble(Measurement::photosPerSecond).max().orElse(0),
				median(runs, Measurement::elapsedMs), runs.stream().allMatch(Measurement::rowsVerified),
				acceptMs.isEmpty() ? null : Statistics.percentile(acceptMs, 50),
				acceptMs.isEmpty() ? null : Statistics.percentile(acceptMs, 99),
				firstChunkMs.isEmpty() ? null : Statistics.median(firstChunkMs),
				runs.stream().mapToInt(Measurement::poolTimeouts).max().orElse(0));
	}

	private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
		return Statistics.median(runs.stream().map(value::applyAsDouble).toList());
	}

}
