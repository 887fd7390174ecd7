package io.sluice.api.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider's JWK set unreachable, as in an outage of the provider or of the
 * network to it: a token the API cannot check is answered 503 {@code unavailable} with
 * {@code Retry-After}, never a 500 and never a 401 that would send the client to log in
 * again; once the keys answer again, the same token is served. A provider that takes the
 * connection and never answers holds such requests for Nimbus's HTTP timeouts, which
 * Spring Security 7 sets on its default client (a client without them would wait for
 * ever), and meanwhile the API answers what needs no keys.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityProviderUnavailableIntegrationTests extends ApiIntegrationTest {

	private static final AtomicReference<Provider> provider = new AtomicReference<>(Provider.SILENT);

	/** Holds the silent provider's answers until the test lets them go. */
	private static final CountDownLatch silence = new CountDownLatch(1);

	private static final HttpServer keys = keysServer();

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks");
		registry.add("sluice.auth.issuer", TestIdentityProvider.shared()::issuer);
	}

	@AfterAll
	static void stopKeys() {
		silence.countDown();
		keys.stop(0);
	}

	@Test
	@Order(1)
	void answers503WhenTheProviderTakesTheConnectionAndNeverAnswers() {
		String token = TestIdentityProvider.shared().tokenFor("idp-silent", null);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Response>> waiting = IntStream.range(0, 8)
				.mapToObj((caller) -> CompletableFuture.supplyAsync(() -> api().get("/api/v1/jobs", token), callers))
				.toList();

			assertThat(api().get("/livez", null).status()).as("the API answers what needs no keys meanwhile")
				.isEqualTo(200);
			assertThat(api().get("/api/v1/jobs", null).status()).isEqualTo(401);
			// without timeouts on the provider's client these would wait for ever (the
			// test's client gives up after a minute)
			assertThat(waiting).allSatisfy((answer) -> {
				JsonNode problem = assertProblem(answer.join(), 503);
				assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:unavailable");
				assertThat(answer.join().header("Retry-After")).isEqualTo("5");
			});
		}
		finally {
			callers.shutdownNow();
			provider.set(Provider.DOWN);
			silence.countDown();
		}
	}

	@Test
	@Order(2)
	void answers503WhileTheKeysCannotBeFetchedAndServesTheTokenOnceTheyCan() {
		String token = TestIdentityProvider.shared().tokenFor("idp-outage", null);

		Response unavailable = api().get("/api/v1/jobs", token);

		JsonNode problem = assertProblem(unavailable, 503);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:unavailable");
		assertThat(problem.get("detail").asString()).contains("identity provider");
		assertThat(unavailable.header("Retry-After")).isEqualTo("5");
		assertThat(unavailable.header("WWW-Authenticate")).isNull();

		provider.set(Provider.UP);

		assertThat(api().get("/api/v1/jobs", token).status()).isEqualTo(200);
	}

	/**
	 * Serves the test identity provider's JWK set while {@link #provider} is up, answers
	 * 503 as a provider in trouble would while it is down, and reads the request and
	 * answers nothing while it is silent.
	 */
	private static HttpServer keysServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setExecutor(Executors.newCachedThreadPool());
			server.createContext("/jwks", (exchange) -> {
				if (provider.get() == Provider.SILENT) {
					awaitUninterruptibly(silence);
				}
				boolean up = provider.get() == Provider.UP;
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

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (latch.getCount() > 0) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private enum Provider {

		SILENT, DOWN, UP

	}

}
