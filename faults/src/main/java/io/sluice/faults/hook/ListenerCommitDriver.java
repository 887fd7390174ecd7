package io.sluice.faults.hook;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * PostgreSQL's JDBC driver with hooks around each commit made on a chunk listener thread,
 * before each statement it prepares and on the data of each {@code COPY} it sends, for
 * the fault suite's drivers only (they never ship in a Sluice jar). A worker runs a
 * subclass when started with it on its class path (Spring Boot's {@code loader.path}) and
 * {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME} naming it.
 */
public abstract class ListenerCommitDriver implements Driver {

	/**
	 * Spring Kafka names a listener container's consumer thread after the listener id.
	 */
	private static final String LISTENER_THREAD_PREFIX = "chunk-intake-";

	private final Driver postgres = new org.postgresql.Driver();

	/** Runs on a chunk listener thread just before its commit. */
	protected void beforeListenerCommit() {
	}

	/** Runs on a chunk listener thread just after its commit succeeded. */
	protected void afterListenerCommit() {
	}

	/**
	 * Runs on a chunk listener thread just before it prepares a statement.
	 * @param sql the statement's text, with {@code ?} for its parameters
	 */
	protected void beforeListenerPrepare(String sql) {
	}

	/**
	 * Runs on a chunk listener thread when it starts a {@code COPY ... FROM STDIN}: the
	 * server is already waiting for the data.
	 * @param rows the data the worker sends
	 * @return the data to send instead
	 */
	protected InputStream listenerCopyData(InputStream rows) {
		return rows;
	}

	/**
	 * Writes {@code marker} (this process's id) and sends this JVM {@code SIGSTOP}; goes
	 * on from here after {@code SIGCONT}.
	 * @param marker the file the test waits for
	 * @param line what standard output shows just before (the worker's logging may not
	 * flush before the freeze; standard output does)
	 */
	protected static void freezeThisProcess(Path marker, String line) {
		long pid = ProcessHandle.current().pid();
		System.out.println(line + " (pid " + pid + ", thread " + Thread.currentThread().getName() + ")");
		try {
			Path written = Files.writeString(marker.resolveSibling(marker.getFileName() + ".tmp"), String.valueOf(pid),
					StandardCharsets.UTF_8);
			Files.move(written, marker, StandardCopyOption.ATOMIC_MOVE);
			new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Fault suite: could not freeze this worker", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Takes a trigger file for this process: deletes it, which only one caller of all the
	 * workers sharing it can do.
	 * @param trigger the file
	 * @return whether it existed and this call took it
	 */
	protected static boolean claim(Path trigger) {
		try {
			return Files.deleteIfExists(trigger);
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public Connection connect(String url, Properties info) throws SQLException {
		Connection connection = this.postgres.connect(url, info);
		if (connection == null) {
			return null;
		}
		return (Connection) Proxy.newProxyInstance(ListenerCommitDriver.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new CommitHook(connection));
	}

	@Override
	public boolean acceptsURL(String url) throws SQLException {
		return this.postgres.acceptsURL(url);
	}

	@Override
	public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
		return this.postgres.getPropertyInfo(url, info);
	}

	@Override
	public int getMajorVersion() {
		return this.postgres.getMajorVersion();
	}

	@Override
	public int getMinorVersion() {
		return this.postgres.getMinorVersion();
	}

	@Override
	public boolean jdbcCompliant() {
		return this.postgres.jdbcCompliant();
	}

	@Override
	public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.postgres.getParentLogger();
	}

	/**
	 * The driver's own connection, whose copy manager passes each {@code COPY}'s data
	 * through {@link #listenerCopyData}.
	 */
	private PGConnection copyHooked(BaseConnection connection) throws SQLException {
		CopyManager copies = new CopyManager(connection) {

			@Override
			public long copyIn(String sql, InputStream from) throws SQLException, IOException {
				return super.copyIn(sql, listenerCopyData(from));
			}

		};
		return (PGConnection) Proxy.newProxyInstance(ListenerCommitDriver.class.getClassLoader(),
				new Class<?>[] { PGConnection.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("getCopyAPI")) {
						return copies;
					}
					try {
						return method.invoke(connection, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private final class CommitHook implements InvocationHandler {

		private final Connection connection;

		CommitHook(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
			boolean onListenerThread = Thread.currentThread().getName().startsWith(LISTENER_THREAD_PREFIX);
			boolean listenerCommit = onListenerThread && method.getName().equals("commit");
			if (listenerCommit) {
				beforeListenerCommit();
			}
			if (onListenerThread && method.getName().equals("prepareStatement") && arguments[0] instanceof String sql) {
				beforeListenerPrepare(sql);
			}
			if (onListenerThread && method.getName().equals("unwrap") && arguments[0] == PGConnection.class) {
				return copyHooked(this.connection.unwrap(BaseConnection.class));
			}
			Object result;
			try {
				result = method.invoke(this.connection, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (listenerCommit) {
				afterListenerCommit();
			}
			return result;
		}

	}

}
