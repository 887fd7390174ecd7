package io.sluice.api.security.owasp;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.EventStream;
import io.sluice.api.IdentityProviderIntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static io.sluice.api.Tokens.aToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP API Security Top 10 (2023), API5: Broken Function Level Authorization. With
 * {@code sluice.auth.require-scopes=true} (the identity-provider context), submitting and
 * cancelling need {@code sluice:write}, and reading a job, its events, its failures and
 * the listing need {@code sluice:read}; a token without the scope gets 403
 * {@code urn:sluice:problem:insufficient-scope} naming it in {@code requiredScope}, and
 * nothing changes. {@code /admin/**} needs {@code sluice:admin} whatever
 * {@code require-scopes} says ({@link WithoutRequiredScopes}, the shared HS256 context,
 * where any valid token may use the job endpoints).
 */
class Api5FunctionLevelAuthorizationIntegrationTests extends IdentityProviderIntegrationTest {

	private static final String READ = "sluice:read";

	private static final String WRITE = "sluice:write";

	@Test
	void aReadOnlyTokenCannotSubmit() {
		String owner = "api5-reader-" + System.nanoTime();
		String reader = identityProvider().tokenFor(owner, READ);

		assertNeedsScope(api().postJob(reader, aJob().withPhotos(1).toJson()), WRITE);

		Response listing = api().get("/api/v1/jobs", reader);
		assertThat(listing.status()).as(listing.toString()).isEqualTo(200);
		assertThat(listing.json().get("jobs")).as(listing.toString()).isEmpty();
	}

	@Test
	void aReadOnlyTokenCannotCancel() {
		String owner = "api5-canceller-" + System.nanoTime();
		String id = submit(owner);
		String reader = identityProvider().tokenFor(owner, READ);

		assertNeedsScope(api().delete("/api/v1/jobs/" + id, reader), WRITE);

		Response job = api().get("/api/v1/jobs/" + id, reader);
		assertThat(job.status()).as(job.toString()).isEqualTo(200);
		assertThat(job.json().get("status").asString()).isNotEqualTo("CANCELLED");
	}

	@Test
	void aWriteOnlyTokenCanSubmitAndCancelButNotRead() {
		String owner = "api5-writer-" + System.nanoTime();
		String writer = identityProvider().tokenFor(owner, WRITE);
		Response created = api().postJob(writer, aJob().withPhotos(2).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		String id = created.json().get("id").asString();

		assertNeedsScope(api().get("/api/v1/jobs/" + id, writer), READ);
		assertNeedsScope(api().get("/api/v1/jobs/" + id + "/failures", writer), READ);
		try (EventStream events = api().events("/api/v1/jobs/" + id + "/events", writer, null)) {
			assertThat(events.status()).as(events.body()).isEqualTo(403);
			assertThat(events.header("Content-Type")).startsWith("application/problem+json");
			assertThat(events.json().get("requiredScope").asString()).isEqualTo(READ);
		}
		assertNeedsScope(api().get("/api/v1/jobs", writer), READ);

		Response cancelled = api().delete("/api/v1/jobs/" + id, writer);
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
	}

	@Test
	void aTokenWithoutScopesCanDoNothing() {
		String owner = "api5-nobody-" + System.nanoTime();
		String id = submit(owner);
		String nobody = identityProvider().tokenFor(owner, null);

		assertNeedsScope(api().postJob(nobody, aJob().withPhotos(1).toJson()), WRITE);
		assertNeedsScope(api().delete("/api/v1/jobs/" + id, nobody), WRITE);
		assertNeedsScope(api().get("/api/v1/jobs/" + id, nobody), READ);
		assertNeedsScope(api().get("/api/v1/jobs", nobody), READ);
	}

	@Test
	void readsScopesFromAnScpListToo() {
		String token = aToken().issuedBy(identityProvider().issuer())
			.withScpClaim(READ)
			.signedWith(identityProvider().rsaKey());

		Response listing = api().get("/api/v1/jobs", token);
		assertThat(listing.status()).as(listing.toString()).isEqualTo(200);
		assertNeedsScope(api().postJob(token, aJob().withPhotos(1).toJson()), WRITE);
	}

	@Test
	void adminEndpointsNeedTheAdminScope() {
		String user = identityProvider().tokenFor("api5-user", READ + " " + WRITE);
		String admin = identityProvider().tokenFor("api5-admin", "sluice:admin");

		assertNeedsScope(api().get("/admin/albums/1", user), "sluice:admin");
		assertNeedsScope(api().send("PUT", "/admin/albums/1/owner", user, "application/json", "{\"owner\":\"bob\"}"),
				"sluice:admin");
		assertThat(api().get("/admin/albums/1", admin).status()).isNotIn(401, 403);
	}

	private String submit(String owner) {
		Response created = api().postJob(identityProvider().tokenFor(owner, READ + " " + WRITE),
				aJob().withPhotos(2).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		return created.json().get("id").asString();
	}

	private static void assertNeedsScope(Response response, String scope) {
		JsonNode problem = assertProblem(response, 403);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:insufficient-scope");
		assertThat(problem.get("requiredScope").asString()).isEqualTo(scope);
		assertThat(problem.get("detail").asString()).contains("needs the scope " + scope);
		assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope");
	}

	/**
	 * Scopes not required (the default, and the shared HS256 context): a token without
	 * any scope uses the job endpoints, but the admin endpoints still need
	 * {@code sluice:admin}.
	 */
	@Nested
	@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
	class WithoutRequiredScopes extends ApiIntegrationTest {

		@Test
		void aTokenWithoutScopesMayUseTheJobEndpoints() {
			String token = aToken().forSubject("api5-unscoped-" + System.nanoTime()).withScope(null).signedWith(SECRET);

			Response created = api().postJob(token, aJob().withPhotos(1).toJson());
			assertThat(created.status()).as(created.toString()).isEqualTo(202);
			Response job = api().get(created.header("Location"), token);
			assertThat(job.status()).as(job.toString()).isEqualTo(200);
		}

		@Test
		void adminEndpointsStillNeedTheAdminScope() {
			assertNeedsScope(api().get("/admin/albums/1", api().tokenFor("api5-user")), "sluice:admin");
		}

	}

}
