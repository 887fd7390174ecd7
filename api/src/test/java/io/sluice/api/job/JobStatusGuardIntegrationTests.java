package io.sluice.api.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.api.ApiIntegrationTest;
import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement of {@link JobRepository} that changes a job's status, on a job in each
 * status: it moves the job exactly from the statuses its guard names, only as
 * {@link JobStatus#canMoveTo} allows, and otherwise changes nothing of the job.
 */
class JobStatusGuardIntegrationTests extends ApiIntegrationTest {

	private static final String OWNER = "job-status-guards";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JobRepository jobs;

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void marksOnlyAPendingJobQueued(JobStatus from) {
		UUID job = aJob(from);
		Map<String, Object> before = row(job);

		Optional<Job> moved = this.jobs.markQueued(job);

		assertMoved(from, before, row(job), moved, from == JobStatus.PENDING);
		moved.ifPresent((queued) -> assertThat(queued.status()).isEqualTo(JobStatus.QUEUED));
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void marksOnlyAPendingJobFailed(JobStatus from) {
		UUID job = aJob(from);
		Map<String, Object> before = row(job);

		Optional<Job> moved = this.jobs.markFailed(job, "Kafka did not take the chunks in time");

		assertMoved(from, before, row(job), moved, from == JobStatus.PENDING);
		moved.ifPresent((failed) -> assertThat(failed.status()).isEqualTo(JobStatus.FAILED));
	}

	@ParameterizedTest
	@EnumSource(JobStatus.class)
	void cancelsOnlyAnOpenJob(JobStatus from) {
		UUID job = aJob(from);
		Map<String, Object> before = row(job);

		Optional<Job> moved = this.jobs.cancel(job, OWNER);

		assertMoved(from, before, row(job), moved, JobStatus.OPEN.contains(from));
		moved.ifPresent((cancelled) -> assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED));
	}

	@Test
	void marksOnlyThePendingJobsOfABatchQueuedAndAnswersEveryJob() {
		Map<UUID, JobStatus> statuses = new HashMap<>();
		for (JobStatus from : JobStatus.values()) {
			statuses.put(aJob(from), from);
		}
		Map<UUID, Map<String, Object>> before = new HashMap<>();
		statuses.keySet().forEach((job) -> before.put(job, row(job)));

		List<Job> answered = this.jobs.markQueued(statuses.keySet());

		assertThat(answered).extracting(Job::id).containsExactlyInAnyOrderElementsOf(statuses.keySet());
		for (Job job : answered) {
			JobStatus from = statuses.get(job.id());
			if (from == JobStatus.PENDING) {
				assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
				assertThat(row(job.id()).get("status")).isEqualTo("QUEUED");
			}
			else {
				assertThat(job.status()).as("answered as it was").isEqualTo(from);
				assertThat(row(job.id())).as("a job %s stays as it was", from).isEqualTo(before.get(job.id()));
			}
		}
	}

	private static void assertMoved(JobStatus from, Map<String, Object> before, Map<String, Object> after,
			Optional<Job> moved, boolean allowed) {
		if (!allowed) {
			assertThat(moved).as("moved from %s", from).isEmpty();
			assertThat(after).as("a job %s stays as it was", from).isEqualTo(before);
			return;
		}
		assertThat(moved).as("moved from %s", from).isPresent();
		assertThat(from.canMoveTo(moved.get().status()))
			.as("%s -> %s is a move the table allows", from, moved.get().status())
			.isTrue();
		assertThat(after.get("status")).isEqualTo(moved.get().status().name());
	}

	/** A job of 3 chunks, one of them written, in any status. */
	private UUID aJob(JobStatus status) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, chunks_done, written,
				                        updated_at)
				VALUES (?, ?, ?, ?, 300, 3, 1, 100, now() - interval '1 hour')""", id, OWNER,
				ThreadLocalRandom.current().nextLong(1, 1L << 53), status.name());
		return id;
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.queryForMap("SELECT * FROM import_job WHERE id = ?", id);
	}

}
