package io.sluice.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.bench.SluiceClient.JobState;
import io.sluice.bench.SluiceClient.Submitted;
import io.sluice.bench.WatcherLoad.WatchedJob;
import io.sluice.bench.report.BenchReport.ConnectionSample;
import io.sluice.bench.report.BenchReport.Watchers;
import io.sluice.bench.report.Statistics;
import io.sluice.common.job.JobStatus;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.DevTokens;
import io.sluice.local.LocalStack;
import io.sluice.local.ServiceProcess;

/**
 * Many users at once: {@code W} owners each follow a job of their own with an event
 * stream and poll it once a second, while 100,000-photo jobs drain. The drain runs
 * without and with the watchers, interleaved ({@code rounds} times each), so the
 * throughput cost of the watchers is a ratio within one run.
 * <p>
 * The watchers' jobs are rows the benchmark writes into {@code import_job} itself,
 * {@code RUNNING}, one per owner, and moves (one more photo written, {@code updated_at}
 * from {@code clock_timestamp()}) every second, half of them every half second: a
 * thousand real imports running at once would be a drain of their own, many times the one
 * measured. The API cannot tell them apart from real jobs: it reads, streams and serves
 * them as any other. They are deleted afterwards.
 * <p>
 * Event lag is the time from a job's change in the database to the client reading its
 * event: the event's id is the row's {@code updated_at} in microseconds by the database's
 * clock, and the receive time is this machine's clock corrected by the offset to the
 * database's, measured before the run (a few {@code clock_timestamp()} reads, the one
 * with the shortest round trip; on one machine the offset is the rounding of two reads of
 * the same clock).
 */
final class WatchersScenario {

	private static final String INSERT_JOBS = """
			INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, updated_at)
			SELECT id, owner, album, %s, 100000, 200, clock_timestamp()
			FROM unnest(?::uuid[], ?::text[], ?::bigint[]) AS t(id, owner, album)
			""".formatted(JobStatus.RUNNING.sql());

	private static final String MOVE_JOBS = """
			UPDATE import_job SET written = written + 1, updated_at = clock_timestamp()
			WHERE id = ANY(?::uuid[])
			""";

	private static final String DELETE_JOBS = "DELETE FROM import_job WHERE id = ANY(?::uuid[])";

	private static final String CLOCK = "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

	private static final Duration WARM_UP = Duration.ofSeconds(5);

	private static final Duration MOVE_PERIOD = Duration.ofMillis(500);

	/**
	 * Longest the API may take to free closed streams' slots: its heartbeat, and more.
	 */
	private static final Duration STREAMS_RELEASED_TIMEOUT = Duration.ofSeconds(60);

	private final LocalStack stack;

	private final SluiceClient client;

	private final SluiceEndToEnd sluice;

	private final BenchDatabase database;

	private final String jwtSecret;

	private final long firstAlbum;

	WatchersScenario(LocalStack stack, SluiceClient client, SluiceEndToEnd sluice, BenchDatabase database,
			String jwtSecret, long firstAlbum) {
		this.stack = stack;
		this.client = client;
		this.sluice = sluice;
		this.database = database;
		this.jwtSecret = jwtSecret;
		this.firstAlbum = firstAlbum;
	}

	/**
	 * Runs the scenario.
	 * @param watchers how many owners follow a job (one stream, one poll a second each)
	 * @param drainJobs how many large jobs each drain submits at once
	 * @param drainJobPhotos photos in each
	 * @param rounds how many drains run with watchers (and as many without)
	 * @param done the photos drained so far
	 * @return the figures
	 */
	Watchers run(int watchers, int drainJobs, int drainJobPhotos, int rounds, AtomicLong done) {
		long offsetMicros = clockOffsetMicros();
		List<WatchedJob> jobs = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		List<String> owners = new ArrayList<>();
		String runTag = Long.toString(System.currentTimeMillis(), 36);
		for (int i = 0; i < watchers; i++) {
			UUID id = UUID.randomUUID();
			ids.add(id);
			String owner = String.format("watcher-%s-%04d", runTag, i);
			owners.add(owner);
			jobs.add(new WatchedJob(id.toString(), DevTokens.mint(this.jwtSecret, owner, Duration.ofHours(2))));
		}
		insertJobs(ids, owners);
		List<Double> without = new ArrayList<>();
		List<Double> with = new ArrayList<>();
		List<ConnectionSample> withoutConnections = new ArrayList<>();
		List<ConnectionSample> withConnections = new ArrayList<>();
		Cpu cpuWithout = new Cpu();
		Cpu cpuWith = new Cpu();
		long album = this.firstAlbum;
		List<Double> getMs = new ArrayList<>();
		List<Double> lagMs = new ArrayList<>();
		long intended = 0;
		long ok = 0;
		long notModified = 0;
		long failed = 0;
		long events = 0;
		long refused = 0;
		long endedEarly = 0;
		int opened = 0;
		double windowSeconds = 0;
		try {
			for (int round = 1; round <= rounds; round++) {
				// without, then with, every round
				for (int phase = 0; phase < 2; phase++) {
					boolean withWatchers = phase == 1;
					if (!withWatchers) {
						without.add(drain(drainJobs, drainJobPhotos, album, done, cpuWithout, withoutConnections));
						album += drainJobs;
						continue;
					}
					// the last round's streams hold the API's slots until it notices they
					// have gone (at its next heartbeat): 1,000 new ones would be refused
					awaitStreamsReleased();
					ScheduledExecutorService mover = Executors.newSingleThreadScheduledExecutor();
					try (WatcherLoad load = new WatcherLoad(this.stack.apiUrl(),
							() -> micros(Instant.now()) + offsetMicros)) {
						load.start(jobs, Duration.ofSeconds(120));
						opened = Math.max(opened, load.streamsOpen());
						mover.scheduleAtFixedRate(moveHalf(ids), 0, MOVE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
						TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());
						load.record(true);
						long start = System.nanoTime();
						with.add(drain(drainJobs, drainJobPhotos, album, done, cpuWith, withConnections));
						album += drainJobs;
						load.record(false);
						windowSeconds += (System.nanoTime() - start) / 1e9;
						getMs.addAll(load.getMillis().values());
						lagMs.addAll(load.lagMillis().values());
						intended += load.intendedGets();
						ok += load.okGets();
						notModified += load.notModifiedGets();
						failed += load.failedGets();
						events += load.events();
						refused += load.streamsRefused();
						endedEarly += load.streamsEnded();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new BenchmarkFailure("Interrupted while the watchers ran", ex);
					}
					finally {
						mover.shutdownNow();
					}
				}
			}
		}
		finally {
			deleteJobs(ids);
		}
		double withMedian = Statistics.median(with);
		double withoutMedian = Statistics.median(without);
		return new Watchers(watchers, opened, refused, endedEarly, drainJobs, drainJobPhotos, rounds,
				Math.round(windowSeconds), intended, ok, notModified, failed, (ok + notModified) / windowSeconds,
				percentile(getMs, 50), percentile(getMs, 95), percentile(getMs, 99), percentile(getMs, 100), events,
				percentile(lagMs, 50), percentile(lagMs, 95), percentile(lagMs, 99), percentile(lagMs, 100),
				offsetMicros / 1000.0, withoutMedian, withMedian, withMedian / withoutMedian, without, with,
				peak(withoutConnections, false), peak(withConnections, false), peak(withoutConnections, true),
				peak(withConnections, true), cpuWith.driver(), cpuWith.api(), cpuWithout.api(), cpuWith.workers(),
				cpuWithout.workers(), cpuWith.machine(), cpuWithout.machine(), WatcherLoad.IO_THREADS + 1);
	}

	/**
	 * Waits until the API holds no event stream, as its {@code sluice_api_events_streams}
	 * gauge says: a stream the load driver closed keeps its slot until the API writes to
	 * it again (a heartbeat at most {@code heartbeat-interval}, 15 s, later), and the
	 * instance serves at most {@code max-streams} (1,000) at once.
	 */
	private void awaitStreamsReleased() {
		URI metrics = URI.create("http://127.0.0.1:" + this.stack.api().managementPort() + "/actuator/prometheus");
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + STREAMS_RELEASED_TIMEOUT.toNanos();
		double open = -1;
		while (System.nanoTime() < deadline) {
			open = openStreams(http, metrics);
			if (open == 0) {
				return;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BenchmarkFailure("Interrupted while the API released its streams", ex);
			}
		}
		throw new BenchmarkFailure("The API still held " + open + " event streams "
				+ STREAMS_RELEASED_TIMEOUT.toSeconds() + " s after the watchers closed theirs");
	}

	private static double openStreams(HttpClient http, URI metrics) {
		try {
			String text = http
				.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			return text.lines()
				.filter((line) -> line.startsWith("sluice_api_events_streams"))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkFailure("Interrupted while reading the API's metrics", ex);
		}
	}

	/**
	 * Submits the large jobs at once and waits for them all.
	 * @return photos per second, from the first request to the last {@code finishedAt}
	 */
	private double drain(int jobs, int photos, long firstAlbum, AtomicLong done, Cpu cpu,
			List<ConnectionSample> connections) {
		this.database.reset();
		List<PhotoSet> sets = new ArrayList<>();
		List<byte[]> bodies = new ArrayList<>();
		for (int i = 0; i < jobs; i++) {
			PhotoSet set = PhotoSet.of(firstAlbum + i, photos);
			sets.add(set);
			bodies.add(set.jobRequest());
		}
		List<Submitted> submitted = new ArrayList<>();
		Instant last = Instant.MIN;
		try (ConnectionSampler sampler = ConnectionSampler.start(this.database.infrastructure(), "sluice-api")) {
			cpu.begin();
			for (byte[] body : bodies) {
				submitted.add(this.client.submit(body));
			}
			for (int i = 0; i < jobs; i++) {
				JobState state = this.sluice.awaitTerminal(submitted.get(i), SluiceEndToEnd.timeoutFor(photos), null);
				if (!state.status().equals("COMPLETED") || state.written() != photos) {
					throw new BenchmarkFailure("Drain job " + submitted.get(i).id() + " of " + photos + " photos ended "
							+ state.status() + " with " + state.written() + " written");
				}
				if (state.finishedAt().isAfter(last)) {
					last = state.finishedAt();
				}
				done.addAndGet(photos);
			}
			cpu.end();
			connections.addAll(TimedRun.samplesOf(sampler));
		}
		double seconds = Duration.between(submitted.get(0).sent(), last).toNanos() / 1e9;
		return (double) jobs * photos / seconds;
	}

	private Runnable moveHalf(List<UUID> ids) {
		AtomicLong ticks = new AtomicLong();
		List<UUID> even = new ArrayList<>();
		List<UUID> odd = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			((i % 2 == 0) ? even : odd).add(ids.get(i));
		}
		return () -> {
			try {
				execute(MOVE_JOBS, (ticks.getAndIncrement() % 2 == 0) ? even : odd);
			}
			catch (RuntimeException ex) {
				// a missed move is a missed event, not a broken run
			}
		};
	}

	private void insertJobs(List<UUID> ids, List<String> owners) {
		try (Connection connection = this.database.connect("bench-watchers");
				PreparedStatement insert = connection.prepareStatement(INSERT_JOBS)) {
			Long[] albums = new Long[ids.size()];
			for (int i = 0; i < ids.size(); i++) {
				albums[i] = this.firstAlbum + 500_000_000L + i;
			}
			insert.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
			insert.setArray(2, connection.createArrayOf("text", owners.toArray()));
			insert.setArray(3, connection.createArrayOf("bigint", albums));
			insert.executeUpdate();
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not write the watchers' jobs", ex);
		}
	}

	private void deleteJobs(List<UUID> ids) {
		execute(DELETE_JOBS, ids);
	}

	private void execute(String sql, List<UUID> ids) {
		try (Connection connection = this.database.connect("bench-watchers");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			Array array = connection.createArrayOf("uuid", ids.toArray());
			statement.setArray(1, array);
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not change the watchers' jobs", ex);
		}
	}

	/**
	 * The database's clock minus this machine's, in microseconds, from the read with the
	 * shortest round trip of twenty.
	 */
	private long clockOffsetMicros() {
		try (Connection connection = this.database.connect("bench-clock");
				PreparedStatement clock = connection.prepareStatement(CLOCK)) {
			long best = Long.MAX_VALUE;
			long offset = 0;
			for (int i = 0; i < 20; i++) {
				long before = micros(Instant.now());
				long database;
				try (ResultSet rs = clock.executeQuery()) {
					rs.next();
					database = rs.getLong(1);
				}
				long after = micros(Instant.now());
				if (after - before < best) {
					best = after - before;
					offset = database - (before + after) / 2;
				}
			}
			return offset;
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not read the database's clock", ex);
		}
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
	}

	private static Double percentile(List<Double> values, double p) {
		return values.isEmpty() ? null : Statistics.percentile(values, p);
	}

	private static int peak(List<ConnectionSample> samples, boolean busy) {
		return samples.stream().mapToInt((sample) -> busy ? sample.busy() : sample.open()).max().orElse(0);
	}

	/** CPU seconds per second of wall time over the drains of one kind, summed. */
	private final class Cpu {

		private double driver;

		private double api;

		private double workers;

		private double machine;

		private double wall;

		private double[] start;

		private long startNanos;

		void begin() {
			this.start = read();
			this.startNanos = System.nanoTime();
		}

		void end() {
			double[] end = read();
			this.wall += (System.nanoTime() - this.startNanos) / 1e9;
			this.driver += delta(this.start[0], end[0]);
			this.api += delta(this.start[1], end[1]);
			this.workers += delta(this.start[2], end[2]);
			this.machine += delta(this.start[3], end[3]);
		}

		private double[] read() {
			List<Long> workerPids = WatchersScenario.this.stack.workers().stream().map(ServiceProcess::pid).toList();
			return new double[] { CpuClock.self(), CpuClock.of(List.of(WatchersScenario.this.stack.api().pid())),
					CpuClock.of(workerPids), CpuClock.machine() };
		}

		private static double delta(double from, double to) {
			return (from < 0 || to < 0 || Double.isNaN(from)) ? Double.NaN : to - from;
		}

		Double driver() {
			return cores(this.driver);
		}

		Double api() {
			return cores(this.api);
		}

		Double workers() {
			return cores(this.workers);
		}

		Double machine() {
			return cores(this.machine);
		}

		private Double cores(double seconds) {
			return (Double.isNaN(seconds) || this.wall == 0) ? null : Math.round(seconds / this.wall * 100) / 100.0;
		}

	}

}
