package io.sluice.faults.hook;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;

/**
 * PostgreSQL's JDBC driver with hooks around each commit made on a chunk listener thread
 * and before each statement it prepares, for the fault suite's drivers only (they never
 * ship in a Sluice jar). A worker runs a subclass when started with it on its class path
 * (Spring Boot's {@code loader.path}) and {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME}
 * naming it.
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
