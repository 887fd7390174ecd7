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
		return assertProblem(response.toString(), response.status(), response.contentType(), response.json(), status);
	}

	/**
	 * Asserts that an answer read off a plain socket is a problem of the given status.
	 * @param answer the answer
	 * @param status the expected status
	 * @return the problem body, for further checks
	 */
	public static JsonNode assertProblem(LargeBodies.Answer answer, int status) {
		return assertProblem(answer.toString(), answer.status(), answer.header("Content-Type"), answer.json(), status);
	}

	private static JsonNode assertProblem(String description, int actualStatus, String contentType, JsonNode problem,
			int status) {
		assertThat(actualStatus).as(description).isEqualTo(status);
		assertThat(contentType).as(description).startsWith("application/problem+json");
		assertThat(problem.get("type")).as("type").isNotNull();
		assertThat(problem.get("title")).as("title").isNotNull();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail")).as("detail").isNotNull();
		assertThat(problem.get("instance")).as("instance").isNotNull();
		return problem;
	}

}
