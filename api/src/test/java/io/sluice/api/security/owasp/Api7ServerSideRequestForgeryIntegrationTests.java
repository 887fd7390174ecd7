package io.sluice.api.security.owasp;

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
 * OWASP API Security Top 10 (2023), <b>API7: Server Side Request Forgery</b>. The one URL
 * Sluice requests on a client's behalf is a job's callback (ADR 0041): a callback that is
 * not {@code https}, carries a user name or password, or points at this machine, a
 * private network, a link-local address (cloud metadata at {@code 169.254.169.254}), a
 * unique-local, multicast or unspecified address is refused at submit as a {@code 400}
 * naming {@code callback.url}, and nothing is stored. The worker's check of the resolved
 * address before each attempt (DNS rebinding) is {@code CallbackPostTests} in the worker;
 * the address classes one by one, {@code AddressClassTests} in common.
 */
class Api7ServerSideRequestForgeryIntegrationTests extends ApiIntegrationTest {

	private static final String RECEIVER = "https://hooks.example.com/sluice";

	@Autowired
	private JdbcTemplate jdbc;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "https://10.1.2.3/hook | must not point at a private address (10.1.2.3)",
			"https://127.0.0.1:8443/hook | must not point at a loopback address (127.0.0.1)",
			"https://localhost/hook | must not point at a loopback address: localhost is this machine",
			"https://169.254.169.254/latest/meta-data/ | must not point at a link-local address, where cloud metadata services answer (169.254.169.254)",
			"https://[fe80::1]/hook | must not point at a link-local address, where cloud metadata services answer ([fe80::1])",
			"https://[fd00::1]/hook | must not point at a unique-local IPv6 address ([fd00::1])",
			"https://224.0.0.1/hook | must not point at a multicast address (224.0.0.1)",
			"https://0.0.0.0/hook | must not point at the unspecified address (0.0.0.0)",
			"https://[::]/hook | must not point at the unspecified address ([::])",
			"https://[::1]/hook | must not point at a loopback address ([::1])",
			"http://hooks.example.com/sluice | must use the https scheme, not 'http'",
			"https://user:password@hooks.example.com/ | must not carry a user name or password; the receiver checks the Sluice-Signature header instead" })
	void refusesACallbackThatPointsWhereItMayNotAsA400NamingCallbackUrl(String url, String message) {
		String owner = "api7-" + UUID.randomUUID();
		Response response = api().postJob(api().tokenFor(owner), aJob().withPhotos(2).withCallback(url).toJson());

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-request");
		assertThat(problem.get("errorCount").asInt()).isOne();
		JsonNode error = problem.get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("callback.url");
		assertThat(error.get("index").isNull()).isTrue();
		assertThat(error.get("message").asString()).isEqualTo(message);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE owner = ?", Integer.class, owner))
			.as("nothing stored")
			.isZero();
	}

	@Test
	void refusesACallbackUrlLongerThan2048Characters() {
		String url = RECEIVER + "/" + "a".repeat(2048);
		JsonNode problem = assertProblem(
				api().postJob(api().tokenFor("api7-long"), aJob().withPhotos(1).withCallback(url).toJson()), 400);
		assertThat(problem.get("errors").get(0).get("message").asString())
			.isEqualTo("must be at most 2048 characters long (it has " + url.length() + ")");
	}

}
