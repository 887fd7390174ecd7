package io.sluice.api.album;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's album endpoints under {@code /admin/albums} (ADR 0032): only a token with
 * the scope {@code sluice:admin} gets in; a hand-over or an unshare cancels the open jobs
 * of owners who may no longer import into the album.
 */
class AlbumAdminIntegrationTests extends ApiIntegrationTest {

	private final String operator = Tokens.aToken().forSubject("operator").withScope("sluice:admin").signedWith(SECRET);

	@Test
	void refusesEveryCallerWithoutTheAdminScope() {
		long album = albumClaimedBy(owner("alice"));
		String path = "/admin/albums/" + album;

		assertProblem(api().get(path, null), 401);
		JsonNode owners = assertProblem(api().get(path, api().tokenFor(owner("alice"))), 403);
		assertThat(owners.get("detail").asString()).doesNotContain("alice");
		assertThat(owners.get("requiredScope").asString()).isEqualTo("sluice:admin");
		assertProblem(
				api().get(path,
						Tokens.aToken().forSubject("reader").withScope("sluice:read sluice:write").signedWith(SECRET)),
				403);
		assertProblem(put(path + "/owner",
				Tokens.aToken().forSubject("almost").withScope("sluice:administrator").signedWith(SECRET),
				"{\"owner\": \"x\"}"), 403);
		assertProblem(api().send("PUT", path + "/shares/bob", api().tokenFor("bob"), null, null), 403);
		assertProblem(api().delete(path + "/shares/bob", api().tokenFor("bob")), 403);
	}

	@Test
	void showsWhoOwnsAnAlbumAndWhomItIsSharedWith() {
		String alice = owner("alice");
		long album = albumClaimedBy(alice);

		Response shown = api().get("/admin/albums/" + album, this.operator);

		assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
		assertThat(shown.json().get("albumId").asLong()).isEqualTo(album);
		assertThat(shown.json().get("owner").asString()).isEqualTo(alice);
		assertThat(shown.json().get("claimedAt").isNull()).isFalse();
		assertThat(shown.json().get("sharedWith").isEmpty()).isTrue();
		JsonNode unknown = assertProblem(api().get("/admin/albums/" + unclaimedAlbum(), this.operator), 404);
		assertThat(unknown.get("type").asString()).isEqualTo("urn:sluice:problem:album-not-found");
	}

	@Test
	void handsAnAlbumOverCancellingTheFormerOwnersOpenJobs() {
		String alice = owner("alice");
		String bob = owner("bob");
		Response alicesJob = claimedBy(alice);
		long album = alicesJob.json().get("albumId").asLong();

		Response handedOver = put("/admin/albums/" + album + "/owner", this.operator, "{\"owner\": \"" + bob + "\"}");

		assertThat(handedOver.status()).as(handedOver.toString()).isEqualTo(200);
		assertThat(handedOver.json().get("album").get("owner").asString()).isEqualTo(bob);
		assertThat(handedOver.json().get("cancelledJobs").get(0).asString())
			.isEqualTo(alicesJob.json().get("id").asString());
		JsonNode cancelled = api().get(alicesJob.header("Location"), api().tokenFor(alice)).json();
		assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.get("photos").get("cancelled").asInt()).isEqualTo(2);
		assertThat(submit(alice, album).status()).isEqualTo(403);
		assertThat(submit(bob, album).status()).isEqualTo(202);
	}

	@Test
	void givesAnAlbumNoOneOwnsToAnOwner() {
		long album = unclaimedAlbum();
		String carol = owner("carol");

		Response given = put("/admin/albums/" + album + "/owner", this.operator, "{\"owner\": \"" + carol + "\"}");

		assertThat(given.status()).as(given.toString()).isEqualTo(200);
		assertThat(given.json().get("cancelledJobs").isEmpty()).isTrue();
		assertThat(submit(owner("dave"), album).status()).isEqualTo(403);
		assertThat(submit(carol, album).status()).isEqualTo(202);
	}

	@Test
	void sharesAnAlbumAndStopsSharingIt() {
		String alice = owner("alice");
		String bob = owner("bob");
		long album = albumClaimedBy(alice);
		assertThat(submit(bob, album).status()).isEqualTo(403);

		Response shared = api().send("PUT", "/admin/albums/" + album + "/shares/" + bob, this.operator, null, null);

		assertThat(shared.status()).as(shared.toString()).isEqualTo(200);
		assertThat(shared.json().get("album").get("sharedWith").get(0).asString()).isEqualTo(bob);
		Response bobsJob = submit(bob, album);
		assertThat(bobsJob.status()).as(bobsJob.toString()).isEqualTo(202);

		Response unshared = api().delete("/admin/albums/" + album + "/shares/" + bob, this.operator);

		assertThat(unshared.status()).as(unshared.toString()).isEqualTo(200);
		assertThat(unshared.json().get("album").get("sharedWith").isEmpty()).isTrue();
		assertThat(unshared.json().get("cancelledJobs").get(0).asString())
			.isEqualTo(bobsJob.json().get("id").asString());
		assertThat(api().get(bobsJob.header("Location"), api().tokenFor(bob)).json().get("status").asString())
			.isEqualTo("CANCELLED");
		assertThat(submit(bob, album).status()).isEqualTo(403);
		assertThat(submit(alice, album).status()).as("the owner's own jobs are left alone").isEqualTo(202);
	}

	@Test
	void answersInvalidRequestsWithProblemsNamingTheField() {
		long album = albumClaimedBy(owner("alice"));

		JsonNode badId = assertProblem(api().get("/admin/albums/twelve", this.operator), 400);
		assertThat(badId.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-request");
		assertThat(badId.get("errors").get(0).get("field").asString()).isEqualTo("albumId");
		JsonNode blank = assertProblem(put("/admin/albums/" + album + "/owner", this.operator, "{\"owner\": \" \"}"),
				400);
		assertThat(blank.get("errors").get(0).get("field").asString()).isEqualTo("owner");
		assertProblem(put("/admin/albums/" + album + "/owner", this.operator, "{}"), 400);
		JsonNode unowned = assertProblem(
				api().send("PUT", "/admin/albums/" + unclaimedAlbum() + "/shares/bob", this.operator, null, null), 404);
		assertThat(unowned.get("type").asString()).isEqualTo("urn:sluice:problem:album-not-found");
	}

	@Test
	void documentsTheEndpointsAndTheRefusalInTheOpenApiDocument() {
		JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");

		assertThat(paths.get("/admin/albums/{albumId}/owner").has("put")).isTrue();
		assertThat(paths.get("/admin/albums/{albumId}/shares/{owner}").has("delete")).isTrue();
		assertThat(paths.get("/admin/albums/{albumId}").get("get").get("responses").has("403")).isTrue();
		assertThat(paths.get("/api/v1/jobs").get("post").get("responses").get("403").get("description").asString())
			.contains("album-forbidden");
	}

	private Response put(String path, String token, String json) {
		return api().send("PUT", path, token, "application/json", json);
	}

	private long albumClaimedBy(String owner) {
		return claimedBy(owner).json().get("albumId").asLong();
	}

	private Response claimedBy(String owner) {
		Response claimed = submit(owner, unclaimedAlbum());
		assertThat(claimed.status()).as(claimed.toString()).isEqualTo(202);
		return claimed;
	}

	private Response submit(String owner, long album) {
		return api().postJob(api().tokenFor(owner), aJob().inAlbum(album).withPhotos(2).toJson());
	}

	private static long unclaimedAlbum() {
		return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
	}

	private static String owner(String name) {
		return name + "-" + UUID.randomUUID();
	}

}
