package io.sluice.faults.hook;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's JDBC driver with one fault added, for the fault suite only (it never ships
 * in a Sluice jar): once the file named by {@value #TRIGGER_VARIABLE} exists, the next
 * commit made on a chunk listener thread completes and then halts the JVM at once, as
 * {@code kill -9} would. The chunk transaction is durable; the Kafka offsets of its poll
 * are not committed, so its records are delivered again to another worker.
 *
 * <p>
 * A worker runs it when started with this class on its class path (Spring Boot's
 * {@code loader.path}) and {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME} naming it.
 */
public final class HaltAfterCommitDriver implements Driver {

	private static final Logger log = LoggerFactory.getLogger(HaltAfterCommitDriver.class);

	/** The environment variable that names the trigger file. */
	public static final String TRIGGER_VARIABLE = "SLUICE_FAULTS_HALT_TRIGGER";

	/** What the worker's log shows just before the halt. */
	public static final String HALT_LINE = "Fault suite: halting right after a chunk commit";

	/**
	 * Spring Kafka names a listener container's consumer thread after the listener id.
	 */
	private static final String LISTENER_THREAD_PREFIX = "chunk-intake-";

	private final Driver postgres = new org.postgresql.Driver();

	private final Path trigger = Path.of(System.getenv(TRIGGER_VARIABLE));

	@Override
	public Connection connect(String url, Properties info) throws SQLException {
		Connection connection = this.postgres.connect(url, info);
		if (connection == null) {
			return null;
		}
		return (Connection) Proxy.newProxyInstance(HaltAfterCommitDriver.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new HaltAfterCommit(connection));
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

	private final class HaltAfterCommit implements InvocationHandler {

		private final Connection connection;

		HaltAfterCommit(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
			Object result;
			try {
				result = method.invoke(this.connection, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (method.getName().equals("commit") && Thread.currentThread().getName().startsWith(LISTENER_THREAD_PREFIX)
					&& Files.exists(HaltAfterCommitDriver.this.trigger)) {
				// The worker's logging may not flush before the halt; standard output
				// does.
				System.out.println(HALT_LINE);
				Runtime.getRuntime().halt(137);
			}
			return result;
		}

	}

}
