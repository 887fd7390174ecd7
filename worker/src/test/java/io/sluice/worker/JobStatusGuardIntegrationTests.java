package io.sluice.worker;

import java.lang.reflect.Field;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.sluice.common.chunk.ChunkMembership;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobStatus;
import io.sluice.common.job.LedgerOutcome;
import io.sluice.embedded.Infrastructure;
import io.sluice.embedded.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.SqlArrayValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every worker statement that changes a job's status, run as the worker holds it on a job
 * in each status: it moves the job exactly from the statuses its guard names, only as
 * {@link JobStatus#canMoveTo} allows, and never touches a job cut short ({@code FAILED},
 * {@code CANCELLED}). The statements are private to their classes and read from them, so
 * what runs here is the text the worker runs; each gets a database of its own class,
 * migrated as the worker migrates it.
 */
class JobStatusGuardIntegrationTests {

	private static final Set<JobStatus> OPEN_OR_COMPLETE = EnumSet.complementOf(EnumSet.copyOf(JobStatus.CUT_SHORT));

	private static JdbcClient jdbc;

	@BeforeAll
	static void createTheDatabase() {
		Infrastructure server = TestInfrastructure.shared();
		String jdbcUrl = MigratedDatabase.create(server, "job_states");
		jdbc = JdbcClient.create(new DriverManagerDataSource(jdbcUrl, server.username(), server.password()));
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void rollUpBeforeTheLastChunkMovesOnlyAnOpenJob(JobStatus from) {
		UUID job = aJob(from, 3, 1, 0);
		land(job, 0, 10, 0);
		land(job, 1, 10, 0);
		Row before = row(job);

		int moved = rollUp(job);

		assertMoved(before, row(job), moved, JobStatus.OPEN.contains(from));
		if (JobStatus.OPEN.contains(from)) {
			assertThat(row(job).status()).isEqualTo(JobStatus.RUNNING);
			assertThat(row(job).chunksDone()).isEqualTo(2);
			assertThat(row(job).written()).isEqualTo(20);
		}
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void rollUpOfTheLastChunkCompletesAnOpenJobAndLeavesEndedOnesAsTheyEnded(JobStatus from) {
		UUID job = aJob(from, 2, 1, 3);
		land(job, 0, 7, 3);
		land(job, 1, 10, 0);
		Row before = row(job);

		int moved = rollUp(job);

		assertMoved(before, row(job), moved, JobStatus.OPEN.contains(from));
		if (JobStatus.OPEN.contains(from)) {
			assertThat(row(job).status()).isEqualTo(JobStatus.COMPLETED_WITH_ERRORS);
			assertThat(row(job).finishedAt()).isNotNull();
		}
		else {
			assertThat(row(job).status()).isEqualTo(from);
		}
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void rollUpMovesNoJobWhoseLedgerIsNotAhead(JobStatus from) {
		UUID job = aJob(from, 3, 1, 0);
		land(job, 0, 10, 0);
		land(job, 7, 10, 0);
		Row before = row(job);

		int moved = rollUp(job);

		assertThat(moved).as("a chunk index outside the job is not counted").isZero();
		assertThat(row(job)).isEqualTo(before);
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void reconcilerFailsOnlyAPendingJobThatNeverGotAChunk(JobStatus from) {
		UUID job = aJob(from, 2, 0, 0);
		Row before = row(job);

		int moved = jdbc.sql(statement("reconcile.OpenJobs", "FAIL_PENDING"))
			.param("reason", "Publishing never completed")
			.param("jobId", job)
			.param("updatedAt", before.updatedAt())
			.update();

		assertMoved(before, row(job), moved, from == JobStatus.PENDING);
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void reconcilerFailsOnlyAQueuedOrRunningJobThatStalled(JobStatus from) {
		UUID job = aJob(from, 2, 1, 0);
		land(job, 0, 10, 0);
		Row before = row(job);

		int moved = jdbc.sql(statement("reconcile.OpenJobs", "FAIL_STALLED"))
			.param("reason", "No progress for 1h")
			.param("jobId", job)
			.param("chunksDone", 1)
			.param("updatedAt", before.updatedAt())
			.update();

		assertMoved(before, row(job), moved, from == JobStatus.QUEUED || from == JobStatus.RUNNING);
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void reDriveReopensAFailedChunkOfEveryJobNotCutShort(JobStatus from) {
		UUID job = aJob(from, 2, 1, 10);
		jdbc.sql("""
				INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, failed)
				VALUES (:jobId, 0, :outcome, 10, 10)""")
			.param("jobId", job)
			.param("outcome", LedgerOutcome.FAILED.name())
			.update();
		Row before = row(job);

		int moved = jdbc.sql(statement("redrive.DeadLetterRedrive", "REOPEN"))
			.param("jobId", job)
			.param("chunkIndex", 0)
			.update();

		assertMoved(before, row(job), moved, OPEN_OR_COMPLETE.contains(from));
		if (from == JobStatus.COMPLETED_WITH_ERRORS) {
			assertThat(row(job).status()).isEqualTo(JobStatus.RUNNING);
		}
		else {
			assertThat(row(job).status()).isEqualTo(from);
		}
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void ledgerSkipsTheChunksOfAJobCutShortAndOnlyThose(JobStatus from) {
		UUID job = aJob(from, 2, 0, 0);
		Row before = row(job);

		String claimed = ChunkMembership.offer(jdbc.sql(statement("write.ChunkLedger", "CLAIM")), chunkOf(job, 0))
			.query((row, number) -> row.getString("claimed"))
			.single();
		String recorded = ChunkMembership
			.offer(jdbc.sql(statement("write.ChunkLedger", "RECORD_FAILED")), chunkOf(job, 1))
			.param("error", "refused")
			.query(String.class)
			.single();

		LedgerOutcome skipped = switch (from) {
			case FAILED -> LedgerOutcome.SKIPPED_FAILED;
			case CANCELLED -> LedgerOutcome.SKIPPED_CANCELLED;
			default -> null;
		};
		assertThat(LedgerOutcome.valueOf(claimed)).isEqualTo((skipped != null) ? skipped : LedgerOutcome.WRITTEN);
		assertThat(LedgerOutcome.valueOf(recorded)).isEqualTo((skipped != null) ? skipped : LedgerOutcome.FAILED);
		assertThat(row(job)).as("the ledger never moves the job").isEqualTo(before);
	}

	/** Chunk {@code index} of ten photos of a job {@link #aJob} made with two chunks. */
	private static PhotoChunk chunkOf(UUID job, int index) {
		List<ChunkPhoto> photos = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			photos.add(new ChunkPhoto("https://img.example/guard/" + job + "/" + (index * 10 + i) + ".jpg", null));
		}
		return new PhotoChunk(PhotoChunk.SCHEMA_VERSION, job, "worker-tests", 1, index, 2, index * 10, photos);
	}

	/** Runs the worker's roll-up for the job, as after a chunk's commit. */
	private static int rollUp(UUID job) {
		return jdbc.sql(statement("write.JobRollup", "ROLL_UP"))
			.param("jobIds", new SqlArrayValue("uuid", job))
			.query()
			.listOfRows()
			.size();
	}

	/**
	 * Records a landed chunk of ten photos in the job's ledger, as a chunk transaction
	 * does.
	 */
	private static void land(UUID job, int chunkIndex, int written, int failed) {
		jdbc.sql("""
				INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written, failed)
				VALUES (:jobId, :chunkIndex, :outcome, 10, :written, :failed)""")
			.param("jobId", job)
			.param("chunkIndex", chunkIndex)
			.param("outcome", LedgerOutcome.WRITTEN.name())
			.param("written", written)
			.param("failed", failed)
			.update();
	}

	/**
	 * If the statement was to move the job, it did, to where the table allows; if not,
	 * nothing of the job's row changed.
	 */
	private static void assertMoved(Row before, Row after, int rowsMoved, boolean allowed) {
		if (!allowed) {
			assertThat(rowsMoved).as("rows moved from %s", before.status()).isZero();
			assertThat(after).as("a job %s stays as it was", before.status()).isEqualTo(before);
			return;
		}
		assertThat(rowsMoved).as("rows moved from %s", before.status()).isOne();
		assertThat(after).isNotEqualTo(before);
		assertThat(after.status() == before.status() || before.status().canMoveTo(after.status()))
			.as("%s -> %s is a move the table allows", before.status(), after.status())
			.isTrue();
	}

	/** A job in any status, as the statements' guards find it. */
	private static UUID aJob(JobStatus status, int chunkCount, int chunksDone, int failed) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, chunks_done, written,
				                        failed, updated_at)
				VALUES (:id, 'worker-tests', 1, :status, :total, :chunkCount, :chunksDone, :written, :failed,
				        now() - interval '1 hour')""")
			.param("id", id)
			.param("status", status.name())
			.param("total", chunkCount * 10)
			.param("chunkCount", chunkCount)
			.param("chunksDone", chunksDone)
			.param("written", chunksDone * 10 - failed)
			.param("failed", failed)
			.update();
		return id;
	}

	private static Row row(UUID job) {
		return jdbc.sql("""
				SELECT status, chunks_done, written, duplicate, failed, cancelled, finished_at, updated_at
				FROM import_job WHERE id = :id""")
			.param("id", job)
			.query((row, number) -> new Row(JobStatus.valueOf(row.getString("status")), row.getInt("chunks_done"),
					row.getInt("written"), row.getInt("duplicate"), row.getInt("failed"), row.getInt("cancelled"),
					row.getObject("finished_at", OffsetDateTime.class),
					row.getObject("updated_at", OffsetDateTime.class)))
			.single();
	}

	/**
	 * A private statement of a worker class, as the class holds it.
	 * @param type the class, relative to {@code io.sluice.worker}
	 * @param field the constant holding the statement
	 */
	private static String statement(String type, String field) {
		try {
			Field constant = Class.forName("io.sluice.worker." + type).getDeclaredField(field);
			constant.setAccessible(true);
			return (String) constant.get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("No statement " + type + "." + field, ex);
		}
	}

	private record Row(JobStatus status, int chunksDone, int written, int duplicate, int failed, int cancelled,
			OffsetDateTime finishedAt, OffsetDateTime updatedAt) {

	}

}
