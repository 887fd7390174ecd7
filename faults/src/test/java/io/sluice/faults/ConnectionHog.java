package io.sluice.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.sluice.embedded.Infrastructure;

/**
 * Holds every connection slot a PostgreSQL server has free, so that a new connection is
 * refused with 53300 ({@code sorry, too many clients already}): the server's
 * {@code max_connections} lowered, in effect, to what is already open. Its own
 * connections are named {@value #APPLICATION_NAME}, which Sluice's connection count does
 * not include.
 */
final class ConnectionHog implements AutoCloseable {

	static final String APPLICATION_NAME = "faults-hog";

	private static final String TOO_MANY_CONNECTIONS = "53300";

	private final Infrastructure infrastructure;

	private final List<Connection> held = new ArrayList<>();

	private int refusals;

	private ConnectionHog(Infrastructure infrastructure) {
		this.infrastructure = infrastructure;
	}

	/**
	 * Takes every free slot but {@code spare}.
	 * @param infrastructure the server
	 * @param spare slots to give back at once, for connections the caller opens next
	 * @return the hog
	 */
	static ConnectionHog takeEverySlotBut(Infrastructure infrastructure, int spare) {
		ConnectionHog hog = new ConnectionHog(infrastructure);
		hog.fill();
		if (hog.held.size() <= spare) {
			hog.close();
			throw new IllegalStateException("PostgreSQL had no free connection slot to take");
		}
		for (int i = 0; i < spare; i++) {
			hog.release(hog.held.remove(hog.held.size() - 1));
		}
		return hog;
	}

	/** How many connections it holds. */
	int held() {
		return this.held.size();
	}

	/** How many of its own attempts the server refused with 53300. */
	int refusals() {
		return this.refusals;
	}

	/**
	 * Cuts every Sluice connection and, for {@code window}, takes each slot that frees
	 * up, so Sluice's pools find none when they reconnect (a slot frees only once its
	 * terminated backend has exited, a moment after the signal).
	 * @param window how long to keep taking slots
	 * @return how many Sluice connections were cut
	 */
	int cutSluiceConnectionsAndTakeTheirSlots(Duration window) {
		int cut = FaultStack.terminateConnections(this.held.get(0), "sluice-%");
		long deadline = System.nanoTime() + window.toNanos();
		while (System.nanoTime() < deadline) {
			fill();
		}
		return cut;
	}

	/** Opens connections until the server refuses one. */
	private void fill() {
		Properties properties = new Properties();
		properties.setProperty("user", this.infrastructure.username());
		properties.setProperty("password", this.infrastructure.password());
		properties.setProperty("ApplicationName", APPLICATION_NAME);
		while (true) {
			try {
				this.held.add(DriverManager.getConnection(this.infrastructure.jdbcUrl(), properties));
			}
			catch (SQLException ex) {
				if (!TOO_MANY_CONNECTIONS.equals(ex.getSQLState())) {
					throw new IllegalStateException("PostgreSQL failed a connection for another reason", ex);
				}
				this.refusals++;
				return;
			}
		}
	}

	/** Gives every slot back; closing twice is harmless. */
	@Override
	public void close() {
		this.held.forEach(ConnectionHog::release);
		this.held.clear();
	}

	private static void release(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// the slot is freed when the connection goes, however it goes
		}
	}

}
