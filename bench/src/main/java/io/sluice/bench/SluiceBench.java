package io.sluice.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sluice.bench.report.BenchReport;
import io.sluice.bench.report.MarkdownTable;
import io.sluice.bench.report.ReportFiles;

/**
 * The benchmark's command line:
 * {@code ./sluice-bench [--sizes=1000,10000,100000] [--repetitions=3] [--smoke] [--out=bench/target]}.
 */
public final class SluiceBench {

	private static final String THROUGHPUT = "throughput";

	private static final String SCALE = "scale";

	private static final String ALL = "all";

	private static final String SHARED_BUCKET = "shared-bucket";

	private SluiceBench() {
	}

	public static void main(String[] args) {
		Map<String, String> options;
		BenchSettings settings;
		String scenario;
		ScaleSettings scale;
		try {
			options = parse(args);
			if (options.containsKey("help")) {
				System.out.println(usage());
				return;
			}
			settings = BenchSettings.of(options, System.getenv());
			if (options.containsKey("render")) {
				render(Path.of(options.get("render")), settings.out());
				return;
			}
			scenario = options.getOrDefault("scenario", THROUGHPUT);
			if (!List.of(THROUGHPUT, SCALE, ALL, SHARED_BUCKET).contains(scenario)) {
				throw new IllegalArgumentException(
						"--scenario is one of throughput, scale, all, shared-bucket; not '" + scenario + "'");
			}
			scale = (scenario.equals(SCALE) || scenario.equals(ALL)) ? ScaleSettings.of(options) : null;
			if (scale != null && settings.external() != null) {
				throw new IllegalArgumentException("--scenario=" + scenario
						+ " runs its own PostgreSQL behind a latency proxy; unset SLUICE_BENCH_*");
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(usage());
			System.exit(2);
			return;
		}
		if (scenario.equals(SCALE)) {
			runScale(scale, Instant.now(), null);
			return;
		}
		if (scenario.equals(SHARED_BUCKET)) {
			try {
				System.out.println();
				System.out.println(new SharedBucketScenario(settings.home(), settings.out(), System.out).run());
				System.out.printf("Report: %s/bench-shared-bucket.md%n", settings.out());
			}
			catch (BenchmarkFailure ex) {
				fail(ex);
			}
			return;
		}
		if (settings.external() != null) {
			System.out.println(
					"Using " + settings.external().jdbcUrl() + " and Kafka at " + settings.external().bootstrapServers()
							+ ": the benchmark empties its photo table (TRUNCATE photo)" + " before every run.");
		}
		System.out.printf("Sluice benchmark: sizes %s, variants %s, %d repetition(s), naive variant on %s.%n",
				settings.sizes(), settings.variants(), settings.repetitions(), NaiveThreads.description());
		try {
			Instant started = Instant.now();
			BenchReport report = new Benchmark(settings, System.out, System.console() != null).run();
			if (scale != null) {
				runScale(scale, started, report);
				return;
			}
			System.out.println();
			System.out.println(MarkdownTable.of(report));
			System.out.printf("Report: %s/bench-report.{md,json,png} (%d s in all)%n", settings.out(),
					report.durationSeconds());
		}
		catch (BenchmarkFailure ex) {
			fail(ex);
		}
	}

	/**
	 * Runs the scale scenario and writes the report: its figures alone, or added to the
	 * report of the variants that ran before it.
	 */
	private static void runScale(ScaleSettings scale, Instant started, BenchReport before) {
		System.out.printf(
				"Sluice benchmark, scale scenario: one job of %,d photos, workers %d down to 1, %s ms each way, %d "
						+ "job(s) each.%n",
				scale.photos(), scale.maxWorkers(), scale.distancesMs(), scale.repetitions());
		try {
			ScaleScenario.Outcome outcome = new ScaleScenario(scale, System.out).run();
			long seconds = Duration.between(started, Instant.now()).toSeconds();
			BenchReport report = (before != null) ? before.withScale(outcome.scale(), seconds)
					: new BenchReport(outcome.machine(), List.of(), null, null, null, List.of(), List.of(), seconds,
							null, null, outcome.scale());
			ReportFiles.write(report, scale.out());
			System.out.println();
			System.out.println(MarkdownTable.of(report));
			System.out.printf("Report: %s/bench-report.{md,json}, %s (%d s in all)%n", scale.out(),
					ReportFiles.SCALE_CHART, seconds);
		}
		catch (BenchmarkFailure ex) {
			fail(ex);
		}
	}

	private static void fail(BenchmarkFailure ex) {
		System.err.println();
		System.err.println("Benchmark failed: " + ex.getMessage());
		if (ex.getCause() != null) {
			ex.getCause().printStackTrace();
		}
		System.exit(1);
	}

	private static void render(Path saved, Path out) {
		BenchReport report = ReportFiles.read(saved);
		ReportFiles.write(report, out);
		System.out.printf("Drew %s again: %s/bench-report.{md,json,png}%n", saved, out);
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			if (!Set
				.of("sizes", "variants", "repetitions", "warm-up-jobs", "smoke", "out", "home", "service-java",
						"render", "help", "submit-jobs", "watchers", "only", "scenario", "distances", "max-workers",
						"worker-concurrency")
				.contains(name)) {
				throw new IllegalArgumentException("Unknown option '--" + name + "'");
			}
			options.put(name, (equals < 0) ? "true" : arg.substring(equals + 1));
		}
		return options;
	}

	private static String usage() {
		return """
				Usage: ./sluice-bench [--sizes=1000,10000,100000] [--variants=ceiling,tuned-batch,naive,sluice]
				                      [--repetitions=3] [--warm-up-jobs=8] [--submit-jobs=40] [--watchers=1000]
				                      [--only=submits|watchers] [--smoke] [--out=bench/target]
				                      [--scenario=throughput|scale|all] [--distances=2,10] [--max-workers=6]
				  --variants=V,...   only these variants (the ceiling always runs; fairness and watchers run
				                     with sluice)
				  --warm-up-jobs=N   untimed Sluice jobs of the largest size before the timed runs (the
				                     services' JVMs compile their hot paths under load; 0 measures them cold)
				  --submit-jobs=N    one-photo jobs each of the 32 owners sends per round of concurrent submits
				  --watchers=N       owners that each stream and poll a job of their own while 3 jobs of
				                     100,000 photos drain, with and without them (default 1000; 0 skips it)
				  --only=submits     run the concurrent submits scenario alone (cold, then warm), no variants
				  --only=watchers    run the watchers scenario alone (after --warm-up-jobs drains), no variants
				  --smoke            1,000 photos, one repetition, a 10,000-photo job in the fairness and
				                     watchers scenarios, 2 submit jobs per owner, 20 watchers
				  --service-java=P   the java command that runs the Sluice API and workers (default: this JVM's)
				  --render=FILE      measure nothing: draw a saved bench-report.json again into --out
				  --scenario=S       throughput (the default: the variants, fairness, submits and watchers),
				                     scale, all (both), or shared-bucket (what a rate limit shared by every
				                     API instance would cost: a token-bucket statement per request in
				                     PostgreSQL, about a minute)
				The scale scenario: one 100,000-photo job, the workers behind a latency proxy, workers N down to 1:
				  --distances=2,10   one-way latencies in ms between the workers and PostgreSQL, interleaved
				  --max-workers=6    the most workers (each count down to 1 is measured)
				  --worker-concurrency=2  threads per worker; the budget is max-workers x (threads + 1) + 2
				  --repetitions and --warm-up-jobs apply to it too (defaults there: 3 timed, 3 warm-up jobs)
				The throughput scenario runs a cold round of concurrent submits, the ceiling (COPY), tuned-batch,
				naive and sluice variants against the same photo table, the fairness and watchers scenarios, then
				the warm round of submits, and writes bench-report.md, .json and .png (no chart with --only) to
				--out; the scale scenario adds bench-scale.png.
				Against an existing database and broker instead of embedded ones (the photo table is truncated):
				  SLUICE_BENCH_JDBC_URL, SLUICE_BENCH_USER, SLUICE_BENCH_PASSWORD, SLUICE_BENCH_KAFKA_BOOTSTRAP""";
	}

}
