package io.sluice.api.job;

import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DELETE /api/v1/jobs/{id}} without a worker: the job stays where the API put it
 * unless the test moves it as a worker would.
 */
class JobCancelIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JobRepository jobs;

	@Test
	void cancelsAQueuedJobCountingEveryPhotoCancelled() {
		String token = api().tokenFor("cancel-owner-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(250).toJson());
		assertThat(created.json().get("status").asString()).isEqualTo("QUEUED");

		Response cancelled = api().delete(created.header("Location"), token);

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
		assertThat(cancelled.contentType()).startsWith("application/json");
		JsonNode view = cancelled.json();
		assertThat(view.get("id").asString()).isEqualTo(created.json().get("id").asString());
		assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(view.get("finishedAt").isNull()).isFalse();
		assertPhotos(view, 250, 0, 0, 0, 250);
		JsonNode fetched = api().get(created.header("Location"), token).json();
		assertThat(fetched.get("status").asString()).isEqualTo("CANCELLED");
		assertPhotos(fetched, 250, 0, 0, 0, 250);
	}

	@Test
	void cancelsARunningJobKeepingWhatLanded() {
		String token = api().tokenFor("cancel-owner-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(1_000).toJson());
		UUID id = UUID.fromString(created.json().get("id").asString());
		// as the workers would after four of the ten chunks: their ledger rows, and the
		// job rolled up from them (ADR 0036)
		int[][] chunks = { { 100, 0, 0 }, { 100, 0, 0 }, { 100, 0, 0 }, { 50, 40, 10 } };
		for (int index = 0; index < chunks.length; index++) {
			this.jdbc.update(
					"INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written, duplicate, "
							+ "failed) VALUES (?, ?, 'WRITTEN', 100, ?, ?, ?)",
					id, index, chunks[index][0], chunks[index][1], chunks[index][2]);
		}
		this.jdbc.update("UPDATE import_job SET status = 'RUNNING', chunks_done = 4, written = 350, duplicate = 40, "
				+ "failed = 10 WHERE id = ?", id);

		JsonNode view = api().delete(created.header("Location"), token).json();

		assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
		assertPhotos(view, 1_000, 350, 40, 10, 600);
	}

	@Test
	void answersARepeatedCancelWithTheSameView() {
		String token = api().tokenFor("cancel-owner-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(3).toJson());
		JsonNode first = api().delete(created.header("Location"), token).json();

		Response again = api().delete(created.header("Location"), token);

		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		assertThat(again.json()).isEqualTo(first);
	}

	@Test
	void refusesToCancelAJobThatEndedOtherwiseSayingItsStatus() {
		String token = api().tokenFor("cancel-owner-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(3).toJson());
		UUID id = UUID.fromString(created.json().get("id").asString());
		this.jdbc.update("UPDATE import_job SET status = 'COMPLETED', chunks_done = chunk_count, written = 3, "
				+ "finished_at = now() WHERE id = ?", id);

		Response response = api().delete(created.header("Location"), token);

		JsonNode problem = assertProblem(response, 409);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:job-terminal");
		assertThat(problem.get("jobId").asString()).isEqualTo(id.toString());
		assertThat(problem.get("jobStatus").asString()).isEqualTo("COMPLETED");
		assertThat(problem.get("detail").asString()).contains("COMPLETED");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/jobs/" + id);
		JsonNode fetched = api().get(created.header("Location"), token).json();
		assertThat(fetched.get("status").asString()).isEqualTo("COMPLETED");
		assertPhotos(fetched, 3, 3, 0, 0, 0);
	}

	@Test
	void hidesAnotherOwnersJobAndUnknownIdsLikeGetDoes() {
		Response created = api().postJob(api().tokenFor("cancel-owner-a"), aJob().withPhotos(2).toJson());
		String intruder = api().tokenFor("cancel-owner-b");

		JsonNode othersJob = assertProblem(api().delete(created.header("Location"), intruder), 404);
		assertProblem(api().delete("/api/v1/jobs/" + UUID.randomUUID(), intruder), 404);
		assertProblem(api().delete("/api/v1/jobs/not-a-uuid", intruder), 404);

		assertThat(othersJob.get("type").asString()).isEqualTo("about:blank");
		assertThat(
				api().get(created.header("Location"), api().tokenFor("cancel-owner-a")).json().get("status").asString())
			.as("the owner's job, untouched")
			.isEqualTo("QUEUED");
	}

	@Test
	void aPendingJobCancelledDuringItsPublishStaysCancelled() {
		String owner = "cancel-owner-" + UUID.randomUUID();
		UUID id = UUID.randomUUID();
		this.jobs.insertPending(id, owner, 7L, 120, 2, null, null, null).orElseThrow();

		JsonNode view = api().delete("/api/v1/jobs/" + id, api().tokenFor(owner)).json();
		// what JobSubmission does once the publish returns, either way
		boolean queued = this.jobs.markQueued(id).isPresent();
		boolean failed = this.jobs.markFailed(id, "Kafka did not answer").isPresent();

		assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
		assertPhotos(view, 120, 0, 0, 0, 120);
		assertThat(queued).as("marked QUEUED after the cancel").isFalse();
		assertThat(failed).as("marked FAILED after the cancel").isFalse();
		Job job = this.jobs.find(id, owner).orElseThrow();
		assertThat(job.status().name()).isEqualTo("CANCELLED");
		assertThat(job.failureReason()).isNull();
	}

	static void assertPhotos(JsonNode view, int total, int written, int duplicate, int failed, int cancelled) {
		JsonNode photos = view.get("photos");
		assertThat(photos.get("total").asInt()).as("total").isEqualTo(total);
		assertThat(photos.get("written").asInt()).as("written").isEqualTo(written);
		assertThat(photos.get("duplicate").asInt()).as("duplicate").isEqualTo(duplicate);
		assertThat(photos.get("failed").asInt()).as("failed").isEqualTo(failed);
		assertThat(photos.get("cancelled").asInt()).as("cancelled").isEqualTo(cancelled);
	}

}
