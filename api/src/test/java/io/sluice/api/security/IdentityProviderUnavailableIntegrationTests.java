package io.sluice.api.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider's JWK set unreachable, as in an outage of the provider or of the
 * network to it: a token the API cannot check is answered 503 {@code unavailable} with
 * {@code Retry-After}, never a 500 and never a 401 that would send the client to log in
 * again; once the keys answer again, the same token is served.
 */
class IdentityProviderUnavailableIntegrationTests extends ApiIntegrationTest {

	private static final AtomicBoolean keysAnswer = new AtomicBoolean(false);

	private static final HttpServer keys = keysServer();

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks");
		registry.add("sluice.auth.issuer", TestIdentityProvider.shared()::issuer);
	}

	@AfterAll
	static void stopKeys() {
		keys.stop(0);
	}

	@Test
	void answers503WhileTheKeysCannotBeFetchedAndServesTheTokenOnceTheyCan() {
		String token = TestIdentityProvider.shared().tokenFor("idp-outage", null);

		Response unavailable = api().get("/api/v1/jobs", token);

		JsonNode problem = assertProblem(unavailable, 503);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:unavailable");
		assertThat(problem.get("detail").asString()).contains("identity provider");
		assertThat(unavailable.header("Retry-After")).isEqualTo("5");
		assertThat(unavailable.header("WWW-Authenticate")).isNull();

		keysAnswer.set(true);

		assertThat(api().get("/api/v1/jobs", token).status()).isEqualTo(200);
	}

	/**
	 * Serves the test identity provider's JWK set while {@link #keysAnswer}, else answers
	 * 503 as a provider in trouble would.
	 */
	private static HttpServer keysServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/jwks", (exchange) -> {
				boolean up = keysAnswer.get();
				byte[] body = (up ? TestIdentityProvider.shared().jwkSet() : "provider unavailable")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(up ? 200 : 503, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
