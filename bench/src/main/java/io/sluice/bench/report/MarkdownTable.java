package io.sluice.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sluice.bench.report.BenchReport.Fairness;
import io.sluice.bench.report.BenchReport.Machine;
import io.sluice.bench.report.BenchReport.VariantSummary;

/**
 * The report as Markdown: one row per size and variant, then the fairness figures, the
 * scale table (each part when it ran) and the machine.
 */
public final class MarkdownTable {

	private static final Pattern JAVA_VERSION = Pattern.compile("(\\d+\\.\\d+(\\.\\d+)*)");

	private MarkdownTable() {
	}

	public static String of(BenchReport report) {
		StringBuilder md = new StringBuilder();
		if (!report.runs().isEmpty()) {
			variants(report, md);
		}
		if (report.scale() != null) {
			md.append("Scale: one job against a database that looks far away, by worker count.\n\n");
			md.append(ScaleTable.of(report.scale())).append('\n');
		}
		md.append(machine(report.machine())).append('\n');
		return md.toString();
	}

	private static void variants(BenchReport report, StringBuilder md) {
		md.append(
				"| photos | variant | photos/s | × ceiling | peak connections | pool timeouts | failed photos | notes |\n");
		md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
		for (VariantSummary run : report.runs()) {
			md.append(String.format(Locale.ROOT, "| %,d | %s | %,.0f | %.2f | %d | %,d | %,d | %s |%n", run.photos(),
					run.variant(), run.photosPerSecond(), run.ratioToCeiling(), run.peakConnections(),
					run.poolTimeouts(), run.failedPhotos(), notes(run)));
		}
		md.append('\n');
		int repetitions = report.settings().repetitions();
		md.append(String.format(Locale.ROOT,
				"Medians of %d repetition%s, variants interleaved, table truncated before every run; rows counted "
						+ "after every run. Photos/s counts photos written (failed ones are not throughput); × ceiling "
						+ "is against COPY in the same repetition. Peak connections: the variant's own, sampled from "
						+ "`pg_stat_activity` every %d ms. Naive variant: %s.%n",
				repetitions, (repetitions == 1) ? "" : "s", report.settings().sampleIntervalMs(),
				report.settings().naiveThreads()));
		List<Long> warmUp = report.settings().sluiceWarmUpPhotosPerSecond();
		if (!warmUp.isEmpty()) {
			int largest = report.settings().sizes().stream().max(Integer::compare).orElseThrow();
			md.append(String.format(Locale.ROOT,
					"Before the timed runs the API and the workers were warmed with %d untimed Sluice job%s of %,d "
							+ "photos (%s photos/s in turn: the services start cold).%n",
					warmUp.size(), (warmUp.size() == 1) ? "" : "s", largest,
					warmUp.stream()
						.map((rate) -> String.format(Locale.ROOT, "%,d", rate))
						.collect(Collectors.joining(" → "))));
		}
		for (Fairness fairness : new Fairness[] { report.fairness(), report.fairnessBehindQueue() }) {
			if (fairness != null) {
				md.append('\n');
				md.append(String.format(Locale.ROOT,
						"Fairness: %d jobs of %d photos sent one after another right after %s accepted "
								+ "(%d of them before the last finished): request → finished p50 %,d ms, p95 %,d ms; the "
								+ "same job on an idle system: p50 %,d ms. %d of %d finished before the large %s, "
								+ "which took %,d ms.%n",
						fairness.smallJobs(), fairness.smallJobPhotos(), bigJobs(fairness),
						fairness.smallJobsSubmittedWhileBigJobRan(), fairness.smallJobP50Ms(), fairness.smallJobP95Ms(),
						fairness.idleSmallJobP50Ms(), fairness.smallJobsFinishedBeforeBigJob(), fairness.smallJobs(),
						(fairness.bigJobs() == 1) ? "job" : "jobs", fairness.bigJobMs()));
			}
		}
		md.append('\n');
	}

	private static String bigJobs(Fairness fairness) {
		return (fairness.bigJobs() == 1) ? String.format(Locale.ROOT, "a %,d-photo job was", fairness.bigJobPhotos())
				: String.format(Locale.ROOT, "%d jobs of %,d photos each were", fairness.bigJobs(),
						fairness.bigJobPhotos());
	}

	/** One line about the machine, for under the table. */
	public static String machine(Machine machine) {
		return String.format(Locale.ROOT,
				"Machine: %d cores (%s), %.0f GiB, %s; PostgreSQL %s, synchronous_commit=%s; API and workers on "
						+ "Java %s, benchmark JVM Java %s; %s.",
				machine.cores(), machine.cpu(), machine.memoryBytes() / (1024.0 * 1024 * 1024), machine.os(),
				machine.postgres(), machine.postgresSettings().getOrDefault("synchronous_commit", "?"),
				javaVersion(machine.serviceJava()), javaVersion(machine.benchJava()), machine.timestamp());
	}

	/**
	 * {@code 17.0.15} from {@code openjdk version "17.0.15" 2025-04-15}, and the like.
	 */
	static String javaVersion(String description) {
		Matcher matcher = JAVA_VERSION.matcher(description);
		return matcher.find() ? matcher.group(1) : description;
	}

	private static String notes(VariantSummary run) {
		if (run.acceptLatencyP50Ms() != null) {
			String notes = String.format(Locale.ROOT, "accept p50 %,.0f ms / p99 %,.0f ms", run.acceptLatencyP50Ms(),
					run.acceptLatencyP99Ms());
			if (run.acceptToFirstChunkMs() != null) {
				double toFirstChunk = run.acceptToFirstChunkMs();
				notes += (toFirstChunk >= 0)
						? String.format(Locale.ROOT, "; first chunk written %,.0f ms after the 202", toFirstChunk)
						: String.format(Locale.ROOT, "; first chunk written %,.0f ms before the 202 arrived",
								-toFirstChunk);
			}
			return notes;
		}
		if (run.maxPoolTimeouts() > 0) {
			return String.format(Locale.ROOT, "up to %,d timeouts in one run", run.maxPoolTimeouts());
		}
		return "";
	}

}
