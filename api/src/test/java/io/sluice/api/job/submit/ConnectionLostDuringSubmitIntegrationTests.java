package io.sluice.api.job.submit;

import java.util.List;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.ChunkTopic;
import io.sluice.api.JobRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's connection terminated by PostgreSQL in the middle of a submit, as the fault
 * suite's {@code connectionsRefusedWhileEverySlotIsTaken} does with
 * {@code pg_terminate_backend}, but at a chosen moment: a trigger on {@code import_job},
 * for one album only, makes the backend that inserts the job terminate itself, either
 * while the insert runs or at {@code COMMIT} (a deferred constraint trigger). The backend
 * really dies (57P01), the pool evicts the connection, and rolling back on it fails with
 * a bare "Connection is closed". The client must get 503 with {@code Retry-After},
 * nothing may be stored, and the same request with the same key must then make the job.
 */
class ConnectionLostDuringSubmitIntegrationTests extends ApiIntegrationTest {

	private static final String KEY = "Idempotency-Key";

	private static final String TERMINATE_OWN_BACKEND = """
			CREATE OR REPLACE FUNCTION faults_terminate_own_backend() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			  IF NEW.album_id = %d THEN
			    PERFORM pg_terminate_backend(pg_backend_pid());
			    PERFORM pg_sleep(5); -- the signal ends the backend here, long before
			  END IF;
			  RETURN NEW;
			END $$
			""";

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void removeTheTriggers() {
		this.jdbc.execute("DROP TRIGGER IF EXISTS faults_terminate_at_commit ON import_job");
		this.jdbc.execute("DROP TRIGGER IF EXISTS faults_terminate_mid_insert ON import_job");
		this.jdbc.execute("DROP FUNCTION IF EXISTS faults_terminate_own_backend()");
	}

	@Test
	void answers503AndStoresNothingWhenTheConnectionIsTerminatedAtCommit() {
		JobRequests job = aJob().withPhotos(250);
		terminateTheBackendOf(job.albumId(), """
				CREATE CONSTRAINT TRIGGER faults_terminate_at_commit AFTER INSERT ON import_job
				DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION faults_terminate_own_backend()
				""");

		answers503ThenMakesTheJobWithTheSameKey(job);
	}

	@Test
	void answers503AndStoresNothingWhenTheConnectionIsTerminatedMidStatement() {
		JobRequests job = aJob().withPhotos(250);
		terminateTheBackendOf(job.albumId(), """
				CREATE TRIGGER faults_terminate_mid_insert BEFORE INSERT ON import_job
				FOR EACH ROW EXECUTE FUNCTION faults_terminate_own_backend()
				""");

		answers503ThenMakesTheJobWithTheSameKey(job);
	}

	private void answers503ThenMakesTheJobWithTheSameKey(JobRequests job) {
		String token = api().tokenFor("terry");
		String key = UUID.randomUUID().toString();

		Response refused = api().postJob(token, job.toJson(), KEY, key);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
		JsonNode problem = refused.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:unavailable");
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(jobsOfAlbum(job.albumId())).as("jobs stored for the refused request").isEmpty();
		assertThat(ChunkTopic.committedChunksOfAlbum(job.albumId())).as("chunks published").isEmpty();

		removeTheTriggers();
		Response retried = api().postJob(token, job.toJson(), KEY, key);

		assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
		assertThat(retried.header("Idempotent-Replayed")).as("a new job, not a replay").isNull();
		UUID id = UUID.fromString(retried.json().get("id").asString());
		assertThat(retried.json().get("status").asString()).isEqualTo("QUEUED");
		assertThat(jobsOfAlbum(job.albumId())).containsExactly(id);
		ChunkTopic.awaitChunksOf(id, 3);
	}

	private void terminateTheBackendOf(long albumId, String trigger) {
		this.jdbc.execute(TERMINATE_OWN_BACKEND.formatted(albumId));
		this.jdbc.execute(trigger);
	}

	private List<UUID> jobsOfAlbum(long albumId) {
		return this.jdbc.queryForList("SELECT id FROM import_job WHERE album_id = ?", UUID.class, albumId);
	}

}
