package io.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sluice.embedded.JavaProcesses;

/**
 * What the scale scenario measures ({@code --scenario=scale}).
 *
 * @param distancesMs the one-way latencies to add between the workers and PostgreSQL, in
 * milliseconds, interleaved at every worker count
 * @param maxWorkers the most workers; each count from this down to one is measured
 * @param workerConcurrency consumer threads per worker
 * @param repetitions timed jobs per distance and worker count
 * @param warmUpJobs untimed jobs with every worker running, before the timed ones
 * @param photos photos per job
 * @param home the repository root, which holds {@code api/target} and
 * {@code worker/target}
 * @param out where the report files go
 * @param serviceJava the {@code java} command that runs the API and the workers
 */
record ScaleSettings(List<Integer> distancesMs, int maxWorkers, int workerConcurrency, int repetitions, int warmUpJobs,
		int photos, Path home, Path out, String serviceJava) {

	/** The API's chunk size and the workers' poll size: the products' defaults. */
	static final int CHUNK_PHOTOS = 500;

	static final int MAX_POLL_RECORDS = 20;

	/** Connections of the budget no worker may lease (ADR 0026). */
	static final int KEPT_FOR_STARTING_WORKERS = 2;

	ScaleSettings {
		distancesMs = List.copyOf(distancesMs);
		if (distancesMs.isEmpty() || distancesMs.stream().anyMatch((distance) -> distance < 0)) {
			throw new IllegalArgumentException("--distances needs one or more latencies in ms, none negative");
		}
		if (maxWorkers < 1 || workerConcurrency < 1 || repetitions < 1 || warmUpJobs < 0) {
			throw new IllegalArgumentException(
					"--max-workers, --worker-concurrency and --repetitions must be at least 1, --warm-up-jobs at least 0");
		}
	}

	/**
	 * The fleet's connection budget: room for every worker's full lease (its threads plus
	 * one) and the connections kept for starting workers; with 6 workers of 2 threads,
	 * the workers' default of 20.
	 */
	int connectionBudget() {
		return this.maxWorkers * (this.workerConcurrency + 1) + KEPT_FOR_STARTING_WORKERS;
	}

	/**
	 * Settings from command-line options: {@code distances}, {@code max-workers},
	 * {@code worker-concurrency}, {@code repetitions}, {@code warm-up-jobs},
	 * {@code home}, {@code out}, {@code service-java}.
	 */
	static ScaleSettings of(Map<String, String> options) {
		Path home = Path.of(options.getOrDefault("home", ".")).toAbsolutePath().normalize();
		Path out = Path.of(options.getOrDefault("out", home.resolve("bench").resolve("target").toString()))
			.toAbsolutePath()
			.normalize();
		List<Integer> distances = new ArrayList<>();
		for (String distance : options.getOrDefault("distances", "2,10").split(",")) {
			distances.add(number("distances", distance.trim()));
		}
		return new ScaleSettings(distances, number("max-workers", options.getOrDefault("max-workers", "6")),
				number("worker-concurrency", options.getOrDefault("worker-concurrency", "2")),
				number("repetitions", options.getOrDefault("repetitions", "3")),
				number("warm-up-jobs", options.getOrDefault("warm-up-jobs", "3")), BenchSettings.MAX_SIZE, home, out,
				options.getOrDefault("service-java", JavaProcesses.javaExecutable()));
	}

	private static int number(String option, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + option + " takes whole numbers, not '" + value + "'");
		}
	}

}
