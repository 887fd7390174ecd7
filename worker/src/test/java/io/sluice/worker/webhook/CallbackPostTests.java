package io.sluice.worker.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import io.sluice.common.webhook.CallbackUrlRule;
import io.sluice.worker.webhook.CallbackPost.Attempt;
import io.sluice.worker.webhook.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One attempt against a real HTTP receiver on this machine.
 */
class CallbackPostTests {

	private static final byte[] BODY = "{\"id\":\"job\",\"status\":\"COMPLETED\"}".getBytes(StandardCharsets.UTF_8);

	private static final Map<String, String> HEADERS = Map.of("Sluice-Delivery", "d-1", "Sluice-Signature",
			"t=1,v1=ab");

	private final WebhookReceiver receiver = WebhookReceiver.start();

	private final List<String> resolved = new ArrayList<>();

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void postsTheBodyWithItsHeadersAndTakesA2xx() {
		this.receiver.answering(204);

		Attempt attempt = post(true).send(this.receiver.url("/hooks/sluice?tenant=7"), HEADERS, BODY);

		assertThat(attempt).isEqualTo(new Attempt(204, null));
		assertThat(attempt.delivered()).isTrue();
		Received request = this.receiver.received().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.target()).isEqualTo("/hooks/sluice?tenant=7");
		assertThat(request.body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
		assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + this.receiver.port());
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(BODY.length));
		assertThat(request.header("Sluice-Delivery")).isEqualTo("d-1");
		assertThat(request.header("Sluice-Signature")).isEqualTo("t=1,v1=ab");
	}

	@Test
	void failsOnAnyOtherStatus() {
		this.receiver.answering(500, 404, 429);

		assertThat(post(true).send(this.receiver.url("/"), HEADERS, BODY))
			.isEqualTo(new Attempt(500, "answered 500, not 2xx"));
		assertThat(post(true).send(this.receiver.url("/"), HEADERS, BODY).status()).isEqualTo(404);
		assertThat(post(true).send(this.receiver.url("/"), HEADERS, BODY).delivered()).isFalse();
	}

	@Test
	void neverFollowsARedirect() {
		this.receiver.answering(302);

		Attempt attempt = post(true).send(this.receiver.url("/hook"), HEADERS, BODY);

		assertThat(attempt).isEqualTo(new Attempt(302, "answered 302; redirects are not followed, not 2xx"));
		assertThat(this.receiver.received()).extracting(Received::target).containsExactly("/hook");
	}

	@Test
	void givesUpWaitingForAnAnswerAfterTheReadTimeout() {
		this.receiver.holding();
		long started = System.nanoTime();

		Attempt attempt = post(true).send(this.receiver.url("/slow"), HEADERS, BODY);

		long tookMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(attempt.status()).isNull();
		assertThat(attempt.error()).isEqualTo("timed out: no answer within the read timeout");
		assertThat(tookMillis).isBetween(300L, 5_000L);
	}

	@Test
	void failsWhenNothingListens() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}

		Attempt attempt = post(true).send("http://127.0.0.1:" + port + "/hook", HEADERS, BODY);

		assertThat(attempt.status()).isNull();
		assertThat(attempt.error()).startsWith("IOException: connecting to 127.0.0.1 port " + port + ": ");
	}

	@Test
	void refusesAPrivateAddressWithoutConnecting() {
		Attempt attempt = post(false).send("https://127.0.0.1:" + this.receiver.port() + "/hook", HEADERS, BODY);

		assertThat(attempt)
			.isEqualTo(new Attempt(null, "refused: the callback URL must not point at a loopback address (127.0.0.1)"));
		assertThat(this.receiver.received()).isEmpty();
	}

	@Test
	void refusesANameThatResolvesToAPrivateAddressAtDelivery() {
		// accepted at submit when it resolved elsewhere; now it points at this machine
		Attempt attempt = post(false, "127.0.0.1").send("https://hooks.example.com:" + this.receiver.port() + "/hook",
				HEADERS, BODY);

		assertThat(attempt).isEqualTo(new Attempt(null,
				"refused: the callback URL must not point at a loopback address: hooks.example.com resolves to 127.0.0.1"));
		assertThat(this.resolved).containsExactly("hooks.example.com");
		assertThat(this.receiver.received()).isEmpty();
	}

	@Test
	void connectsToTheAddressItJudgedWithoutResolvingAgain() {
		// receiver.test resolves nowhere but through the resolver given: the socket goes
		// to the address judged, and the name is only the Host header
		Attempt attempt = post(true, "127.0.0.1").send("http://receiver.test:" + this.receiver.port() + "/hook",
				HEADERS, BODY);

		assertThat(attempt).isEqualTo(new Attempt(200, null));
		assertThat(this.resolved).containsExactly("receiver.test");
		assertThat(this.receiver.received().get(0).header("Host")).isEqualTo("receiver.test:" + this.receiver.port());
	}

	@Test
	void failsForAHostThatDoesNotResolve() {
		CallbackPost post = new CallbackPost(new CallbackUrlRule(false), (host) -> {
			throw new UnknownHostException(host);
		}, Duration.ofSeconds(1), Duration.ofMillis(500), (SSLSocketFactory) SSLSocketFactory.getDefault());

		assertThat(post.send("https://gone.example.com/hook", HEADERS, BODY))
			.isEqualTo(new Attempt(null, "the host gone.example.com does not resolve"));
	}

	private CallbackPost post(boolean allowPrivate, String... addresses) {
		CallbackPost.HostResolver resolver = (host) -> {
			this.resolved.add(host);
			if (addresses.length == 0) {
				return InetAddress.getAllByName(host);
			}
			InetAddress[] resolved = new InetAddress[addresses.length];
			for (int i = 0; i < addresses.length; i++) {
				resolved[i] = InetAddress.getByName(addresses[i]);
			}
			return resolved;
		};
		return new CallbackPost(new CallbackUrlRule(allowPrivate), resolver, Duration.ofSeconds(1),
				Duration.ofMillis(500), (SSLSocketFactory) SSLSocketFactory.getDefault());
	}

}
