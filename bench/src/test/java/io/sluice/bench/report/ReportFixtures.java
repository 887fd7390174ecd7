package io.sluice.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sluice.bench.report.BenchReport.ConnectionSample;
import io.sluice.bench.report.BenchReport.Fairness;
import io.sluice.bench.report.BenchReport.Machine;
import io.sluice.bench.report.BenchReport.Measurement;
import io.sluice.bench.report.BenchReport.Settings;
import io.sluice.bench.report.BenchReport.SubmitRound;
import io.sluice.bench.report.BenchReport.Submits;
import io.sluice.bench.report.BenchReport.Timeline;
import io.sluice.bench.report.BenchReport.Watchers;

/**
 * A report with plausible figures for three sizes, for tests of the report's outputs.
 */
final class ReportFixtures {

	private static final List<String> ORDER = List.of("ceiling", "tuned-batch", "naive", "sluice");

	private ReportFixtures() {
	}

	static BenchReport aReport() {
		return aReport(List.of(1_000, 10_000, 100_000), 3, true);
	}

	/** The smoke run's shape: one size, one repetition, and no naive timeline. */
	static BenchReport aSmokeReport() {
		return aReport(List.of(1_000), 1, false);
	}

	private static BenchReport aReport(List<Integer> sizes, int repetitions, boolean naiveTimeline) {
		Map<String, Double> speed = Map.of("ceiling", 100_000.0, "tuned-batch", 90_000.0, "naive", 4_000.0, "sluice",
				70_000.0);
		List<Measurement> runs = new ArrayList<>();
		for (int repetition = 1; repetition <= repetitions; repetition++) {
			for (int size : sizes) {
				for (String variant : ORDER) {
					double pps = speed.get(variant) * (size == 1_000 ? 0.3 : 1) * (0.95 + 0.05 * repetition);
					int timeouts = (variant.equals("naive") && size == 100_000) ? 55_000 + repetition * 100 : 0;
					boolean sluice = variant.equals("sluice");
					runs.add(new Measurement(repetition, variant, size, repetition * 10L + size, size / pps * 1000, pps,
							null, sluice ? 10 : variant.equals("naive") ? 5 : 1, 4, timeouts, timeouts, size - timeouts,
							true, sluice ? 120.0 + repetition : null, sluice ? 40.0 : null,
							sluice ? size / pps * 1000 + 50 : null, sluice ? "job-" + repetition : null));
				}
			}
		}
		List<Measurement> rated = Summaries.withRatios(runs);
		List<ConnectionSample> naive = new ArrayList<>();
		List<ConnectionSample> sluice = new ArrayList<>();
		for (int at = 0; at <= 14_000; at += 20) {
			naive.add(new ConnectionSample(at, 5, (at % 100 == 0) ? 4 : 5, Math.max(0, 95_000 - at * 7)));
		}
		for (int at = 0; at <= 1_600; at += 20) {
			sluice.add(new ConnectionSample(at, 10, (at < 300) ? 1 : 4 + (at / 20) % 2, 0));
		}
		Map<String, String> postgres = new LinkedHashMap<>();
		postgres.put("synchronous_commit", "on");
		Machine machine = new Machine(2, 24L << 30, "AMD EPYC", "Debian GNU/Linux 12", "OpenJDK 25",
				"openjdk version \"17.0.15\"", "17.7", postgres, "embedded", "2025-01-01T00:00:00Z");
		Map<String, Integer> stack = new LinkedHashMap<>();
		stack.put("workers", 2);
		stack.put("workerConcurrency", 2);
		stack.put("apiPoolSize", 4);
		stack.put("partitions", 6);
		stack.put("connectionCap", 10);
		Settings settings = new Settings(sizes, repetitions, ORDER, 5_000, List.of(41_000L, 97_000L),
				"one virtual thread per photo", stack, 20);
		Fairness fairness = new Fairness(900, 1_400, 1_500, 30, 1, 100_000, 1_700, 20, 20, 20, 3, 15.0, 40.0, 10,
				List.of(900L));
		int largest = sizes.get(sizes.size() - 1);
		List<Timeline> timelines = new ArrayList<>();
		if (naiveTimeline) {
			timelines.add(new Timeline("naive", largest, 2, "bench-naive", 14_000, 55_200, naive));
		}
		timelines.add(new Timeline("sluice", largest, 2, "sluice-%", 1_600, 0, sluice));
		Submits submits = new Submits(32, 1,
				new SubmitRound(40, 1_280, 1_279, 1, 1, 0, 2_600, 492, 48, 80, 95, 140, 900, 0.35, 1_279),
				new SubmitRound(40, 1_280, 1_280, 0, 0, 0, 2_400, 533, 45, 70, 88, 120, 850, 0.35, 1_280));
		return new BenchReport(machine, Summaries.of(rated, sizes, ORDER), fairness, fairness, settings, rated,
				timelines, 300, submits, aWatchersRun(), null);
	}

	static Watchers aWatchersRun() {
		return new Watchers(1_000, 1_000, 0, 0, 3, 100_000, 2, 24, 24_000, 1_200, 22_700, 100, 995.8, 4.0, 9.0, 18.0,
				140.0, 23_500, 310.0, 520.0, 640.0, 900.0, 0.004, 110_000, 101_000, 0.92, List.of(108_000.0, 112_000.0),
				List.of(99_000.0, 103_000.0), 4, 4, 2, 3, 0.21, 0.55, 0.30, 0.48, 0.52, 1.97, 1.95, 3);
	}

}
