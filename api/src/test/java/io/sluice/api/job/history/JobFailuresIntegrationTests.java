package io.sluice.api.job.history;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/jobs/{id}/failures}. No worker runs here: the tests record a chunk's
 * rejected photos in {@code failed_photo} as a worker's bisection does (ADR 0015).
 */
class JobFailuresIntegrationTests extends ApiIntegrationTest {

	private static final int[] REJECTED = { 3, 17, 42, 43, 99 };

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void pagesThroughTheRejectedPhotosInPhotoOrder() {
		String token = api().tokenFor("failures-" + UUID.randomUUID());
		String id = jobWithRejectedPhotos(token);

		List<Integer> indexes = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		JsonNode firstPage = null;
		String query = "/api/v1/jobs/" + id + "/failures?limit=2";
		while (query != null) {
			Response page = api().get(query, token);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			JsonNode body = page.json();
			firstPage = (firstPage != null) ? firstPage : body;
			body.get("failures").forEach((photo) -> indexes.add(photo.get("index").asInt()));
			pageSizes.add(body.get("failures").size());
			query = body.get("next").isNull() ? null
					: "/api/v1/jobs/" + id + "/failures?limit=2&cursor=" + body.get("next").asString();
		}

		assertThat(pageSizes).containsExactly(2, 2, 1);
		assertThat(indexes).containsExactly(3, 17, 42, 43, 99);
		assertThat(firstPage.propertyNames()).containsExactly("jobId", "status", "failed", "failureReason", "failures",
				"next");
		assertThat(firstPage.get("jobId").asString()).isEqualTo(id);
		assertThat(firstPage.get("status").asString()).isEqualTo("COMPLETED_WITH_ERRORS");
		assertThat(firstPage.get("failed").asInt()).isEqualTo(5);
		assertThat(firstPage.get("failureReason").isNull()).isTrue();
		JsonNode photo = firstPage.get("failures").get(0);
		assertThat(photo.propertyNames()).containsExactly("index", "url", "code", "message");
		assertThat(photo.get("url").asString()).isEqualTo("https://cdn.example.com/rejected/3.jpg");
		assertThat(photo.get("code").asString()).isEqualTo("22021");
		assertThat(photo.get("message").asString()).contains("invalid byte sequence");
	}

	@Test
	void listsEveryRejectedPhotoOnOneDefaultPage() {
		String token = api().tokenFor("failures-" + UUID.randomUUID());
		String id = jobWithRejectedPhotos(token);

		JsonNode page = api().get("/api/v1/jobs/" + id + "/failures", token).json();

		assertThat(page.get("failures").size()).isEqualTo(REJECTED.length);
		assertThat(page.get("next").isNull()).isTrue();
	}

	@Test
	void listsNothingForAJobWithoutFailures() {
		String token = api().tokenFor("failures-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(5).toJson());

		Response response = api().get(created.header("Location") + "/failures", token);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("status").asString()).isEqualTo("QUEUED");
		assertThat(response.json().get("failed").asInt()).isZero();
		assertThat(response.json().get("failures").isEmpty()).isTrue();
		assertThat(response.json().get("next").isNull()).isTrue();
	}

	@Test
	void hidesAnotherOwnersFailuresLikeAnUnknownJob() {
		String id = jobWithRejectedPhotos(api().tokenFor("failures-" + UUID.randomUUID()));
		String intruder = api().tokenFor("failures-" + UUID.randomUUID());

		JsonNode hidden = assertProblem(api().get("/api/v1/jobs/" + id + "/failures", intruder), 404);
		assertProblem(api().get("/api/v1/jobs/" + UUID.randomUUID() + "/failures", intruder), 404);
		assertProblem(api().get("/api/v1/jobs/not-a-uuid/failures", intruder), 404);

		assertThat(hidden.get("type").asString()).isEqualTo("about:blank");
		assertThat(hidden.toString()).doesNotContain("rejected");
	}

	@ParameterizedTest
	@CsvSource({ "limit=0, limit", "limit=101, limit", "limit=2.5, limit", "cursor=%21%21, cursor",
			"cursor=am9ic3wxfDJ8M2Y0YTlmNWEtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAw, cursor",
			"cursor=ZmFpbHVyZXN8LTE, cursor", "cursor=ZmFpbHVyZXN8eA, cursor" })
	void refusesAMalformedParameterNamingIt(String query, String parameter) {
		String token = api().tokenFor("failures-" + UUID.randomUUID());
		String id = api().postJob(token, aJob().withPhotos(1).toJson()).json().get("id").asString();

		Response response = api().get("/api/v1/jobs/" + id + "/failures?" + query, token);

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-query");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(parameter);
	}

	/**
	 * A job of 100 photos in one chunk whose photos {@link #REJECTED} the database
	 * refused, recorded as a worker records them.
	 */
	private String jobWithRejectedPhotos(String token) {
		Response created = api().postJob(token, aJob().withPhotos(100).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		UUID id = UUID.fromString(created.json().get("id").asString());
		this.jdbc.update("INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written, failed) "
				+ "VALUES (?, 0, 'WRITTEN', 100, 95, 5)", id);
		// in reverse, so that the listing's order is not the insertion order
		for (int i = REJECTED.length - 1; i >= 0; i--) {
			this.jdbc.update(
					"INSERT INTO failed_photo (job_id, photo_index, chunk_index, url, caption, sqlstate, reason) "
							+ "VALUES (?, ?, 0, ?, 'x', '22021', 'invalid byte sequence for encoding \"UTF8\": 0x00')",
					id, REJECTED[i], "https://cdn.example.com/rejected/" + REJECTED[i] + ".jpg");
		}
		this.jdbc.update("UPDATE import_job SET status = 'COMPLETED_WITH_ERRORS', chunks_done = 1, written = 95, "
				+ "failed = 5, finished_at = now() WHERE id = ?", id);
		return id.toString();
	}

}
