package io.sluice.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.sluice.faults.FaultClient.JobView;
import io.sluice.embedded.SamplingThreads;

/**
 * Reads one job's progress through the API every {@value #INTERVAL_MILLIS} ms, together
 * with how many workers were working at that moment, and turns the series into photos per
 * second per worker count: each interval between two readings counts for the worker count
 * at its start. Stops counting once the job has ended.
 */
final class ThroughputLog implements AutoCloseable {

	/** Time between two readings. */
	static final long INTERVAL_MILLIS = 500;

	private final ScheduledExecutorService scheduler = SamplingThreads.daemonScheduler("throughput-log");

	private final List<Reading> readings = new ArrayList<>();

	private final FaultClient client;

	private final UUID jobId;

	private final IntSupplier workers;

	private ThroughputLog(FaultClient client, UUID jobId, IntSupplier workers) {
		this.client = client;
		this.jobId = jobId;
		this.workers = workers;
	}

	/**
	 * Starts reading.
	 * @param client the API
	 * @param jobId the job to follow
	 * @param workers how many workers are working now
	 * @return the running log; close it to stop
	 */
	static ThroughputLog start(FaultClient client, UUID jobId, IntSupplier workers) {
		ThroughputLog log = new ThroughputLog(client, jobId, workers);
		log.scheduler.scheduleAtFixedRate(log::read, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		return log;
	}

	private void read() {
		int working = this.workers.getAsInt();
		Optional<JobView> view = this.client.read(this.jobId);
		long at = System.nanoTime();
		view.ifPresent((seen) -> {
			synchronized (this.readings) {
				this.readings
					.add(new Reading(at, working, seen.written() + seen.duplicate() + seen.failed(), seen.terminal()));
			}
		});
	}

	/** The job's latest view was not terminal, as far as this log has read. */
	boolean jobRunning() {
		synchronized (this.readings) {
			return this.readings.isEmpty() || !this.readings.get(this.readings.size() - 1).ended();
		}
	}

	/**
	 * Photos the job had processed (written, duplicate or failed) at the last reading.
	 */
	int processed() {
		synchronized (this.readings) {
			return this.readings.isEmpty() ? 0 : this.readings.get(this.readings.size() - 1).processed();
		}
	}

	/** Photos processed per second for each worker count, fewest workers first. */
	List<Rate> rates() {
		List<Reading> series;
		synchronized (this.readings) {
			series = List.copyOf(this.readings);
		}
		Map<Integer, long[]> byWorkers = new TreeMap<>();
		for (int i = 1; i < series.size(); i++) {
			Reading from = series.get(i - 1);
			Reading to = series.get(i);
			if (from.ended()) {
				break;
			}
			long[] totals = byWorkers.computeIfAbsent(from.workers(), (count) -> new long[2]);
			totals[0] += to.processed() - from.processed();
			totals[1] += to.atNanos() - from.atNanos();
		}
		List<Rate> rates = new ArrayList<>();
		byWorkers.forEach((count, totals) -> rates.add(new Rate(count, totals[0], totals[1] / 1e9)));
		return rates;
	}

	/** The rates as a Markdown table. */
	String table() {
		StringBuilder table = new StringBuilder("| workers | photos/s | seconds observed | photos |\n")
			.append("| ---: | ---: | ---: | ---: |\n");
		for (Rate rate : rates()) {
			table.append(String.format(Locale.ROOT, "| %d | %,.0f | %.1f | %,d |%n", rate.workers(),
					rate.photosPerSecond(), rate.seconds(), rate.photos()));
		}
		return table.toString();
	}

	@Override
	public void close() {
		SamplingThreads.stop(this.scheduler);
	}

	private record Reading(long atNanos, int workers, int processed, boolean ended) {

	}

	/**
	 * The job's pace while a number of workers worked.
	 *
	 * @param workers how many
	 * @param photos photos processed meanwhile
	 * @param seconds how long that many worked while the job ran
	 */
	record Rate(int workers, long photos, double seconds) {

		double photosPerSecond() {
			return (this.seconds > 0) ? this.photos / this.seconds : 0;
		}

	}

}
