package io.sluice.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ops/docker/sluice-probe}, the health check docker-compose.yml runs inside the
 * application images, run with bash against a real HTTP server: 200 is healthy, anything
 * else (Spring Boot answers 503 while not ready) or no server is not.
 */
class HealthProbeScriptTests {

	private final Path probe = RepositoryFiles.find().path("ops/docker/sluice-probe");

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/readyz", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.createContext("/down", (exchange) -> {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void isExecutable() {
		assertThat(Files.isExecutable(this.probe)).isTrue();
	}

	@Test
	void passesOnOk() throws Exception {
		assertThat(probe(this.server.getAddress().getPort(), "/readyz")).isZero();
	}

	@Test
	void failsOnServiceUnavailable() throws Exception {
		assertThat(probe(this.server.getAddress().getPort(), "/down")).isEqualTo(1);
	}

	@Test
	void failsOnNotFound() throws Exception {
		assertThat(probe(this.server.getAddress().getPort(), "/missing")).isEqualTo(1);
	}

	@Test
	void failsWhenNothingListens() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		assertThat(probe(closedPort, "/readyz")).isEqualTo(1);
	}

	private int probe(int port, String path) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", this.probe.toString(), String.valueOf(port), path)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("probe finished").isTrue();
		return process.exitValue();
	}

}
