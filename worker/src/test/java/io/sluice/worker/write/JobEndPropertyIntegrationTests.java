package io.sluice.worker.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.common.job.JobLedger;
import io.sluice.common.job.JobStatus;
import io.sluice.embedded.Infrastructure;
import io.sluice.worker.MigratedDatabase;
import io.sluice.embedded.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The race argument of ADR 0036 as properties, checked against a real PostgreSQL on
 * generated schedules: two jobs' chunks, some delivered twice, some unwritable, some
 * photos already in the album, written alone or in batches that mix the jobs, by four
 * threads at once; a roll-up lost after some commits, as when a worker dies between a
 * chunk's commit and its roll-up; and, in some schedules, a cancel of one job while its
 * chunks are being written. After the reconciler's roll-up, for every schedule:
 * <ul>
 * <li>every job has ended, and one that was not cancelled was ended by exactly one
 * roll-up, {@code COMPLETED_WITH_ERRORS} if and only if a chunk was unwritable;</li>
 * <li>its counters are its ledger's sums and {@code written} is its photo rows:
 * {@code written + duplicate + failed + cancelled = total};</li>
 * <li>a cancelled job's answer was final: no photo of it landed after the cancel
 * answered, and its figures did not move since.</li>
 * </ul>
 * Each schedule comes from a seed, shown in the test's name; set
 * {@code -Dsluice.property.seed=N} to run one again, {@code -Dsluice.property.tries} to
 * run more.
 */
class JobEndPropertyIntegrationTests {

	private static final int WRITERS = 4;

	private static final String OWNER = "property-tests";

	private static final String WRITER_APPLICATION = "sluice-property-writer";

	private static final AtomicInteger albums = new AtomicInteger(1);

	private static HikariDataSource dataSource;

	private static JdbcClient jdbc;

	private static String jdbcUrl;

	private static Infrastructure server;

	@BeforeAll
	static void createTheDatabase() {
		server = TestInfrastructure.shared();
		jdbcUrl = MigratedDatabase.create(server, "job_end");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(server.username());
		config.setPassword(server.password());
		config.setMaximumPoolSize(WRITERS + 2);
		config.addDataSourceProperty("ApplicationName", WRITER_APPLICATION);
		dataSource = new HikariDataSource(config);
		jdbc = JdbcClient.create(dataSource);
	}

	@AfterAll
	static void closeThePool() {
		dataSource.close();
	}

	static Stream<Long> seeds() {
		String seed = System.getProperty("sluice.property.seed");
		if (seed != null) {
			return Stream.of(Long.parseLong(seed));
		}
		int tries = Integer.getInteger("sluice.property.tries", 40);
		long base = new Random().nextLong();
		return LongStream.range(0, tries).mapToObj((i) -> base + i);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void everyJobEndsOnceWithItsLedgersFiguresAndACancelsAnswerIsFinal(long seed) throws Exception {
		try {
			runAndCheck(Schedule.generate(new Random(seed)));
		}
		catch (AssertionError ex) {
			throw new AssertionError(
					"Schedule of seed " + seed + " (-Dsluice.property.seed=" + seed + "): " + ex.getMessage(), ex);
		}
	}

	private static void runAndCheck(Schedule schedule) throws Exception {
		RecordingRollup rollup = new RecordingRollup(jdbc, schedule.lostRollups);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		ChunkWriter writer = new ChunkWriter(dataSource, jdbc, template, rollup);
		UnwritableChunks unwritable = new UnwritableChunks(dataSource, jdbc, rollup);

		AtomicInteger delivered = new AtomicInteger();
		ConcurrentLinkedQueue<List<Delivery>> polls = new ConcurrentLinkedQueue<>(schedule.polls);
		ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < WRITERS; i++) {
				running.add(threads.submit(() -> {
					for (List<Delivery> poll = polls.poll(); poll != null; poll = polls.poll()) {
						deliver(poll, writer, unwritable);
						delivered.addAndGet(poll.size());
					}
					return null;
				}));
			}
			Future<Cancelled> cancelled = (schedule.cancelAfter < 0) ? null : threads.submit(() -> {
				await().atMost(Duration.ofMinutes(1))
					.pollInterval(Duration.ofMillis(1))
					.until(() -> delivered.get() >= schedule.cancelAfter);
				return cancel(schedule.jobs.get(0));
			});
			for (Future<?> thread : running) {
				thread.get(2, TimeUnit.MINUTES);
			}
			Cancelled answer = (cancelled != null) ? cancelled.get(1, TimeUnit.MINUTES) : null;
			new JobRollup(jdbc).rollUp(schedule.jobs.stream().map(Job::id).toList()).values().forEach(rollup::record);

			for (Job job : schedule.jobs) {
				JobRow row = JobRow.read(job.id());
				Sums ledger = Sums.read(job.id());
				boolean wasCancelled = answer != null && answer.row() != null && answer.row().id().equals(job.id());
				assertThat(row.status().isTerminal()).as("job %s ended", job.id()).isTrue();
				assertThat(row.finished()).isTrue();
				if (wasCancelled) {
					assertThat(row.status()).isEqualTo(JobStatus.CANCELLED);
					assertThat(row).as("a cancel's answer is final").isEqualTo(answer.row());
					assertThat(photos(job)).as("no photo lands after the cancel answered").isEqualTo(answer.photos());
					assertThat(rollup.endings(job.id())).as("a cancelled job is ended by no roll-up").isZero();
				}
				else {
					assertThat(row.status())
						.isEqualTo(job.unwritable().isEmpty() ? JobStatus.COMPLETED : JobStatus.COMPLETED_WITH_ERRORS);
					assertThat(row.cancelled()).isZero();
					assertThat(rollup.endings(job.id())).as("roll-ups that ended job %s", job.id()).isOne();
					assertThat(ledger.chunks()).isEqualTo(job.chunkCount());
				}
				assertThat(row.chunksDone()).isEqualTo(ledger.chunks());
				assertThat(row.written()).isEqualTo(ledger.written()).isEqualTo(photos(job) - job.alreadyThere());
				assertThat(row.duplicate()).isEqualTo(ledger.duplicate());
				assertThat(row.failed()).isEqualTo(ledger.failed());
				assertThat(row.written() + row.duplicate() + row.failed() + row.cancelled())
					.isEqualTo(job.totalPhotos());
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * A roll-up whose snapshot is older than the row it finally locks never takes the row
	 * back: it waits behind one that counted more chunks, then applies nothing.
	 */
	@Test
	void aRollUpWithAnOlderSnapshotNeverTakesTheJobBack() throws Exception {
		Job job = Job.insert(new Random(7), 4, 1, false);
		land(job, 0);
		new JobRollup(jdbc).rollUp(List.of(job.id()));
		land(job, 1);
		try (Connection holder = dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder
				.prepareStatement("SELECT id FROM import_job WHERE id = ? FOR NO KEY UPDATE")) {
				lock.setObject(1, job.id());
				lock.executeQuery().close();
			}
			ExecutorService thread = Executors.newSingleThreadExecutor();
			try {
				// Sees chunks 0 and 1, then waits for the row
				Future<Map<UUID, JobSnapshot>> stale = thread
					.submit(() -> new JobRollup(jdbc).rollUp(List.of(job.id())));
				await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLock() > 0);
				land(job, 2);
				try (PreparedStatement newer = holder.prepareStatement(JobLedger.rollUp("j.id = ?"))) {
					newer.setObject(1, job.id());
					try (ResultSet moved = newer.executeQuery()) {
						assertThat(moved.next()).as("the newer roll-up moves the job").isTrue();
						assertThat(moved.getInt("chunks_done")).isEqualTo(3);
					}
				}
				holder.commit();

				assertThat(stale.get(30, TimeUnit.SECONDS)).as("the older roll-up applies nothing").isEmpty();
			}
			finally {
				thread.shutdownNow();
			}
		}
		assertThat(JobRow.read(job.id()).chunksDone()).isEqualTo(3);
		assertThat(JobRow.read(job.id()).status()).isEqualTo(JobStatus.RUNNING);
	}

	private static int waitingOnLock() {
		return jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE application_name = :application AND wait_event_type = 'Lock'""")
			.param("application", WRITER_APPLICATION)
			.query(Integer.class)
			.single();
	}

	/** Records a chunk of the job in its ledger, as its chunk transaction would. */
	private static void land(Job job, int chunkIndex) {
		jdbc.sql("""
				INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written)
				VALUES (:jobId, :chunkIndex, 'WRITTEN', 1, 1)""")
			.param("jobId", job.id())
			.param("chunkIndex", chunkIndex)
			.update();
	}

	/**
	 * Writes one poll as the chunk listener does: all together first, then one at a time
	 * if that fails; an unwritable chunk is recorded failed, as the dead-letterer does. A
	 * deadlock between writers is tried again, as the listener's retry does.
	 */
	private static void deliver(List<Delivery> poll, ChunkWriter writer, UnwritableChunks unwritable) {
		List<Delivery> writable = poll.stream().filter((delivery) -> !delivery.unwritable()).toList();
		boolean together = false;
		if (writable.size() > 1) {
			try {
				retried(() -> writer.writeAll(writable.stream().map(Delivery::chunk).toList()));
				together = true;
			}
			catch (DataAccessException ex) {
				// written one at a time below
			}
		}
		for (Delivery delivery : poll) {
			if (delivery.unwritable()) {
				retried(() -> unwritable.recordFailed(delivery.chunk(), "refused by the test"));
			}
			else if (!together) {
				retried(() -> writer.write(delivery.chunk()));
			}
		}
	}

	private static <T> T retried(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (DataAccessException ex) {
				if (attempt == 5 || DatabaseFailure.classify(ex) != DatabaseFailure.TRANSIENT) {
					throw ex;
				}
			}
		}
	}

	/** Cancels the job as the API does: closes its gate, then ends it from its ledger. */
	private static Cancelled cancel(Job job) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement gate = connection.prepareStatement(JobLedger.CLOSE_GATE)) {
				gate.setObject(1, job.id());
				gate.executeQuery().close();
			}
			JobRow row = null;
			try (PreparedStatement cancel = connection.prepareStatement(JobLedger.cancel("j.id = ?", ""))) {
				cancel.setObject(1, job.id());
				try (ResultSet cancelled = cancel.executeQuery()) {
					if (cancelled.next()) {
						row = new JobRow(job.id(), JobStatus.valueOf(cancelled.getString("status")),
								cancelled.getInt("chunks_done"), cancelled.getInt("written"),
								cancelled.getInt("duplicate"), cancelled.getInt("failed"),
								cancelled.getInt("cancelled"), cancelled.getObject("finished_at") != null);
					}
				}
			}
			connection.commit();
			return new Cancelled(row, photos(job));
		}
	}

	private static int photos(Job job) {
		return jdbc.sql("SELECT count(*) FROM photo WHERE album_id = :albumId")
			.param("albumId", job.albumId())
			.query(Integer.class)
			.single();
	}

	/**
	 * A generated schedule: the jobs, the polls the writers take in turn, which chunk
	 * commits lose their roll-up, and when (in delivered chunks) the first job is
	 * cancelled, or -1 for never.
	 */
	private record Schedule(List<Job> jobs, List<List<Delivery>> polls, Collection<UUID> lostRollups, int cancelAfter) {

		static Schedule generate(Random random) {
			List<Job> jobs = List.of(Job.insert(random, 1 + random.nextInt(8), 1 + random.nextInt(4), true),
					Job.insert(random, 1 + random.nextInt(8), 1 + random.nextInt(4), true));
			List<Delivery> deliveries = new ArrayList<>();
			for (Job job : jobs) {
				for (PhotoChunk chunk : job.chunks()) {
					boolean unwritable = job.unwritable().contains(chunk.chunkIndex());
					int times = (random.nextInt(4) == 0) ? 2 : 1;
					for (int i = 0; i < times; i++) {
						deliveries.add(new Delivery(chunk, unwritable));
					}
				}
			}
			Collections.shuffle(deliveries, random);
			List<List<Delivery>> polls = new ArrayList<>();
			for (int i = 0; i < deliveries.size();) {
				int size = Math.min(deliveries.size() - i, 1 + random.nextInt(4));
				polls.add(List.copyOf(deliveries.subList(i, i + size)));
				i += size;
			}
			Collection<UUID> lost = ConcurrentHashMap.newKeySet();
			if (random.nextInt(3) == 0) {
				lost.add(jobs.get(random.nextInt(jobs.size())).id());
			}
			int cancelAfter = (random.nextInt(5) < 2) ? random.nextInt(deliveries.size() + 1) : -1;
			return new Schedule(jobs, polls, lost, cancelAfter);
		}

	}

	private record Delivery(PhotoChunk chunk, boolean unwritable) {

	}

	/**
	 * A job of the schedule, in an album of its own.
	 *
	 * @param alreadyThere how many of its photos were in its album before it
	 */
	private record Job(UUID id, long albumId, int totalPhotos, List<PhotoChunk> chunks, List<Integer> unwritable,
			int alreadyThere) {

		int chunkCount() {
			return this.chunks.size();
		}

		static Job insert(Random random, int chunkCount, int photosPerChunk, boolean mayFail) {
			UUID id = UUID.randomUUID();
			long albumId = albums.getAndIncrement();
			List<PhotoChunk> chunks = IntStream.range(0, chunkCount)
				.mapToObj(
						(index) -> new PhotoChunk(PhotoChunk.SCHEMA_VERSION, id, OWNER, albumId, index, chunkCount,
								index * photosPerChunk,
								IntStream.range(0, photosPerChunk)
									.mapToObj((photo) -> new ChunkPhoto("https://img.example/" + id + "/"
											+ (index * photosPerChunk + photo) + ".jpg", null))
									.toList()))
				.toList();
			List<Integer> unwritable = IntStream.range(0, chunkCount)
				.filter((index) -> mayFail && random.nextInt(7) == 0)
				.boxed()
				.toList();
			jdbc.sql("""
					INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count)
					VALUES (:id, :owner, :albumId, 'QUEUED', :total, :chunkCount)""")
				.param("id", id)
				.param("owner", OWNER)
				.param("albumId", albumId)
				.param("total", chunkCount * photosPerChunk)
				.param("chunkCount", chunkCount)
				.update();
			int alreadyThere = 0;
			if (mayFail && random.nextInt(3) == 0) {
				PhotoChunk chunk = chunks.get(random.nextInt(chunkCount));
				if (!unwritable.contains(chunk.chunkIndex())) {
					ChunkPhoto photo = chunk.photos().get(0);
					jdbc.sql("""
							INSERT INTO photo (album_id, url_hash, url, job_id)
							VALUES (:albumId, md5(:url)::uuid, :url, gen_random_uuid())""")
						.param("albumId", albumId)
						.param("url", photo.url())
						.update();
					alreadyThere = 1;
				}
			}
			return new Job(id, albumId, chunkCount * photosPerChunk, chunks, unwritable, alreadyThere);
		}

	}

	private record JobRow(UUID id, JobStatus status, int chunksDone, int written, int duplicate, int failed,
			int cancelled, boolean finished) {

		static JobRow read(UUID id) {
			return jdbc
				.sql("""
						SELECT status, chunks_done, written, duplicate, failed, cancelled, finished_at IS NOT NULL AS finished
						FROM import_job WHERE id = :id""")
				.param("id", id)
				.query((row, number) -> new JobRow(id, JobStatus.valueOf(row.getString("status")),
						row.getInt("chunks_done"), row.getInt("written"), row.getInt("duplicate"), row.getInt("failed"),
						row.getInt("cancelled"), row.getBoolean("finished")))
				.single();
		}

	}

	private record Sums(int chunks, int written, int duplicate, int failed) {

		static Sums read(UUID jobId) {
			return jdbc.sql("""
					SELECT count(*) FILTER (WHERE outcome IN ('WRITTEN', 'FAILED')) AS chunks,
					       coalesce(sum(written), 0) AS written, coalesce(sum(duplicate), 0) AS duplicate,
					       coalesce(sum(failed), 0) AS failed
					FROM import_chunk WHERE job_id = :jobId""")
				.param("jobId", jobId)
				.query((row, number) -> new Sums(row.getInt("chunks"), row.getInt("written"), row.getInt("duplicate"),
						row.getInt("failed")))
				.single();
		}

	}

	private record Cancelled(JobRow row, int photos) {

	}

	/**
	 * The product's roll-up, which records every job a roll-up ended and, for the jobs
	 * named, loses every other roll-up after a commit, as a worker that dies between a
	 * chunk's commit and its roll-up would.
	 */
	private static final class RecordingRollup extends JobRollup {

		private final Map<UUID, AtomicInteger> endings = new ConcurrentHashMap<>();

		private final Collection<UUID> losing;

		private final AtomicInteger calls = new AtomicInteger();

		RecordingRollup(JdbcClient jdbc, Collection<UUID> losing) {
			super(jdbc);
			this.losing = losing;
		}

		@Override
		Map<UUID, JobSnapshot> rollUp(Collection<UUID> jobIds) {
			if (jobIds.stream().anyMatch(this.losing::contains) && this.calls.incrementAndGet() % 2 == 0) {
				return Map.of();
			}
			Map<UUID, JobSnapshot> moved = super.rollUp(jobIds);
			moved.values().forEach(this::record);
			return moved;
		}

		void record(JobSnapshot job) {
			if (job.finished()) {
				this.endings.computeIfAbsent(job.id(), (id) -> new AtomicInteger()).incrementAndGet();
			}
		}

		int endings(UUID jobId) {
			AtomicInteger count = this.endings.get(jobId);
			return (count != null) ? count.get() : 0;
		}

	}

}
