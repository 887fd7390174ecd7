package io.sluice.worker.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.sluice.common.webhook.CallbackUrlRule;
import io.sluice.worker.webhook.CallbackPost.Attempt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attempt over TLS against a real HTTPS receiver whose certificate names
 * {@code receiver.test} only: the socket goes to the address the resolver gave, and the
 * certificate is checked against the URL's host, not that address.
 */
class CallbackPostTlsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@TempDir
	static Path directory;

	private static HttpsServer server;

	private static SSLContext tls;

	private static final List<String> hosts = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startReceiver() throws Exception {
		Path keyStore = directory.resolve("receiver.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=receiver.test", "-ext", "SAN=dns:receiver.test", "-validity", "2", "-storetype", "PKCS12",
				"-keystore", keyStore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(output).isZero();
		tls = context(keyStore);
		server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		server.createContext("/", (exchange) -> {
			try (exchange; InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
				hosts.add(exchange.getRequestHeaders().getFirst("Host"));
				exchange.sendResponseHeaders(202, -1);
			}
		});
		server.start();
	}

	@AfterAll
	static void stopReceiver() {
		server.stop(0);
	}

	@Test
	void deliversOverTlsToTheAddressJudgedCheckingTheCertificateAgainstTheHost() {
		int port = server.getAddress().getPort();

		Attempt attempt = post().send("https://receiver.test:" + port + "/hook", Map.of(), "{}".getBytes());

		assertThat(attempt).isEqualTo(new Attempt(202, null));
		assertThat(hosts).contains("receiver.test:" + port);
	}

	@Test
	void refusesACertificateForAnotherHost() {
		int before = hosts.size();

		Attempt attempt = post().send("https://other.test:" + server.getAddress().getPort() + "/hook", Map.of(),
				"{}".getBytes());

		assertThat(attempt.status()).isNull();
		assertThat(attempt.error()).startsWith("SSLHandshakeException: ").contains("other.test");
		assertThat(hosts).hasSize(before);
	}

	private static CallbackPost post() {
		return new CallbackPost(new CallbackUrlRule(true),
				(host) -> new InetAddress[] { InetAddress.getLoopbackAddress() }, Duration.ofSeconds(5),
				Duration.ofSeconds(5), (SSLSocketFactory) tls.getSocketFactory());
	}

	/** Keys for the receiver, and trust in its certificate alone for the sender. */
	private static SSLContext context(Path keyStore) throws IOException, GeneralSecurityException {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			keys.load(in, PASSWORD);
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(keys);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return context;
	}

}
