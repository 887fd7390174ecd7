package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
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
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setServerConfig("max_connections", String.valueOf(maxConnections))
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.start();
			PostgresServer server = new PostgresServer(postgres);
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
