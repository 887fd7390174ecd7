package io.sluice.api.security.owasp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP API Security Top 10 (2023), API8: Security Misconfiguration. Against the running
 * API on its public port: every response (the API, the page and its assets, problem
 * bodies) carries the security headers (ADR 0034); nothing of the actuator is served
 * there; errors provoked on purpose (malformed JSON, a wrong content type, an unknown
 * path, a wrong method, a huge header, a bad id) answer problem bodies that carry no
 * stack trace, exception class name, SQL or server version; CORS grants no other origin
 * anything; {@code TRACE} echoes nothing.
 */
class Api8SecurityMisconfigurationIntegrationTests extends ApiIntegrationTest {

	/**
	 * Words a leaked stack trace, exception, SQL statement or server banner would show.
	 */
	private static final List<String> LEAKS = List.of("Exception", "exception", "\tat ", "at java.", "at org.",
			"at io.sluice", "java.lang", "org.springframework", "org.apache", "tools.jackson", "io.sluice", "SELECT ",
			"INSERT ", "UPDATE ", "SQLState", "org.postgresql", "Tomcat", "trace");

	private static final String ELSEWHERE = "https://attacker.example";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@Test
	void setsTheSecurityHeadersOnTheApiThePageAndProblems() {
		String token = api().tokenFor("api8-headers");
		Map<String, Response> responses = Map.of("a job list", api().get("/api/v1/jobs", token), "the page",
				api().get("/", null), "the page's script", api().get("/page.js", null), "the page's style",
				api().get("/page.css", null), "a 401 problem", api().get("/api/v1/jobs", null), "a 404 problem",
				api().get("/api/v1/jobs/" + UUID.randomUUID(), token), "a 400 problem",
				api().postJob(token, "{\"albumId\": 0, \"photos\": []}"), "the readiness probe",
				api().get("/readyz", null), "the API document", api().get("/v3/api-docs", null));

		responses.forEach((what, response) -> {
			String csp = response.header("Content-Security-Policy");
			assertThat(csp).as("Content-Security-Policy of %s", what)
				.isNotNull()
				.contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
						"object-src 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval", "*");
			assertThat(response.header("X-Content-Type-Options")).as("nosniff on %s", what).isEqualTo("nosniff");
			assertThat(response.header("Referrer-Policy")).as("Referrer-Policy of %s", what).isEqualTo("no-referrer");
			assertThat(response.header("X-Frame-Options")).as("X-Frame-Options of %s", what).isEqualTo("DENY");
			assertThat(response.header("Server")).as("no Server header on %s", what).isNull();
			assertThat(response.header("X-Powered-By")).as("no X-Powered-By on %s", what).isNull();
		});
	}

	/** Swagger UI's bundle applies inline styles; it may do that and nothing more. */
	@Test
	void allowsSwaggerUiInlineStylesButNoInlineScript() {
		Response swaggerUi = api().get("/swagger-ui/index.html", null);

		assertThat(swaggerUi.status()).isEqualTo(200);
		assertThat(swaggerUi.header("Content-Security-Policy")).contains("script-src 'self';",
				"style-src 'self' 'unsafe-inline';", "frame-ancestors 'none'");
		assertThat(swaggerUi.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void setsTheSecurityHeadersOnTheManagementPortToo() {
		Response health = management().get("/actuator/health", null);

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(health.header("Content-Security-Policy")).contains("default-src 'self'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/prometheus", "/actuator/health", "/actuator/health/readiness",
			"/actuator/env", "/actuator/heapdump", "/actuator/beans", "/actuator/loggers" })
	void servesNoActuatorEndpointOnThePublicPort(String path) {
		assertProblem(api().get(path, null), 401);
		Response authenticated = assertNoLeak(api().get(path, api().tokenFor("api8-actuator")), 404);
		assertThat(authenticated.body()).doesNotContain("jvm_", "\"components\"");
	}

	@Test
	void answersMalformedJsonWithAProblemThatLeaksNothing() {
		Response response = api().postJob(api().tokenFor("api8-json"), "{\"albumId\": 1, \"photos\": [{\"url\": ");

		assertNoLeak(response, 400);
	}

	@Test
	void answersAWrongContentTypeWithAProblemThatLeaksNothing() {
		Response response = api().send("POST", "/api/v1/jobs", api().tokenFor("api8-type"), "application/xml",
				"<job><albumId>1</albumId></job>");

		assertNoLeak(response, 415);
	}

	@Test
	void answersAnUnknownPathWithAProblemThatLeaksNothing() {
		assertNoLeak(api().get("/api/v1/nothing-here", api().tokenFor("api8-unknown")), 404);
		assertNoLeak(api().get("/api/v1/nothing-here", null), 401);
	}

	@Test
	void answersAWrongMethodWithAProblemThatLeaksNothing() {
		Response response = api().send("PUT", "/api/v1/jobs", api().tokenFor("api8-method"), "application/json",
				aJob().withPhotos(1).toJson());

		assertNoLeak(response, 405);
	}

	@Test
	void answersABadIdWithAProblemThatLeaksNothing() {
		String token = api().tokenFor("api8-id");
		assertNoLeak(api().get("/api/v1/jobs/not-a-uuid", token), 404);
		assertNoLeak(api().get("/api/v1/jobs/'%20OR%201=1--", token), 404);
		assertNoLeak(api().get("/api/v1/jobs/" + UUID.randomUUID() + "/failures?limit=abc", token), 400);
		assertNoLeak(api().get("/api/v1/jobs?cursor=%27%3B%20DROP%20TABLE%20import_job%3B--", token), 400);
	}

	@Test
	void answersAHugeHeaderWithoutLeakingAnything() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Authorization", "Bearer " + api().tokenFor("api8-header"))
			.header("X-Padding", "x".repeat(64 * 1024))
			.GET());

		assertThat(response.statusCode()).as(response.toString()).isIn(400, 431);
		assertThat(response.body()).as(response.toString()).doesNotContain(LEAKS.toArray(String[]::new));
		assertThat(response.headers().firstValue("Server")).isEmpty();
	}

	@Test
	void refusesTraceWithoutEchoingTheRequest() {
		String canary = "canary-" + UUID.randomUUID();
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Authorization", "Bearer " + api().tokenFor("api8-trace"))
			.header("X-Canary", canary)
			.method("TRACE", BodyPublishers.noBody()));

		assertThat(response.statusCode()).as(response.toString()).isEqualTo(405);
		assertThat(response.body()).doesNotContain(canary, "Authorization", "Bearer");
		assertThat(response.headers().firstValue("Content-Type").orElse("")).doesNotContain("message/http");
	}

	@Test
	void grantsNoOtherOriginACrossOriginRequest() {
		HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Origin", ELSEWHERE)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization, content-type")
			.method("OPTIONS", BodyPublishers.noBody()));
		HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
			.header("Origin", ELSEWHERE)
			.header("Authorization", "Bearer " + api().tokenFor("api8-cors"))
			.GET());

		for (HttpResponse<String> response : List.of(preflight, read)) {
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(response.toString()).isEmpty();
			assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).as(response.toString())
				.isEmpty();
		}
	}

	/**
	 * Asserts a problem body of the status that names no class, statement, stack frame or
	 * server.
	 */
	private static Response assertNoLeak(Response response, int status) {
		assertProblem(response, status);
		assertThat(response.body()).as(response.toString()).doesNotContain(LEAKS.toArray(String[]::new));
		assertThat(response.json().has("trace")).isFalse();
		assertThat(response.json().has("exception")).isFalse();
		return response;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
