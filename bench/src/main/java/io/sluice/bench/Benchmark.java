package io.sluice.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.sluice.bench.report.BenchReport;
import io.sluice.bench.report.BenchReport.Fairness;
import io.sluice.bench.report.BenchReport.Machine;
import io.sluice.bench.report.BenchReport.Measurement;
import io.sluice.bench.report.BenchReport.Settings;
import io.sluice.bench.report.BenchReport.SubmitRound;
import io.sluice.bench.report.BenchReport.Submits;
import io.sluice.bench.report.BenchReport.Timeline;
import io.sluice.bench.report.BenchReport.Watchers;
import io.sluice.bench.report.ReportFiles;
import io.sluice.bench.report.Summaries;
import io.sluice.local.LocalSettings;
import io.sluice.local.LocalStack;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.DevTokens;
import io.sluice.embedded.FreePorts;

/**
 * The whole benchmark: starts Sluice once, warms every variant up, runs every variant at
 * every size in every repetition (interleaved: ceiling, tuned-batch, naive, sluice for
 * each size), then the fairness scenario, and writes the report.
 */
public final class Benchmark {

	/** The variants, in the order they run within a size. */
	public static final List<String> ORDER = List.of("ceiling", "tuned-batch", "naive", "sluice");

	private final BenchSettings settings;

	private final PrintStream console;

	private final boolean terminal;

	public Benchmark(BenchSettings settings, PrintStream console, boolean terminal) {
		this.settings = settings;
		this.console = console;
		this.terminal = terminal;
	}

	/**
	 * Runs everything and writes {@code bench-report.json}, {@code .md} and {@code .png}.
	 * @return the report
	 * @throws BenchmarkFailure if anything breaks or any run loses or duplicates a row
	 */
	public BenchReport run() {
		Instant started = Instant.now();
		LocalSettings local = LocalSettings
			.defaults(this.settings.home(), this.settings.out().resolve("stack"), DevTokens.randomSecret())
			.withApiPort(FreePorts.find())
			.withJavaExecutable(this.settings.serviceJava());
		LocalStack stack = new LocalStack(local, this.settings.external());
		Thread stopOnExit = new Thread(stack::close, "sluice-bench-stop");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		try {
			this.console.printf("Starting Sluice: %s, the API and %d workers x %d threads (logs in %s)...%n",
					(this.settings.external() != null) ? "the given PostgreSQL and Kafka" : "PostgreSQL, Kafka",
					local.workers(), local.workerConcurrency(), local.directory().resolve("logs"));
			long startup = System.nanoTime();
			stack.start();
			this.console.printf("Sluice is ready (%d s).%n", Duration.ofNanos(System.nanoTime() - startup).toSeconds());
			BenchReport report = measure(stack, local, started);
			ReportFiles.write(report, this.settings.out());
			return report;
		}
		finally {
			stack.close();
			try {
				Runtime.getRuntime().removeShutdownHook(stopOnExit);
			}
			catch (IllegalStateException exiting) {
				// the JVM is already shutting down and runs the hook itself
			}
		}
	}

	private BenchReport measure(LocalStack stack, LocalSettings local, Instant started) {
		BenchDatabase database = new BenchDatabase(stack.infrastructure());
		Machine machine = MachineDescription.describe(database, this.settings.serviceJava(),
				this.settings.external() != null, started);
		SluiceClient client = new SluiceClient(stack.apiUrl(), stack.token());
		long firstAlbum = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		TimedRun timed = new TimedRun(database, firstAlbum);
		List<Measurement> measurements = new ArrayList<>();
		Map<String, List<TimedRun.Result>> charted = new LinkedHashMap<>();
		int largest = this.settings.sizes().stream().max(Comparator.naturalOrder()).orElseThrow();
		Fairness fairness = null;
		Fairness fairnessBehindQueue = null;
		Watchers watchers = null;
		List<Long> sluiceWarmUpRates = new ArrayList<>();
		SluiceEndToEnd sluice = new SluiceEndToEnd(stack, client, database);
		SubmitsScenario submits = new SubmitsScenario(client, database, local.jwtSecret(), firstAlbum + 2_000_000_000L);
		SubmitRound coldSubmits = null;
		SubmitRound warmSubmits = null;
		boolean watchersOnly = this.settings.watchersOnly();
		boolean withSubmits = !watchersOnly;
		try (NaiveInserts naive = new NaiveInserts(database)) {
			List<Variant> variants = Stream.of(new CopyCeiling(database), new TunedBatch(database), naive, sluice)
				.filter((variant) -> this.settings.only() == null && this.settings.variants().contains(variant.name()))
				.toList();
			boolean withFairness = variants.contains(sluice);
			boolean withWatchers = watchersOnly || (withFairness && this.settings.watchers() > 0);
			int sluiceWarmUps = (variants.contains(sluice) || watchersOnly) ? this.settings.sluiceWarmUpJobs() : 0;
			if (watchersOnly) {
				largest = this.settings.fairnessJobPhotos();
			}
			int runs = variants.size() * (1 + this.settings.repetitions() * this.settings.sizes().size())
					+ sluiceWarmUps + (withFairness ? 2 : 0) + (withWatchers ? 1 : 0)
					+ (withSubmits ? SubmitsScenario.ROUNDS : 0);
			try (ProgressBar progress = new ProgressBar(this.console, runs, this.terminal)) {
				if (withSubmits) {
					// first of all, while the stack is as fresh as it gets
					coldSubmits = submits(submits, "cold", progress);
				}
				for (Variant variant : variants) {
					String label = label("warm-up", this.settings.warmUpPhotos(), variant.name());
					AtomicLong done = progress.start(label, this.settings.warmUpPhotos());
					TimedRun.Result warmUp = timed.run(variant, this.settings.warmUpPhotos(), 0, done);
					progress.finish(describe(warmUp.measurement(), null) + "  (not counted)");
				}
				for (int job = 1; job <= sluiceWarmUps; job++) {
					String label = label("warm-up", largest, "sluice " + job + "/" + sluiceWarmUps);
					AtomicLong done = progress.start(label, largest);
					TimedRun.Result warmUp = timed.run(sluice, largest, 0, done);
					sluiceWarmUpRates.add(Math.round(warmUp.measurement().photosPerSecond()));
					progress.finish(describe(warmUp.measurement(), null) + "  (not counted)");
				}
				for (int repetition = 1; repetition <= this.settings.repetitions(); repetition++) {
					for (int size : this.settings.sizes()) {
						Double ceiling = null;
						for (Variant variant : variants) {
							String label = label("rep " + repetition + "/" + this.settings.repetitions(), size,
									variant.name());
							AtomicLong done = progress.start(label, size);
							TimedRun.Result result = timed.run(variant, size, repetition, done);
							Measurement measurement = result.measurement();
							measurements.add(measurement);
							if (variant.name().equals(Summaries.CEILING)) {
								ceiling = measurement.photosPerSecond();
							}
							if (size == largest && (variant == naive || variant == sluice)) {
								charted.computeIfAbsent(variant.name(), (name) -> new ArrayList<>()).add(result);
							}
							progress.finish(describe(measurement, ceiling));
						}
					}
				}
				if (withFairness) {
					FairnessScenario scenario = new FairnessScenario(client, sluice, database,
							firstAlbum + 1_000_000_000L);
					fairness = fairness(scenario, 1, progress);
					fairnessBehindQueue = fairness(scenario, BenchSettings.QUEUED_BIG_JOBS, progress);
				}
				if (withWatchers) {
					WatchersScenario scenario = new WatchersScenario(stack, client, sluice, database, local.jwtSecret(),
							firstAlbum + 3_000_000_000L);
					watchers = watchers(scenario, progress);
				}
				if (withSubmits) {
					submits(submits, "warm-up", progress);
					warmSubmits = submits(submits, "warm", progress);
				}
			}
		}
		List<Measurement> rated = Summaries.withRatios(measurements);
		Map<String, Integer> stackSettings = new LinkedHashMap<>();
		stackSettings.put("workers", local.workers());
		stackSettings.put("workerConcurrency", local.workerConcurrency());
		stackSettings.put("apiPoolSize", local.apiPoolSize());
		stackSettings.put("partitions", local.partitions());
		stackSettings.put("connectionCap", local.connectionCap());
		Settings settings = new Settings(this.settings.sizes(), this.settings.repetitions(), this.settings.variants(),
				this.settings.warmUpPhotos(), sluiceWarmUpRates, NaiveThreads.description(), stackSettings,
				ConnectionSampler.INTERVAL_MILLIS);
		List<Timeline> timelines = new ArrayList<>();
		for (List<TimedRun.Result> results : charted.values()) {
			timelines.add(timeline(medianRun(results)));
		}
		Submits concurrentSubmits = withSubmits
				? new Submits(SubmitsScenario.OWNERS, SubmitsScenario.PHOTOS_PER_JOB, coldSubmits, warmSubmits) : null;
		return new BenchReport(machine, Summaries.of(rated, this.settings.sizes(), ORDER), fairness,
				fairnessBehindQueue, settings, rated, timelines, Duration.between(started, Instant.now()).toSeconds(),
				concurrentSubmits, watchers, null);
	}

	private SubmitRound submits(SubmitsScenario scenario, String round, ProgressBar progress) {
		int jobs = this.settings.submitJobsPerOwner();
		AtomicLong done = progress.start(
				String.format(Locale.ROOT, "%-9s %,8d jobs    %d owners at once", "submits",
						SubmitsScenario.OWNERS * jobs, SubmitsScenario.OWNERS) + " " + round,
				SubmitsScenario.OWNERS * jobs);
		SubmitRound result = scenario.round(round, jobs);
		done.set((long) SubmitsScenario.OWNERS * jobs);
		progress.finish(String.format(Locale.ROOT, "%,5.0f submits/s  accept p50 %,.0f ms, p99 %,.0f ms  %d x 503%s",
				result.submitsPerSecond(), result.acceptP50Ms(), result.acceptP99Ms(), result.unavailable(),
				round.equals("warm-up") ? "  (not counted)" : ""));
		return result;
	}

	private Watchers watchers(WatchersScenario scenario, ProgressBar progress) {
		int photos = this.settings.fairnessJobPhotos();
		int jobs = BenchSettings.WATCHER_DRAIN_JOBS;
		int rounds = BenchSettings.WATCHER_ROUNDS;
		String label = label("watchers", photos, "x " + jobs + " + " + this.settings.watchers() + " watchers");
		AtomicLong done = progress.start(label, 2L * rounds * jobs * photos);
		Watchers watchers = scenario.run(this.settings.watchers(), jobs, photos, rounds, done);
		progress.finish(String.format(Locale.ROOT, "GET p99 %s ms, event lag p99 %s ms, drain %.2fx",
				watchers.getP99Ms(), watchers.eventLagP99Ms(), watchers.drainRatio()));
		return watchers;
	}

	private Fairness fairness(FairnessScenario scenario, int bigJobs, ProgressBar progress) {
		int photos = this.settings.fairnessJobPhotos();
		String label = label("fairness", photos,
				((bigJobs == 1) ? "" : "x " + bigJobs + " ") + "+ " + BenchSettings.SMALL_JOBS + " small jobs");
		AtomicLong done = progress.start(label, (long) bigJobs * photos);
		Fairness fairness = scenario.run(bigJobs, photos, done);
		progress.finish(String.format(Locale.ROOT, "small jobs p50 %,d ms, p95 %,d ms (idle p50 %,d ms)",
				fairness.smallJobP50Ms(), fairness.smallJobP95Ms(), fairness.idleSmallJobP50Ms()));
		return fairness;
	}

	/** The run whose throughput is the median of its repetitions: the one to chart. */
	private static TimedRun.Result medianRun(List<TimedRun.Result> results) {
		List<TimedRun.Result> sorted = new ArrayList<>(results);
		sorted.sort(Comparator.comparingDouble((result) -> result.measurement().photosPerSecond()));
		return sorted.get(sorted.size() / 2);
	}

	private static Timeline timeline(TimedRun.Result result) {
		Measurement run = result.measurement();
		String pattern = run.variant().equals("sluice") ? "sluice-%" : "bench-" + run.variant();
		return new Timeline(run.variant(), run.photos(), run.repetition(), pattern, run.elapsedMs(), run.poolTimeouts(),
				result.samples());
	}

	private static String label(String phase, int photos, String variant) {
		return String.format(Locale.ROOT, "%-9s %,8d photos  %s", phase, photos, variant);
	}

	private static String describe(Measurement run, Double ceiling) {
		StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%,9.0f photos/s", run.photosPerSecond()));
		if (ceiling != null) {
			summary.append(String.format(Locale.ROOT, "  %4.2fx ceiling", run.photosPerSecond() / ceiling));
		}
		summary.append(String.format(Locale.ROOT, "  peak %d conn", run.peakConnections()));
		if (run.poolTimeouts() > 0) {
			summary.append(String.format(Locale.ROOT, "  %,d pool timeouts", run.poolTimeouts()));
		}
		return summary.toString();
	}

}
