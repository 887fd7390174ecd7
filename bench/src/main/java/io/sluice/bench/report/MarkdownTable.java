package io.sluice.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sluice.bench.report.BenchReport.Fairness;
import io.sluice.bench.report.BenchReport.Machine;
import io.sluice.bench.report.BenchReport.SubmitRound;
import io.sluice.bench.report.BenchReport.Submits;
import io.sluice.bench.report.BenchReport.VariantSummary;
import io.sluice.bench.report.BenchReport.Watchers;

/**
 * The report as Markdown: one row per size and variant and the fairness figures, then the
 * concurrent submits, the watchers and the scale scenarios (each when it ran), then the
 * machine.
 */
public final class MarkdownTable {

	private static final Pattern JAVA_VERSION = Pattern.compile("(\\d+\\.\\d+(\\.\\d+)*)");

	private MarkdownTable() {
	}

	public static String of(BenchReport report) {
		StringBuilder md = new StringBuilder();
		if (!report.runs().isEmpty()) {
			runs(report, md);
		}
		if (report.submits() != null) {
			md.append(md.isEmpty() ? "" : "\n").append(submits(report.submits()));
		}
		if (report.watchers() != null) {
			md.append(md.isEmpty() ? "" : "\n").append(watchers(report.watchers()));
		}
		if (report.scale() != null) {
			md.append(md.isEmpty() ? "" : "\n")
				.append("Scale: one job against a database that looks far away, by worker count.\n\n")
				.append(ScaleTable.of(report.scale()));
		}
		md.append('\n').append(machine(report.machine())).append('\n');
		return md.toString();
	}

	private static void runs(BenchReport report, StringBuilder md) {
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
	}

	/** The concurrent submits scenario: a table of its two rounds and how to read it. */
	static String submits(Submits submits) {
		StringBuilder md = new StringBuilder();
		md.append("| submits | jobs | submits/s | accept p50 | p95 | p99 | max | 503s | publish timeouts | "
				+ "load driver CPU |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		submitRound(md, "cold", submits.cold());
		submitRound(md, "warm", submits.warm());
		md.append('\n');
		md.append(String.format(Locale.ROOT,
				"Concurrent submits: %d owners, each with its own token and album, send %d-photo jobs one after "
						+ "another, all at once: cold right after the stack started, warm after every other run and "
						+ "an untimed round like it. Submits/s counts 202s over the round's wall time; every accepted "
						+ "job was checked COMPLETED with its row. Load driver CPU: the benchmark JVM's, in cores, "
						+ "on the same machine.%n",
				submits.owners(), submits.photosPerJob()));
		return md.toString();
	}

	private static void submitRound(StringBuilder md, String name, SubmitRound round) {
		md.append(String.format(Locale.ROOT,
				"| %s | %,d | %,.0f | %,.0f ms | %,.0f ms | %,.0f ms | %,.0f ms | %d | %d | %.2f cores |%n", name,
				round.submits(), round.submitsPerSecond(), round.acceptP50Ms(), round.acceptP95Ms(),
				round.acceptP99Ms(), round.acceptMaxMs(), round.unavailable(), round.publishTimeouts(),
				round.driverCores()));
	}

	/** The watchers scenario: one paragraph and a small table. */
	static String watchers(Watchers w) {
		StringBuilder md = new StringBuilder();
		md.append(String.format(Locale.ROOT,
				"Watchers: %,d owners each followed a job of their own with an event stream (%,d open) and polled it "
						+ "once a second, while %d job%s of %,d photos drained; %d drain%s with watchers and as many "
						+ "without, interleaved (%,d s measured with watchers).%n%n",
				w.watchers(), w.streamsOpened(), w.drainJobs(), (w.drainJobs() == 1) ? "" : "s", w.drainJobPhotos(),
				w.rounds(), (w.rounds() == 1) ? "" : "s", w.windowSeconds()));
		md.append("| measure | value |\n| --- | ---: |\n");
		row(md, "GET p50 / p95 / p99 / max (ms, from when due)", String.format(Locale.ROOT, "%s / %s / %s / %s",
				ms(w.getP50Ms()), ms(w.getP95Ms()), ms(w.getP99Ms()), ms(w.getMaxMs())));
		row(md, "GETs intended / 200 / 304 / failed", String.format(Locale.ROOT, "%,d / %,d / %,d / %,d",
				w.getsIntended(), w.getsOk(), w.getsNotModified(), w.getsFailed()));
		row(md, "GETs served per second", String.format(Locale.ROOT, "%,.0f", w.getsServedPerSecond()));
		row(md, "event lag p50 / p95 / p99 / max (ms, database change to event read)",
				String.format(Locale.ROOT, "%s / %s / %s / %s", ms(w.eventLagP50Ms()), ms(w.eventLagP95Ms()),
						ms(w.eventLagP99Ms()), ms(w.eventLagMaxMs())));
		row(md, "events received", String.format(Locale.ROOT, "%,d", w.events()));
		row(md, "streams refused / ended early",
				String.format(Locale.ROOT, "%,d / %,d", w.streamsRefused(), w.streamsEndedEarly()));
		row(md, "drain photos/s without / with watchers (median)", String.format(Locale.ROOT, "%,.0f / %,.0f (%.2fx)",
				w.drainPhotosPerSecondWithout(), w.drainPhotosPerSecondWith(), w.drainRatio()));
		row(md, "API connections open (busy), without / with",
				String.format(Locale.ROOT, "%d (%d) / %d (%d)", w.apiConnectionsWithout(),
						w.apiBusyConnectionsWithout(), w.apiConnectionsWith(), w.apiBusyConnectionsWith()));
		row(md, "CPU cores with watchers: driver / API / workers / machine",
				String.format(Locale.ROOT, "%s / %s / %s / %s", cores(w.driverCpuCores()), cores(w.apiCpuCoresWith()),
						cores(w.workersCpuCoresWith()), cores(w.machineCpuCoresWith())));
		row(md, "CPU cores without watchers: API / workers / machine", String.format(Locale.ROOT, "%s / %s / %s",
				cores(w.apiCpuCoresWithout()), cores(w.workersCpuCoresWithout()), cores(w.machineCpuCoresWithout())));
		row(md, "clock offset corrected (database minus driver, ms)",
				String.format(Locale.ROOT, "%.3f", w.clockOffsetMs()));
		return md.toString();
	}

	private static void row(StringBuilder md, String measure, String value) {
		md.append("| ").append(measure).append(" | ").append(value).append(" |\n");
	}

	private static String ms(Double value) {
		return (value == null) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String cores(Double value) {
		return (value == null) ? "-" : String.format(Locale.ROOT, "%.2f", value);
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
