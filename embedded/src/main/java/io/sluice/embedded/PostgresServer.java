package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A real PostgreSQL 17 server, run from the binaries in a Maven artifact (no Docker,
 * nothing installed). The server is a child process of this JVM, owned by this object.
 */
public final class PostgresServer implements AutoCloseable {

	/** The database Sluice uses. */
	public static final String DATABASE = "sluice";

	/** The superuser the embedded server trusts on loopback. */
	public static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	/**
	 * The directory of the server's own programs ({@code postgres}, {@code pg_ctl}),
	 * found the first time they are needed.
	 */
	private Path binaries;

	/**
	 * Set to {@code false} by a process that stops the server itself in its own shutdown
	 * hook, after what uses it: the embedded server's own hook would otherwise stop it at
	 * the same time, while services still shut down against it.
	 */
	public static final String OWN_SHUTDOWN_HOOK_PROPERTY = "sluice.postgres.own-shutdown-hook";

	private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Starts a server with its data in {@code dataDirectory} (created, and reused if it
	 * already holds a cluster) on {@code port}, and creates the {@value #DATABASE}
	 * database.
	 * @param dataDirectory where the cluster lives
	 * @param port a free TCP port
	 * @param maxConnections the server's {@code max_connections}
	 * @return the running server
	 */
	public static PostgresServer start(Path dataDirectory, int port, int maxConnections) {
		String unsupported = PostgresPlatform.current().unsupportedReason();
		if (unsupported != null) {
			throw new IllegalStateException("PostgreSQL cannot start: " + unsupported);
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setServerConfig("max_connections", String.valueOf(maxConnections))
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				// A client that is gone without a word is noticed within about 25 s
				// (10 + 3 x 5), not the operating system's 2 hours (ADR 0030).
				.setServerConfig("tcp_keepalives_idle", "10")
				.setServerConfig("tcp_keepalives_interval", "5")
				.setServerConfig("tcp_keepalives_count", "3")
				.setRegisterShutdownHook(Boolean.parseBoolean(System.getProperty(OWN_SHUTDOWN_HOOK_PROPERTY, "true")))
				.start();
			PostgresServer server = new PostgresServer(postgres, dataDirectory);
			server.createDatabase();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory + " on port " + port, ex);
		}
	}

	private void createDatabase() {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
				if (exists.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE " + DATABASE);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + DATABASE, ex);
		}
	}

	/** The postmaster's process id, read from {@code postmaster.pid}. */
	public long postmasterPid() {
		try {
			return Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL in " + this.dataDirectory + " is not running", ex);
		}
	}

	/**
	 * Stops the server as a crash would: {@code pg_ctl stop -m immediate}, which ends
	 * every backend at once without a checkpoint, so the next start runs crash recovery.
	 */
	public synchronized void stopImmediately() {
		if (this.binaries == null) {
			this.binaries = postmasterExecutable().getParent();
		}
		pgCtl("stop", "-m", "immediate", "-w");
	}

	/**
	 * Starts the server again after {@link #stopImmediately()}, with the options it last
	 * started with ({@code pg_ctl restart} reads them from {@code postmaster.opts}), and
	 * waits until it accepts connections. Its log goes to {@code postgres.log} beside the
	 * data directory.
	 */
	public synchronized void startAgain() {
		if (this.binaries == null) {
			throw new IllegalStateException("PostgreSQL was not stopped by stopImmediately()");
		}
		pgCtl("restart", "-w", "-t", "60", "-l", this.dataDirectory.resolveSibling("postgres.log").toString());
	}

	private void pgCtl(String... arguments) {
		List<String> command = new ArrayList<>();
		if (LinuxUtils.isUnshareAvailable()) {
			// as the embedded server itself was started: PostgreSQL refuses to run as
			// root
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(List.of(this.binaries.resolve("pg_ctl").toString(), "-D", this.dataDirectory.toString()));
		command.addAll(List.of(arguments));
		Commands.run(command, this.dataDirectory.resolveSibling("pg_ctl.log"), Duration.ofSeconds(90));
	}

	/**
	 * The running postmaster's program, found through {@code /proc} (Linux only, like the
	 * fault suite that stops servers).
	 */
	private Path postmasterExecutable() {
		try {
			return Files.readSymbolicLink(Path.of("/proc", String.valueOf(postmasterPid()), "exe"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find the PostgreSQL programs through /proc", ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL on port " + port() + " did not stop cleanly", ex);
		}
	}

}
