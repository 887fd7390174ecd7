package io.sluice.api.security;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.embedded.DevTokens;
import io.sluice.embedded.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Neither the JWT secret, nor a bearer token (good or forged), nor the datasource
 * password reaches the log, from start-up on, even with Spring Security, Spring MVC and
 * HikariCP logging at DEBUG. Its own context, so that its start-up is captured too.
 */
@DirtiesContext
@TestPropertySource(properties = { "logging.level.org.springframework.security=DEBUG",
		"logging.level.org.springframework.web=DEBUG", "logging.level.com.zaxxer.hikari=DEBUG",
		"logging.level.io.sluice=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIntegrationTests extends ApiIntegrationTest {

	/**
	 * The embedded PostgreSQL trusts loopback connections and ignores the password, so
	 * the test can give one that cannot appear in the log by chance.
	 */
	private static final String DATASOURCE_PASSWORD = "sluice-datasource-password-never-logged-7f3a";

	@DynamicPropertySource
	static void distinctivePassword(DynamicPropertyRegistry registry) {
		if (TestInfrastructure.shared().password().isEmpty()) {
			registry.add("spring.datasource.password", () -> DATASOURCE_PASSWORD);
		}
	}

	@Test
	void neverLogsTheJwtSecretOrABearerToken(CapturedOutput output) {
		String token = api().tokenFor("secretive-owner");
		String forged = DevTokens.mint("another-secret-that-is-long-enough-0123456789", "mallory");

		Response created = api().postJob(token, aJob().withPhotos(2).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		assertThat(api().get(created.header("Location"), token).status()).isEqualTo(200);
		assertThat(api().get("/api/v1/jobs", forged).status()).isEqualTo(401);
		assertThat(api().get("/api/v1/jobs", "not.a.jwt").status()).isEqualTo(401);

		assertThat(output.getAll()).contains("Job " + created.json().get("id").asString() + " queued")
			.doesNotContain(SECRET)
			.doesNotContain(token)
			.doesNotContain(token.substring(token.lastIndexOf('.') + 1))
			.doesNotContain(forged)
			.doesNotContain("Bearer " + token.substring(0, 20));
	}

	@Test
	void neverLogsTheDatasourcePassword(CapturedOutput output) {
		assumeThat(TestInfrastructure.shared().password()).as("a database that ignores the password").isEmpty();

		assertThat(api().get("/readyz", null).status()).isEqualTo(200);

		assertThat(output.getAll()).contains("HikariPool").doesNotContain(DATASOURCE_PASSWORD);
	}

}
