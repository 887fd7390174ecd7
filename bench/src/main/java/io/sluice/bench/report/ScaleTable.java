package io.sluice.bench.report;

import java.util.Locale;

import io.sluice.bench.report.BenchReport.Scale;
import io.sluice.bench.report.BenchReport.ScalePoint;

/**
 * The scale scenario as Markdown: one row per distance and worker count, then how it was
 * measured.
 */
public final class ScaleTable {

	private ScaleTable() {
	}

	public static String of(Scale scale) {
		StringBuilder md = new StringBuilder();
		md.append("| one-way latency | workers | photos/s | × 1 worker | slowest – fastest | drain | transactions "
				+ "| machine busy | PostgreSQL cores | worker cores |\n");
		md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (ScalePoint point : scale.points()) {
			md.append(String.format(Locale.ROOT,
					"| %d ms | %d | %,.0f | %s | %,.0f – %,.0f | %,.0f ms | %.0f | %s | %s | %s |%n",
					point.distanceMs(), point.workers(), point.photosPerSecond(), ratio(point.ratioToOneWorker()),
					point.minPhotosPerSecond(), point.maxPhotosPerSecond(), point.drainMs(), point.transactions(),
					percent(point.machineBusy()), cores(point.postgresCores()), cores(point.workerCores())));
		}
		md.append('\n');
		md.append(String.format(Locale.ROOT,
				"One job of %,d photos in chunks of %d, up to %d chunks per poll and transaction, %d partitions; "
						+ "workers of %d consumer threads (%d connections each) under a fleet budget of %d; every "
						+ "packet between the workers and PostgreSQL delayed by the one-way latency in each direction "
						+ "(LatencyProxy), the API direct. Medians of %d job%s per row, distances interleaved, photo "
						+ "table truncated before each; photos/s from the 202 to the job's finishedAt; transactions: how many "
						+ "wrote the job's chunks. Workers were "
						+ "started together, warmed with %d untimed job%s, then stopped one by one (SIGTERM) from the "
						+ "most to one, each count proven settled by an untimed job. Machine busy: all cores, anything "
						+ "running; PostgreSQL and worker cores: CPU time of their processes over the drain. Worker "
						+ "connections peaked at %d of the budget's %d in pg_stat_activity.%n",
				scale.photos(), scale.chunkPhotos(), scale.maxPollRecords(), scale.partitions(),
				scale.workerConcurrency(), scale.workerConcurrency() + 1, scale.connectionBudget(), scale.repetitions(),
				(scale.repetitions() == 1) ? "" : "s", scale.warmUpJobs(), (scale.warmUpJobs() == 1) ? "" : "s",
				scale.peakWorkerConnections(), scale.connectionBudget()));
		return md.toString();
	}

	private static String ratio(Double ratio) {
		return (ratio != null) ? String.format(Locale.ROOT, "%.2f", ratio) : "–";
	}

	private static String percent(Double share) {
		return (share != null) ? String.format(Locale.ROOT, "%.0f %%", share * 100) : "–";
	}

	private static String cores(Double cores) {
		return (cores != null) ? String.format(Locale.ROOT, "%.2f", cores) : "–";
	}

}
