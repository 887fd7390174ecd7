package io.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sluice.embedded.Infrastructure;
import io.sluice.embedded.JavaProcesses;

/**
 * What one benchmark run measures and where it writes.
 *
 * @param sizes photos per run, in the order they run within a repetition
 * @param variants the variants to run, in {@link Benchmark#ORDER}; always holds the
 * ceiling, which every ratio is taken against. The fairness scenario runs when it holds
 * {@code sluice}.
 * @param repetitions how many times every variant runs at every size
 * @param fairnessJobPhotos the size of the large job the small jobs queue behind
 * @param warmUpPhotos the size of the untimed warm-up run of each variant
 * @param sluiceWarmUpJobs untimed Sluice jobs of the largest size run after the warm-up,
 * so that the API's and the workers' JVMs are compiled for the load they are measured
 * under (a service in production is warm; the other variants run in the benchmark's own
 * JVM, warm from the start)
 * @param home the repository root, which holds {@code api/target} and
 * {@code worker/target}
 * @param out where the report files go
 * @param serviceJava the {@code java} command that runs the API and the workers
 * @param external an existing database and broker, or {@code null} to start embedded ones
 * @param submitJobsPerOwner one-photo jobs each owner sends in a round of the concurrent
 * submits scenario
 * @param watchers owners that follow a job each in the watchers scenario (0: the scenario
 * does not run)
 * @param only the one scenario to run alone ({@value #SUBMITS} or {@value #WATCHERS}),
 * without the variants, the fairness scenario and the other scenario, or {@code null} to
 * run everything
 */
public record BenchSettings(List<Integer> sizes, List<String> variants, int repetitions, int fairnessJobPhotos,
		int warmUpPhotos, int sluiceWarmUpJobs, Path home, Path out, String serviceJava, Infrastructure external,
		int submitJobsPerOwner, int watchers, String only) {

	/** Large jobs each drain of the watchers scenario submits at once. */
	public static final int WATCHER_DRAIN_JOBS = 3;

	/** Drains with watchers in the watchers scenario (and as many without). */
	public static final int WATCHER_ROUNDS = 2;

	/** The most watchers: the API serves at most 1,000 streams by default. */
	static final int MAX_WATCHERS = 1_000;

	/** Photos in each of the small jobs of the fairness scenario. */
	public static final int SMALL_JOB_PHOTOS = 20;

	/** How many small jobs the fairness scenario submits. */
	public static final int SMALL_JOBS = 20;

	/**
	 * How many large jobs the second fairness case queues before the small jobs: enough
	 * that a small job sharing their queue would wait seconds.
	 */
	public static final int QUEUED_BIG_JOBS = 3;

	private static final String CEILING = "ceiling";

	/** The concurrent submits scenario's name, for {@code --only}. */
	private static final String SUBMITS = "submits";

	/** The watchers scenario's name, for {@code --only}. */
	private static final String WATCHERS = "watchers";

	/** The most photos one Sluice job may hold. */
	static final int MAX_SIZE = 100_000;

	public BenchSettings {
		sizes = List.copyOf(sizes);
		if (sizes.isEmpty()) {
			throw new IllegalArgumentException("--sizes needs at least one size");
		}
		for (int size : sizes) {
			if (size < 1 || size > MAX_SIZE) {
				throw new IllegalArgumentException(
						"--sizes: every size must be between 1 and " + MAX_SIZE + " (one Sluice job), not " + size);
			}
		}
		variants = Benchmark.ORDER.stream().filter(variants::contains).toList();
		if (!variants.contains(CEILING)) {
			throw new IllegalArgumentException(
					"--variants must include " + CEILING + ": every ratio is taken against it");
		}
		if (sluiceWarmUpJobs < 0) {
			throw new IllegalArgumentException("--warm-up-jobs must not be negative, not " + sluiceWarmUpJobs);
		}
		if (submitJobsPerOwner < 1) {
			throw new IllegalArgumentException("--submit-jobs must be at least 1, not " + submitJobsPerOwner);
		}
		if (watchers < 0 || watchers > MAX_WATCHERS) {
			throw new IllegalArgumentException(
					"--watchers must be between 0 and " + MAX_WATCHERS + " (one stream each), not " + watchers);
		}
		if (only != null && !only.equals(SUBMITS) && !only.equals(WATCHERS)) {
			throw new IllegalArgumentException(
					"--only takes '" + SUBMITS + "' or '" + WATCHERS + "', not '" + only + "'");
		}
		if (WATCHERS.equals(only) && watchers == 0) {
			throw new IllegalArgumentException("--only=" + WATCHERS + " needs at least one watcher, not --watchers=0");
		}
		if (repetitions < 1) {
			throw new IllegalArgumentException("--repetitions must be at least 1, not " + repetitions);
		}
	}

	/**
	 * The full benchmark: 1,000, 10,000 and 100,000 photos, three repetitions, a
	 * 100,000-photo job in the fairness scenario, embedded PostgreSQL and Kafka.
	 * @param home the repository root
	 * @param out where the report files go
	 * @return the default settings
	 */
	public static BenchSettings defaults(Path home, Path out) {
		return new BenchSettings(List.of(1_000, 10_000, 100_000), Benchmark.ORDER, 3, 100_000, 5_000, 8, home, out,
				JavaProcesses.javaExecutable(), null, 40, MAX_WATCHERS, null);
	}

	/**
	 * The smoke run: 1,000 photos once, a 10,000-photo job in the fairness scenario.
	 * @param home the repository root
	 * @param out where the report files go
	 * @return the smoke settings
	 */
	public static BenchSettings smoke(Path home, Path out) {
		return new BenchSettings(List.of(1_000), Benchmark.ORDER, 1, 10_000, 1_000, 0, home, out,
				JavaProcesses.javaExecutable(), null, 2, 20, null);
	}

	/** These settings against an existing database and broker. */
	public BenchSettings withExternal(Infrastructure infrastructure) {
		return new BenchSettings(this.sizes, this.variants, this.repetitions, this.fairnessJobPhotos, this.warmUpPhotos,
				this.sluiceWarmUpJobs, this.home, this.out, this.serviceJava, infrastructure, this.submitJobsPerOwner,
				this.watchers, this.only);
	}

	/** Whether only the concurrent submits scenario runs. */
	public boolean submitsOnly() {
		return SUBMITS.equals(this.only);
	}

	/** Whether only the watchers scenario runs. */
	public boolean watchersOnly() {
		return WATCHERS.equals(this.only);
	}

	/**
	 * Settings from command-line options (already split into name and value) and the
	 * environment.
	 * @param options {@code sizes}, {@code variants}, {@code repetitions},
	 * {@code warm-up-jobs}, {@code smoke}, {@code out}, {@code home},
	 * {@code service-java}, {@code submit-jobs}, {@code watchers}, {@code only}
	 * @param environment {@code SLUICE_BENCH_JDBC_URL}, {@code _USER}, {@code _PASSWORD},
	 * {@code SLUICE_BENCH_KAFKA_BOOTSTRAP}
	 * @return the settings
	 */
	static BenchSettings of(Map<String, String> options, Map<String, String> environment) {
		Path home = Path.of(options.getOrDefault("home", ".")).toAbsolutePath().normalize();
		Path out = Path.of(options.getOrDefault("out", home.resolve("bench").resolve("target").toString()))
			.toAbsolutePath()
			.normalize();
		BenchSettings settings = options.containsKey("smoke") ? smoke(home, out) : defaults(home, out);
		List<Integer> sizes = options.containsKey("sizes") ? sizes(options.get("sizes")) : settings.sizes();
		List<String> variants = options.containsKey("variants") ? variants(options.get("variants"))
				: settings.variants();
		int repetitions = options.containsKey("repetitions") ? number("repetitions", options.get("repetitions"))
				: settings.repetitions();
		int warmUpJobs = options.containsKey("warm-up-jobs") ? number("warm-up-jobs", options.get("warm-up-jobs"))
				: settings.sluiceWarmUpJobs();
		String java = options.getOrDefault("service-java", settings.serviceJava());
		int submitJobs = options.containsKey("submit-jobs") ? number("submit-jobs", options.get("submit-jobs"))
				: settings.submitJobsPerOwner();
		int watchers = options.containsKey("watchers") ? number("watchers", options.get("watchers"))
				: settings.watchers();
		return new BenchSettings(sizes, variants, repetitions, settings.fairnessJobPhotos(), settings.warmUpPhotos(),
				warmUpJobs, home, out, java, ExternalInfrastructure.fromEnvironment(environment), submitJobs, watchers,
				options.get("only"));
	}

	private static List<Integer> sizes(String value) {
		List<Integer> sizes = new ArrayList<>();
		for (String size : value.split(",")) {
			sizes.add(number("sizes", size.trim().replace("_", "")));
		}
		return sizes;
	}

	private static List<String> variants(String value) {
		List<String> variants = new ArrayList<>();
		for (String variant : value.split(",")) {
			String name = variant.trim();
			if (!Benchmark.ORDER.contains(name)) {
				throw new IllegalArgumentException(
						"--variants: '" + name + "' is not one of " + String.join(", ", Benchmark.ORDER));
			}
			variants.add(name);
		}
		return variants;
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
