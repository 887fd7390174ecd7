package io.sluice.api;

import io.sluice.api.ApiClient.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check every error response of the API passes: an RFC 9457 problem with all five
 * members and the response's status.
 */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/**
	 * Asserts that a response is a problem of the given status.
	 * @param response the response
	 * @param status the expected status
	 * @return the problem body, for further checks
	 */
	public static JsonNode assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type")).as("type").isNotNull();
		assertThat(problem.get("title")).as("title").isNotNull();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail")).as("detail").isNotNull();
		assertThat(problem.get("instance")).as("instance").isNotNull();
		return problem;
	}

}
