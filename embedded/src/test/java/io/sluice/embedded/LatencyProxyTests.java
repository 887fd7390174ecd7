package io.sluice.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LatencyProxyTests {

	private ServerSocket echo;

	private Thread echoThread;

	@BeforeEach
	void startAnEchoServer() throws IOException {
		this.echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.echoThread = new Thread(this::echoEveryConnection, "echo");
		this.echoThread.setDaemon(true);
		this.echoThread.start();
	}

	@AfterEach
	void stopTheEchoServer() throws IOException {
		this.echo.close();
	}

	@Test
	void forwardsEveryByteBothWaysAndPassesTheEndOfTheStreamOn() throws IOException {
		byte[] sent = randomBytes(8 * 1024 * 1024);
		try (LatencyProxy proxy = LatencyProxy.start(echoAddress(), Duration.ofMillis(5));
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			Thread writer = writeThenShutDown(socket, sent);
			byte[] received = socket.getInputStream().readAllBytes();
			await().atMost(Duration.ofSeconds(10)).until(() -> !writer.isAlive());
			assertThat(received).isEqualTo(sent);
			assertThat(proxy.bytesToTarget()).isEqualTo(sent.length);
			assertThat(proxy.bytesFromTarget()).isEqualTo(sent.length);
			assertThat(proxy.connectionsAccepted()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(10)).until(() -> proxy.openConnections() == 0);
		}
	}

	@Test
	void delaysARoundTripByAtLeastTwiceTheDelay() throws IOException {
		Duration delay = Duration.ofMillis(30);
		try (LatencyProxy proxy = LatencyProxy.start(echoAddress(), delay);
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			socket.setTcpNoDelay(true);
			for (int i = 0; i < 5; i++) {
				long started = System.nanoTime();
				socket.getOutputStream().write(i);
				assertThat(socket.getInputStream().read()).isEqualTo(i);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay.multipliedBy(2));
			}
		}
	}

	/**
	 * A proxy that read, waited and wrote in one thread would take at least 128 delays
	 * for 8 MiB each way (pieces of at most 64 KiB): over 6 s here. Forwarding what it
	 * read at {@code t} at {@code t + delay} takes one delay each way plus the copying.
	 * The bound sits far from both.
	 */
	@Test
	void overlapsDataInFlightInsteadOfWaitingOncePerPiece() throws IOException {
		Duration delay = Duration.ofMillis(50);
		byte[] sent = randomBytes(8 * 1024 * 1024);
		try (LatencyProxy proxy = LatencyProxy.start(echoAddress(), delay);
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			long started = System.nanoTime();
			writeThenShutDown(socket, sent);
			byte[] received = socket.getInputStream().readAllBytes();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(received).isEqualTo(sent);
			assertThat(took).isGreaterThanOrEqualTo(delay.multipliedBy(2)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void appliesANewDelayToWhatItReadsFromThenOn() throws IOException {
		try (LatencyProxy proxy = LatencyProxy.start(echoAddress(), Duration.ofSeconds(30));
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			proxy.delay(Duration.ZERO);
			socket.getOutputStream().write(7);
			assertThat(socket.getInputStream().read()).isEqualTo(7);
			assertThat(proxy.delay()).isZero();
		}
	}

	@Test
	void cutsOpenConnectionsWhenClosed() throws IOException {
		LatencyProxy proxy = LatencyProxy.start(echoAddress(), Duration.ZERO);
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			socket.getOutputStream().write(1);
			assertThat(socket.getInputStream().read()).isEqualTo(1);
			proxy.close();
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
			assertThat(proxy.openConnections()).isZero();
		}
	}

	private InetSocketAddress echoAddress() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.echo.getLocalPort());
	}

	private void echoEveryConnection() {
		while (!this.echo.isClosed()) {
			try {
				Socket connection = this.echo.accept();
				Thread thread = new Thread(() -> echo(connection), "echo-connection");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private static void echo(Socket connection) {
		try (connection) {
			connection.setTcpNoDelay(true);
			InputStream in = connection.getInputStream();
			OutputStream out = connection.getOutputStream();
			in.transferTo(out);
			connection.shutdownOutput();
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static Thread writeThenShutDown(Socket socket, byte[] bytes) {
		Thread writer = new Thread(() -> {
			try {
				socket.getOutputStream().write(bytes);
				socket.shutdownOutput();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, "writer");
		writer.setDaemon(true);
		writer.start();
		return writer;
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
