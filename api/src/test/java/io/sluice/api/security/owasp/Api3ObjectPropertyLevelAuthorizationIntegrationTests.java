package io.sluice.api.security.owasp;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.ChunkTopic;
import io.sluice.api.EventStream;
import io.sluice.api.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OWASP API Security Top 10 (2023), <b>API3: Broken Object Property Level
 * Authorization</b>. Mass assignment: a submit body, or an operator's hand-over body,
 * that also sets properties the server owns ({@code owner}, {@code status},
 * {@code written}, {@code id}, a photo's {@code jobId}, {@code claimedAt}, ...) is
 * refused with a 400 naming the property, as any property the request does not define is
 * throughout the API (ADR 0044), and nothing of it is stored. Excessive data exposure: a
 * job's view, wherever it is served (submit, read, cancel, listing, events), holds the
 * caller's own figures and nothing of the owner, the idempotency key, the request hash or
 * the chunking, and no problem body names another owner or carries a stack trace.
 */
class Api3ObjectPropertyLevelAuthorizationIntegrationTests extends ApiIntegrationTest {

	/** The properties of a job's view, in order: nothing else is ever sent. */
	private static final List<String> VIEW = List.of("id", "albumId", "status", "photos", "createdAt", "updatedAt",
			"finishedAt", "failureReason", "etaSeconds");

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aSubmitThatSetsServerOwnedPropertiesIsRefusedNamingThemAndStoresNothing() {
		String mallory = "api3-mallory-" + UUID.randomUUID();
		String victim = "api3-victim-" + UUID.randomUUID();
		String chosenId = UUID.randomUUID().toString();
		long album = aJob().albumId();
		String token = api().tokenFor(mallory);
		String jobProperties = """
				{"albumId": %d, "owner": "%s", "id": "%s", "status": "COMPLETED", "written": 1000,
				 "photos": [{"url": "https://cdn.example.com/a.jpg"}]}
				""".formatted(album, victim, chosenId);
		String photoProperty = """
				{"albumId": %d, "photos": [{"url": "https://cdn.example.com/a.jpg"},
				 {"url": "https://cdn.example.com/b.jpg", "jobId": "%s"}]}
				""".formatted(album, chosenId);

		JsonNode ofTheJob = assertProblem(api().postJob(token, jobProperties), 400);
		JsonNode ofAPhoto = assertProblem(api().postJob(token, photoProperty), 400);

		assertThat(ofTheJob.get("type").asString()).isEqualTo("urn:sluice:problem:malformed-body");
		assertThat(ofTheJob.get("errors").get(0).get("field").asString()).isEqualTo("owner");
		assertThat(ofTheJob.get("errors").get(0).get("message").asString())
			.isEqualTo("is not a property of this object; its properties are albumId, callback, photos");
		assertThat(ofTheJob.get("detail").asString()).contains("'owner'").doesNotContain(victim);
		assertThat(ofAPhoto.get("errors").get(0).get("index").asInt()).isOne();
		assertThat(ofAPhoto.get("errors").get(0).get("field").asString()).isEqualTo("jobId");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM import_job WHERE owner IN (?, ?) OR id = ?::uuid OR album_id = ?", Integer.class,
				mallory, victim, chosenId, album))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM album_owner WHERE album_id = ?", Integer.class, album))
			.as("no one claimed the album")
			.isZero();
		assertThat(ChunkTopic.committedChunksOfAlbum(album)).isEmpty();
	}

	@Test
	void aJobsViewExposesNothingButTheCallersOwnFiguresWhereverItIsServed() {
		String owner = "api3-owner-" + UUID.randomUUID();
		String token = api().tokenFor(owner);
		Response submitted = api().postJob(token, aJob().withPhotos(150).toJson(), "Idempotency-Key",
				"api3-" + UUID.randomUUID());
		String id = submitted.json().get("id").asString();

		List<JsonNode> views = new ArrayList<>();
		views.add(submitted.json());
		views.add(api().get("/api/v1/jobs/" + id, token).json());
		views.add(api().get("/api/v1/jobs", token).json().get("jobs").get(0));
		try (EventStream events = api().events("/api/v1/jobs/" + id + "/events", token, null)) {
			await().until(() -> !events.events().isEmpty());
			views.add(events.events().get(0).json());
		}
		views.add(api().delete("/api/v1/jobs/" + id, token).json());

		assertThat(views).allSatisfy((view) -> {
			assertThat(propertyNames(view)).isEqualTo(VIEW);
			assertThat(propertyNames(view.get("photos"))).containsExactly("total", "written", "duplicate", "failed",
					"cancelled");
			assertThat(view.toString()).doesNotContain(owner).doesNotContain("api3-");
		});
	}

	@Test
	void anOperatorsHandOverThatSetsMoreThanTheOwnerIsRefusedAndChangesNothing() {
		String alice = "api3-alice-" + UUID.randomUUID();
		long album = aJob().albumId();
		assertThat(api().postJob(api().tokenFor(alice), aJob().inAlbum(album).withPhotos(1).toJson()).status())
			.isEqualTo(202);
		String operator = Tokens.aToken().forSubject("operator").withScope("sluice:admin").signedWith(SECRET);

		Response answer = api().send("PUT", "/admin/albums/" + album + "/owner", operator, "application/json", """
				{"owner": "mallory", "claimedAt": "2000-01-01T00:00:00Z", "sharedWith": ["mallory"]}
				""");

		JsonNode problem = assertProblem(answer, 400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("claimedAt");
		assertThat(this.jdbc.queryForObject("SELECT owner FROM album_owner WHERE album_id = ?", String.class, album))
			.isEqualTo(alice);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM album_share WHERE album_id = ? OR owner = 'mallory'",
				Integer.class, album))
			.isZero();
	}

	@Test
	void refusalsNameNoOtherOwnerAndCarryNoStackTrace() {
		String alice = "api3-alice-" + UUID.randomUUID();
		long album = aJob().albumId();
		api().postJob(api().tokenFor(alice), aJob().inAlbum(album).withPhotos(1).toJson());
		String bob = api().tokenFor("api3-bob-" + UUID.randomUUID());

		List<Response> refusals = List.of(api().postJob(bob, aJob().inAlbum(album).withPhotos(1).toJson()),
				api().get("/api/v1/jobs/" + UUID.randomUUID(), bob), api().get("/admin/albums/" + album, bob),
				api().postJob(bob, "{\"albumId\": "), api().get("/api/v1/jobs?limit=oops", bob));

		assertThat(refusals).allSatisfy((refusal) -> {
			assertThat(refusal.status()).as(refusal.toString()).isBetween(400, 499);
			assertThat(refusal.contentType()).startsWith("application/problem+json");
			assertThat(refusal.body()).doesNotContain(alice)
				.doesNotContain("Exception")
				.doesNotContain("at io.sluice")
				.doesNotContain("trace");
		});
	}

	private static List<String> propertyNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

}
