package io.sluice.api.security;

import java.time.Duration;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.embedded.DevTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationIntegrationTests extends ApiIntegrationTest {

	@Test
	void refusesARequestWithoutATokenWithAProblem() {
		Response response = api().postJob(null, aJob().withPhotos(1).toJson());

		JsonNode problem = assertProblem(response, 401, "urn:sluice:problem:token-required");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/jobs");
	}

	@Test
	void refusesATokenSignedWithAnotherSecret() {
		String forged = DevTokens.mint("another-secret-that-is-long-enough-0123456789", "mallory");

		Response response = api().postJob(forged, aJob().withPhotos(1).toJson());

		JsonNode problem = assertProblem(response, 401, "urn:sluice:problem:invalid-token");
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
		assertThat(problem.get("detail").asString()).contains("signature");
	}

	@Test
	void refusesAnExpiredToken() {
		String expired = DevTokens.mint(SECRET, "alice", Duration.ofMinutes(-10));

		assertProblem(api().get("/api/v1/jobs/" + UUID.randomUUID(), expired), 401, "urn:sluice:problem:invalid-token");
	}

	@Test
	void refusesAGarbledToken() {
		assertProblem(api().get("/api/v1/jobs/" + UUID.randomUUID(), "not.a.jwt"), 401,
				"urn:sluice:problem:invalid-token");
	}

	/**
	 * Spring Security also reads {@code Authorization: DPoP <token>} (RFC 9449). A good
	 * token sent that way without a proof, with a garbage proof, or with a proof not
	 * bound to it, is refused with a problem, never served and never a 500.
	 */
	@Test
	void refusesATokenSentUnderTheDPoPSchemeWithoutAProofBoundToIt() {
		String token = api().tokenFor("dpop-prober");
		String path = "/api/v1/jobs";

		for (String[] headers : new String[][] { { "Authorization", "DPoP " + token },
				{ "Authorization", "DPoP " + token, "DPoP", "not.a.proof" },
				{ "Authorization", "DPoP " + token, "DPoP", token } }) {
			Response response = api().get(path, null, headers);
			JsonNode problem = assertProblem(response, 401, "urn:sluice:problem:invalid-token");
			assertThat(response.header("WWW-Authenticate")).startsWith("DPoP");
			assertThat(problem.get("detail").asString()).contains("DPoP proof").doesNotContain(token);
		}
	}

	@Test
	void hidesAnotherOwnersJobExactlyLikeAnUnknownOne() {
		Response created = api().postJob(api().tokenFor("owner-a"), aJob().withPhotos(2).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		String id = created.json().get("id").asString();
		String unknown = UUID.randomUUID().toString();

		Response othersJob = api().get("/api/v1/jobs/" + id, api().tokenFor("owner-b"));
		Response unknownJob = api().get("/api/v1/jobs/" + unknown, api().tokenFor("owner-b"));
		Response malformedId = api().get("/api/v1/jobs/not-a-uuid", api().tokenFor("owner-b"));

		JsonNode hidden = assertProblem(othersJob, 404, "about:blank");
		JsonNode missing = assertProblem(unknownJob, 404, "about:blank");
		JsonNode malformed = assertProblem(malformedId, 404, "about:blank");
		assertThat(othersJob.body().replace(id, "ID")).isEqualTo(unknownJob.body().replace(unknown, "ID"))
			.isEqualTo(malformedId.body().replace("not-a-uuid", "ID"));
		assertThat(hidden.get("title").asString()).isEqualTo(missing.get("title").asString())
			.isEqualTo(malformed.get("title").asString());
		assertThat(api().get("/api/v1/jobs/" + id, api().tokenFor("owner-a")).status()).isEqualTo(200);
	}

	@Test
	void leavesHealthProbesOpen() {
		Response readiness = api().get("/readyz", null);
		Response liveness = api().get("/livez", null);

		assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
		assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
	}

	@Test
	void keepsOtherActuatorEndpointsClosed() {
		assertProblem(api().get("/actuator/env", null), 401, "urn:sluice:problem:token-required");
	}

	private static JsonNode assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo(type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title")).isNotNull();
		assertThat(problem.get("detail")).isNotNull();
		assertThat(problem.get("instance")).isNotNull();
		return problem;
	}

}
