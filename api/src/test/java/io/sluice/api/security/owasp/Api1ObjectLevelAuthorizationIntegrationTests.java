package io.sluice.api.security.owasp;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.ChunkTopic;
import io.sluice.api.EventStream;
import io.sluice.api.JobRequests;
import io.sluice.common.chunk.PhotoChunk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP API Security Top 10 (2023), <b>API1: Broken Object Level Authorization</b>. Every
 * endpoint that names an object (a job by id: its view, events, failed photos and cancel;
 * the job listing and its album filter; an album by id, in a submit and at the operators'
 * endpoints), called by bob about alice's objects: bob can neither read nor change them,
 * nor learn that they exist, and cannot learn what alice's album holds through duplicate
 * counts, since his job for her album is refused before it is stored.
 */
class Api1ObjectLevelAuthorizationIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	private final String aliceName = "api1-alice-" + UUID.randomUUID();

	private String alice;

	private String bob;

	private JobRequests alicesRequest;

	private String alicesJob;

	private final String alicesKey = "owasp-api1-" + UUID.randomUUID();

	@BeforeEach
	void aliceHasAJob() {
		this.alice = api().tokenFor(this.aliceName);
		this.bob = api().tokenFor("api1-bob-" + UUID.randomUUID());
		this.alicesRequest = aJob().withPhotos(20);
		Response created = api().postJob(this.alice, this.alicesRequest.toJson(), "Idempotency-Key", this.alicesKey);
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		this.alicesJob = created.json().get("id").asString();
	}

	@Test
	void bobCannotReadAlicesJobAndCannotTellItFromAJobThatDoesNotExist() {
		String unknown = UUID.randomUUID().toString();
		for (String suffix : List.of("", "/failures")) {
			Response alices = api().get("/api/v1/jobs/" + this.alicesJob + suffix, this.bob);
			Response nobodys = api().get("/api/v1/jobs/" + unknown + suffix, this.bob);

			assertProblem(alices, 404);
			assertThat(alices.body()).doesNotContain("api1-alice");
			assertThat(withoutId(alices.json(), this.alicesJob)).as(suffix)
				.isEqualTo(withoutId(nobodys.json(), unknown));
		}
	}

	@Test
	void bobCannotFollowAlicesJobsEvents() {
		try (EventStream stream = api().events("/api/v1/jobs/" + this.alicesJob + "/events", this.bob, null)) {
			assertThat(stream.status()).as(stream.toString()).isEqualTo(404);
			assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
			assertThat(stream.body()).doesNotContain("\"status\":\"QUEUED\"");
		}
	}

	@Test
	void bobCannotCancelAlicesJob() {
		Response cancel = api().delete("/api/v1/jobs/" + this.alicesJob, this.bob);

		assertProblem(cancel, 404);
		assertThat(api().get("/api/v1/jobs/" + this.alicesJob, this.alice).json().get("status").asString())
			.isEqualTo("QUEUED");
	}

	@Test
	void bobsListingNeverShowsAlicesJobsEvenFilteredByHerAlbum() {
		api().postJob(this.bob, aJob().withPhotos(1).toJson());

		for (String query : List.of("", "?albumId=" + this.alicesRequest.albumId(), "?status=QUEUED&limit=100")) {
			Response listed = api().get("/api/v1/jobs" + query, this.bob);
			assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
			List<String> ids = new ArrayList<>();
			listed.json().get("jobs").forEach((job) -> ids.add(job.get("id").asString()));
			assertThat(ids).as(query).doesNotContain(this.alicesJob);
			assertThat(listed.body()).doesNotContain("api1-alice");
		}
		assertThat(api().get("/api/v1/jobs?albumId=" + this.alicesRequest.albumId(), this.bob).json().get("jobs"))
			.isEmpty();
	}

	@Test
	void bobCannotImportIntoAlicesAlbumNorLearnWhatItHolds() {
		// alice's very photos into alice's album: were it accepted, its duplicate count
		// would tell bob which photos she has
		JobRequests probe = aJob().inAlbum(this.alicesRequest.albumId());
		this.alicesRequest.photos()
			.forEach((photo) -> probe.withPhoto((String) photo.get("url"), (String) photo.get("caption")));

		JsonNode refused = assertProblem(api().postJob(this.bob, probe.toJson()), 403);
		JsonNode refusedAgain = assertProblem(api().postJob(this.bob,
				aJob().inAlbum(this.alicesRequest.albumId())
					.withPhoto("https://cdn.example.com/never-imported.jpg", null)
					.toJson()),
				403);

		assertThat(refused.get("type").asString()).isEqualTo("urn:sluice:problem:album-forbidden");
		assertThat(refused).as("the same answer whatever bob sends").isEqualTo(refusedAgain);
		assertThat(refused.has("photos")).isFalse();
		assertThat(refused.toString()).doesNotContain("api1-alice").doesNotContain("duplicate");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE album_id = ? AND owner <> ?",
				Integer.class, this.alicesRequest.albumId(), this.aliceName))
			.as("jobs of anyone but alice in her album")
			.isZero();
		assertThat(ChunkTopic.committedChunksOfAlbum(this.alicesRequest.albumId())).extracting(PhotoChunk::jobId)
			.extracting(UUID::toString)
			.containsOnly(this.alicesJob);
	}

	@Test
	void bobsIdempotencyKeyNeverAnswersWithAlicesJob() {
		Response withAlicesKey = api().postJob(this.bob, this.alicesRequest.toJson(), "Idempotency-Key",
				this.alicesKey);

		assertProblem(withAlicesKey, 403);
		assertThat(withAlicesKey.header("Idempotent-Replayed")).isNull();
		assertThat(withAlicesKey.body()).doesNotContain(this.alicesJob);
		Response inHisOwnAlbum = api().postJob(this.bob, aJob().withPhotos(20).toJson(), "Idempotency-Key",
				this.alicesKey);
		assertThat(inHisOwnAlbum.status()).as(inHisOwnAlbum.toString()).isEqualTo(202);
		assertThat(inHisOwnAlbum.json().get("id").asString()).isNotEqualTo(this.alicesJob);
	}

	@Test
	void bobCannotReadNorChangeAlicesAlbumAtTheOperatorsEndpoints() {
		String album = "/admin/albums/" + this.alicesRequest.albumId();

		List<Response> answers = List.of(api().get(album, this.bob),
				api().send("PUT", album + "/owner", this.bob, "application/json", "{\"owner\": \"bob\"}"),
				api().send("PUT", album + "/shares/bob", this.bob, null, null),
				api().delete(album + "/shares/bob", this.bob));

		assertThat(answers).allSatisfy((answer) -> {
			assertProblem(answer, 403);
			assertThat(answer.body()).doesNotContain("api1-alice");
		});
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM album_share WHERE album_id = ?", Integer.class,
				this.alicesRequest.albumId()))
			.isZero();
		assertThat(
				api().postJob(this.alice, aJob().inAlbum(this.alicesRequest.albumId()).withPhotos(1).toJson()).status())
			.as("alice still owns her album")
			.isEqualTo(202);
	}

	private static JsonNode withoutId(JsonNode problem, String id) {
		ObjectNode copy = (ObjectNode) problem.deepCopy();
		copy.put("detail", copy.get("detail").asString().replace(id, "ID"));
		copy.put("instance", copy.get("instance").asString().replace(id, "ID"));
		return copy;
	}

}
