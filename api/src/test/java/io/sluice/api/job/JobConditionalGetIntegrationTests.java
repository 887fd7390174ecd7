package io.sluice.api.job;

import java.time.Duration;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/jobs/{id}} with {@code ETag} and {@code If-None-Match} (RFC 9110,
 * ADR 0039).
 */
class JobConditionalGetIntegrationTests extends ApiIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String UUID_PATTERN = "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}";

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void answersTheViewNamedInIfNoneMatchWith304AndNoBody() {
		String token = api().tokenFor("etag-" + UUID.randomUUID());
		String location = api().postJob(token, aJob().withPhotos(3).toJson()).header("Location");
		Response first = api().get(location, token);
		String etag = first.header("ETag");
		assertThat(etag).matches("W/\"\\d+\"");

		Response again = api().get(location, token, "If-None-Match", etag);

		assertThat(again.status()).as(again.toString()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.header("ETag")).isEqualTo(etag);
		assertThat(again.header("Retry-After")).as("the job has not ended").isNotNull();
		assertThat(etag).isEqualTo("W/\"" + first.json().get("updatedAt").asString().transform(this::micros) + "\"");
	}

	@Test
	void givesAChangedJobANewETagAndItsView() {
		String token = api().tokenFor("etag-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(3).toJson());
		String location = created.header("Location");
		String before = api().get(location, token).header("ETag");
		this.jdbc.update(
				"UPDATE import_job SET status = 'RUNNING', written = 1, chunks_done = 0, "
						+ "updated_at = clock_timestamp() WHERE id = ?",
				UUID.fromString(created.json().get("id").asString()));

		// a polled job may be answered from the poller's read, at most two ticks old
		await().atMost(WAIT).untilAsserted(() -> {
			Response changed = api().get(location, token, "If-None-Match", before);
			assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
			assertThat(changed.header("ETag")).isNotEqualTo(before);
			assertThat(changed.json().get("photos").get("written").asInt()).isEqualTo(1);
		});
	}

	@Test
	void followsRfc9110ForWeakStrongAnyAndListedTags() {
		String token = api().tokenFor("etag-" + UUID.randomUUID());
		String location = api().postJob(token, aJob().withPhotos(3).toJson()).header("Location");
		String weak = api().get(location, token).header("ETag");
		String strong = weak.substring(2);

		assertThat(api().get(location, token, "If-None-Match", weak).status()).isEqualTo(304);
		assertThat(api().get(location, token, "If-None-Match", strong).status()).as("compared weakly").isEqualTo(304);
		assertThat(api().get(location, token, "If-None-Match", "*").status()).as("any current view").isEqualTo(304);
		assertThat(api().get(location, token, "If-None-Match", "\"1\", W/\"2\" ," + weak).status()).isEqualTo(304);
		assertThat(api().get(location, token, "If-None-Match", "W/\"1\", \"2\"").status()).isEqualTo(200);
		Response malformed = api().get(location, token, "If-None-Match", weak.replace("\"", ""));
		assertThat(malformed.status()).as("a malformed header matches nothing").isEqualTo(200);
		assertThat(malformed.json().get("status").asString()).isEqualTo("QUEUED");
	}

	@Test
	void keepsAnotherOwnersJobA404WhateverIfNoneMatchSays() {
		String owner = api().tokenFor("etag-" + UUID.randomUUID());
		String location = api().postJob(owner, aJob().withPhotos(3).toJson()).header("Location");
		String etag = api().get(location, owner).header("ETag");
		String other = api().tokenFor("etag-other-" + UUID.randomUUID());
		Response unknown = api().get("/api/v1/jobs/" + UUID.randomUUID(), other, "If-None-Match", "*");

		for (String ifNoneMatch : new String[] { etag, etag.substring(2), "*", "W/\"1\"" }) {
			Response response = api().get(location, other, "If-None-Match", ifNoneMatch);
			assertProblem(response, 404);
			assertThat(response.header("ETag")).as(ifNoneMatch).isNull();
			assertThat(response.json().get("detail").asString().replaceAll(UUID_PATTERN, "ID"))
				.as("the same answer as a job that does not exist")
				.isEqualTo(unknown.json().get("detail").asString().replaceAll(UUID_PATTERN, "ID"));
		}
	}

	@Test
	void showsACancelAtOnceThoughThePollerReadTheJobBefore() {
		String token = api().tokenFor("etag-" + UUID.randomUUID());
		String location = api().postJob(token, aJob().withPhotos(3).toJson()).header("Location");
		String etag = api().get(location, token).header("ETag");
		api().get(location, token);

		api().delete(location, token);

		Response after = api().get(location, token, "If-None-Match", etag);
		assertThat(after.status()).as(after.toString()).isEqualTo(200);
		assertThat(after.json().get("status").asString()).isEqualTo("CANCELLED");
	}

	private String micros(String instant) {
		java.time.Instant at = java.time.Instant.parse(instant);
		return Long.toString(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
	}

}
