package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

/**
 * Free TCP ports on the loopback interface. Never assume 5432, 9092 or 8080 are free.
 */
public final class FreePorts {

	private FreePorts() {
	}

	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback interface", ex);
		}
	}

	/**
	 * A free port that is none of {@code taken}: two ports asked for one after another (a
	 * service's own and its management port, say) can otherwise be the same, since
	 * neither is bound until the service starts.
	 * @param taken ports already handed out
	 * @return a free port not among them
	 */
	public static int findOtherThan(int... taken) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = find();
			if (Arrays.stream(taken).noneMatch((other) -> other == port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port on the loopback interface but " + Arrays.toString(taken));
	}

	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
