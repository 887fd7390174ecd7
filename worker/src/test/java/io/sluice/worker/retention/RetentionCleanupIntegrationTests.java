package io.sluice.worker.retention;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.embedded.Infrastructure;
import io.sluice.embedded.TestInfrastructure;
import io.sluice.worker.MigratedDatabase;
import io.sluice.worker.budget.SpareConnection;
import io.sluice.worker.retention.RetentionCleanup.Sweep;
import io.sluice.worker.retention.RetentionCleanup.Sweep.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention on a real PostgreSQL, in a database of this class's own so that the counts
 * are exact: what is deleted, what stays, in bounded batches, by one worker at a time.
 * Ages are made by backdating a job's timestamps, never by waiting.
 */
class RetentionCleanupIntegrationTests {

	private static final String OWNER = "retention-tests";

	private static final RetentionProperties THIRTY_DAYS = new RetentionProperties(true, Duration.ofDays(30),
			Duration.ofHours(24), Duration.ofMinutes(10), 1000, 10);

	private static HikariDataSource dataSource;

	private static JdbcTemplate jdbc;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeAll
	static void createTheDatabase() {
		Infrastructure server = TestInfrastructure.shared();
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(MigratedDatabase.create(server, "retention"));
		config.setUsername(server.username());
		config.setPassword(server.password());
		config.setMaximumPoolSize(4);
		config.addDataSourceProperty("ApplicationName", "retention-tests");
		dataSource = new HikariDataSource(config);
		jdbc = new JdbcTemplate(dataSource);
	}

	@AfterAll
	static void closeThePool() {
		dataSource.close();
	}

	@BeforeEach
	void startEmpty() {
		jdbc.execute("TRUNCATE import_job, photo CASCADE");
	}

	@Test
	void deletesJobsEndedLongerAgoThanTheRetentionWithTheirLedgerAndFailedPhotos() {
		UUID old = endedJob(Duration.ofDays(31), 3, 2, 5);
		UUID older = endedJob(Duration.ofDays(400), 2, 0, 1);
		UUID young = endedJob(Duration.ofDays(29), 2, 1, 3);
		UUID runningForever = openJob("RUNNING", Duration.ofDays(100), 2);
		UUID pendingForever = openJob("PENDING", Duration.ofDays(60), 0);
		int photos = count("SELECT count(*) FROM photo");

		Sweep sweep = cleanup(THIRTY_DAYS).tick();

		assertThat(sweep).isEqualTo(new Sweep(Outcome.ACTED, 2, 0, false));
		assertThat(jobs()).containsExactlyInAnyOrder(young, runningForever, pendingForever);
		assertThat(count("SELECT count(*) FROM import_chunk WHERE job_id IN (?, ?)", old, older)).isZero();
		assertThat(count("SELECT count(*) FROM failed_photo WHERE job_id IN (?, ?)", old, older)).isZero();
		assertThat(count("SELECT count(*) FROM import_chunk")).as("the young and the open jobs' ledgers").isEqualTo(4);
		assertThat(count("SELECT count(*) FROM failed_photo")).as("the young job's failed photo").isEqualTo(1);
		assertThat(count("SELECT count(*) FROM photo")).as("photos are the product's data").isEqualTo(photos);
		assertThat(photos).isEqualTo(9);
		assertThat(deleted("jobs")).isEqualTo(2.0);
		assertThat(lastRun()).isPositive();
	}

	@Test
	void deletesInBoundedBatchesOldestFirstAndFinishesOverSeveralTicks() {
		List<UUID> byAge = new java.util.ArrayList<>();
		for (int day = 50; day > 40; day--) {
			byAge.add(endedJob(Duration.ofDays(day), 1, 1, 1));
		}
		RetentionCleanup cleanup = cleanup(
				new RetentionProperties(true, Duration.ofDays(30), Duration.ofHours(24), Duration.ofMinutes(10), 3, 2));

		assertThat(cleanup.tick()).as("two batches of three").isEqualTo(new Sweep(Outcome.ACTED, 6, 0, true));
		assertThat(jobs()).containsExactlyInAnyOrderElementsOf(byAge.subList(6, 10));
		assertThat(count("SELECT count(*) FROM import_chunk")).isEqualTo(4);
		assertThat(count("SELECT count(*) FROM failed_photo")).isEqualTo(4);
		assertThat(cleanup.tick()).as("a full batch and a short one").isEqualTo(new Sweep(Outcome.ACTED, 4, 0, false));
		assertThat(jobs()).isEmpty();
		assertThat(cleanup.tick()).isEqualTo(new Sweep(Outcome.ACTED, 0, 0, false));
		assertThat(count("SELECT count(*) FROM import_chunk")).isZero();
		assertThat(count("SELECT count(*) FROM failed_photo")).isZero();
		assertThat(count("SELECT count(*) FROM photo")).isEqualTo(10);
		assertThat(deleted("jobs")).isEqualTo(10.0);
	}

	@Test
	void releasesExpiredIdempotencyKeysSoTheSameKeyMakesANewJob() {
		UUID endedLongAgo = keyedJob("COMPLETED", Duration.ofHours(25), "expired-ended");
		UUID runningLong = keyedJob("RUNNING", Duration.ofHours(26), "expired-running");
		UUID fresh = keyedJob("COMPLETED", Duration.ofHours(23), "fresh");

		Sweep sweep = cleanup(THIRTY_DAYS).tick();

		assertThat(sweep).isEqualTo(new Sweep(Outcome.ACTED, 0, 2, false));
		assertThat(jobs()).as("a key's release deletes no job")
			.containsExactlyInAnyOrder(endedLongAgo, runningLong, fresh);
		assertThat(key(endedLongAgo)).isNull();
		assertThat(key(runningLong)).isNull();
		assertThat(key(fresh)).isEqualTo("fresh");
		assertThat(status(runningLong)).isEqualTo("RUNNING");
		assertThat(claim("expired-ended")).as("the released key makes a new job").isTrue();
		assertThat(claim("expired-running")).isTrue();
		assertThat(claim("fresh")).as("a key still held stays its job's").isFalse();
		assertThat(deleted("keys")).isEqualTo(2.0);
	}

	@Test
	void staysOutWhileAnotherWorkersCleanupHoldsTheLock() throws Exception {
		UUID old = endedJob(Duration.ofDays(31), 1, 0, 0);
		RetentionCleanup cleanup = cleanup(THIRTY_DAYS);
		double started = lastRun();
		try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
			other.setAutoCommit(false);
			statement.execute("SELECT pg_advisory_xact_lock(" + ExpiredRows.LOCK_KEY + ")");

			assertThat(cleanup.tick()).isEqualTo(new Sweep(Outcome.BUSY, 0, 0, true));
			assertThat(jobs()).containsExactly(old);
			assertThat(lastRun()).as("no cleanup finished: still the start").isEqualTo(started);
			other.rollback();
		}

		assertThat(cleanup.tick()).isEqualTo(new Sweep(Outcome.ACTED, 1, 0, false));
		assertThat(jobs()).isEmpty();
	}

	@Test
	void oneOfTwoCleanupsActsWhileTheOtherFindsTheLockTaken() {
		for (int day = 31; day < 34; day++) {
			jdbc.update("UPDATE import_job SET owner = 'slow' WHERE id = ?", endedJob(Duration.ofDays(day), 1, 0, 0));
		}
		jdbc.execute("""
				CREATE FUNCTION pg_temp_slow_delete() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN PERFORM pg_sleep(0.3); RETURN OLD; END $$
				""");
		jdbc.execute("CREATE TRIGGER slow_delete BEFORE DELETE ON import_job FOR EACH ROW WHEN (OLD.owner = 'slow') "
				+ "EXECUTE FUNCTION pg_temp_slow_delete()");
		try {
			SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
			RetentionCleanup first = cleanup(THIRTY_DAYS);
			RetentionCleanup second = new RetentionCleanup(new DataSourceTransactionManager(dataSource),
					new ExpiredRows(JdbcClient.create(dataSource)), new SpareConnection(), THIRTY_DAYS,
					Clock.systemUTC(), otherMeters);

			CompletableFuture<Sweep> acting = CompletableFuture.supplyAsync(first::tick);
			await().atMost(Duration.ofSeconds(10)).until(this::lockHeld);
			Sweep meanwhile = second.tick();

			assertThat(meanwhile).isEqualTo(new Sweep(Outcome.BUSY, 0, 0, true));
			assertThat(acting).succeedsWithin(10, TimeUnit.SECONDS).isEqualTo(new Sweep(Outcome.ACTED, 3, 0, false));
			assertThat(jobs()).isEmpty();
			assertThat(
					deleted("jobs") + otherMeters.get(RetentionCleanup.DELETED).tag("what", "jobs").counter().count())
				.isEqualTo(3.0);
		}
		finally {
			jdbc.execute("DROP TRIGGER slow_delete ON import_job");
			jdbc.execute("DROP FUNCTION pg_temp_slow_delete()");
		}
	}

	private RetentionCleanup cleanup(RetentionProperties properties) {
		return new RetentionCleanup(new DataSourceTransactionManager(dataSource),
				new ExpiredRows(JdbcClient.create(dataSource)), new SpareConnection(), properties, Clock.systemUTC(),
				this.meters);
	}

	/**
	 * A job that ended {@code age} ago after a minute's work, with a ledger row per
	 * chunk, failed photos on its first chunk, and photo rows.
	 */
	private static UUID endedJob(Duration age, int chunks, int failedPhotos, int photos) {
		UUID id = UUID.randomUUID();
		jdbc.update(
				"""
						INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, chunks_done, written,
						                        failed, created_at, updated_at, finished_at)
						VALUES (?, ?, 7, 'COMPLETED_WITH_ERRORS', ?, ?, ?, ?, ?, now() - ? * interval '1 second' - interval '1 minute',
						        now() - ? * interval '1 second', now() - ? * interval '1 second')
						""",
				id, OWNER, Math.max(1, photos + failedPhotos), chunks, chunks, photos, failedPhotos, age.toSeconds(),
				age.toSeconds(), age.toSeconds());
		for (int chunk = 0; chunk < chunks; chunk++) {
			jdbc.update(
					"INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count) VALUES (?, ?, 'WRITTEN', 1)",
					id, chunk);
		}
		for (int photo = 0; photo < failedPhotos; photo++) {
			jdbc.update("""
					INSERT INTO failed_photo (job_id, photo_index, chunk_index, url, sqlstate, reason)
					VALUES (?, ?, 0, 'https://example.com/bad', '22021', 'a NUL in the caption')
					""", id, photo);
		}
		for (int photo = 0; photo < photos; photo++) {
			String url = "https://example.com/" + id + "/" + photo;
			jdbc.update("INSERT INTO photo (album_id, url_hash, url, job_id) VALUES (7, md5(?)::uuid, ?, ?)", url, url,
					id);
		}
		return id;
	}

	/** A job that has not ended, created {@code age} ago, with some chunks landed. */
	private static UUID openJob(String status, Duration age, int chunksLanded) {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, created_at, updated_at)
				VALUES (?, ?, 7, ?, 10, 10, now() - ? * interval '1 second', now() - ? * interval '1 second')
				""", id, OWNER, status, age.toSeconds(), age.toSeconds());
		for (int chunk = 0; chunk < chunksLanded; chunk++) {
			jdbc.update(
					"INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count) VALUES (?, ?, 'WRITTEN', 1)",
					id, chunk);
		}
		return id;
	}

	/**
	 * A job created {@code age} ago under an idempotency key; ended as soon, if ended.
	 */
	private static UUID keyedJob(String status, Duration age, String key) {
		UUID id = UUID.randomUUID();
		jdbc.update(
				"""
						INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, idempotency_key,
						                        request_hash, created_at, updated_at, finished_at)
						VALUES (?, ?, 7, ?, 1, 1, ?, '\\x00'::bytea, now() - ? * interval '1 second', now() - ? * interval '1 second',
						        CASE WHEN ? THEN now() - ? * interval '1 second' END)
						""",
				id, OWNER, status, key, age.toSeconds(), age.toSeconds(), !status.equals("RUNNING"), age.toSeconds());
		return id;
	}

	/**
	 * Claims a key for a new job as the API's submit does: the unique constraint decides.
	 */
	private static boolean claim(String key) {
		return !jdbc.queryForList("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, idempotency_key)
				VALUES (?, ?, 7, 'PENDING', 1, 1, ?)
				ON CONFLICT (owner, idempotency_key) DO NOTHING
				RETURNING id
				""", UUID.class, UUID.randomUUID(), OWNER, key).isEmpty();
	}

	private boolean lockHeld() {
		return count("""
				SELECT count(*) FROM pg_locks
				WHERE locktype = 'advisory' AND granted AND objsubid = 1
				  AND (classid::bigint << 32 | objid::bigint) = ?
				""", ExpiredRows.LOCK_KEY) == 1;
	}

	private static List<UUID> jobs() {
		return jdbc.queryForList("SELECT id FROM import_job", UUID.class);
	}

	private static String key(UUID job) {
		return jdbc.queryForObject("SELECT idempotency_key FROM import_job WHERE id = ?", String.class, job);
	}

	private static String status(UUID job) {
		return jdbc.queryForObject("SELECT status FROM import_job WHERE id = ?", String.class, job);
	}

	private static int count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Integer.class, args);
	}

	private double lastRun() {
		return this.meters.get(RetentionCleanup.LAST_RUN).gauge().value();
	}

	private double deleted(String what) {
		MeterRegistry registry = this.meters;
		return registry.get(RetentionCleanup.DELETED).tag("what", what).counter().count();
	}

}
