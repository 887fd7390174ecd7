package io.sluice.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import io.sluice.bench.report.BenchReport.ScalePoint;
import io.sluice.bench.report.BenchReport.ScaleRun;

/**
 * Turns the scale scenario's timed jobs into one point per distance and worker count:
 * medians, and each median against one worker's at the same distance.
 */
public final class ScaleSummaries {

	private ScaleSummaries() {
	}

	/**
	 * The points, by distance, then by worker count, fewest first.
	 * @param runs every timed job
	 * @return one point per distance and worker count that ran
	 */
	public static List<ScalePoint> of(List<ScaleRun> runs) {
		Map<Integer, Map<Integer, List<ScaleRun>>> byDistance = new TreeMap<>();
		for (ScaleRun run : runs) {
			byDistance.computeIfAbsent(run.distanceMs(), (distance) -> new TreeMap<>())
				.computeIfAbsent(run.workers(), (workers) -> new ArrayList<>())
				.add(run);
		}
		List<ScalePoint> points = new ArrayList<>();
		byDistance.forEach((distance, byWorkers) -> {
			List<ScaleRun> alone = byWorkers.get(1);
			Double oneWorker = (alone != null) ? Statistics.median(values(alone, ScaleRun::photosPerSecond)) : null;
			byWorkers.forEach((workers, jobs) -> {
				List<Double> rates = values(jobs, ScaleRun::photosPerSecond);
				double median = Statistics.median(rates);
				points.add(new ScalePoint(distance, workers, median,
						rates.stream().mapToDouble(Double::doubleValue).min().orElse(0),
						rates.stream().mapToDouble(Double::doubleValue).max().orElse(0),
						(oneWorker != null && oneWorker > 0) ? median / oneWorker : null,
						Statistics.median(values(jobs, ScaleRun::drainMs)), medianOf(jobs, ScaleRun::machineBusy),
						medianOf(jobs, ScaleRun::postgresCores), medianOf(jobs, ScaleRun::workerCores),
						Statistics.median(values(jobs, (run) -> (double) run.transactions()))));
			});
		});
		return points;
	}

	private static List<Double> values(List<ScaleRun> runs, Function<ScaleRun, Double> figure) {
		return runs.stream().map(figure).filter(Objects::nonNull).toList();
	}

	private static Double medianOf(List<ScaleRun> runs, Function<ScaleRun, Double> figure) {
		List<Double> known = values(runs, figure);
		return known.isEmpty() ? null : Statistics.median(known);
	}

}
