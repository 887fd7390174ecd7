package io.sluice.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sluice.embedded.Infrastructure;

/**
 * The benchmark's own access to the database Sluice writes: connections named
 * {@code bench-*} (so they are never counted as Sluice's), the reset between runs, and
 * the row counts every run is checked against.
 */
final class BenchDatabase {

	private static final Logger logger = LoggerFactory.getLogger(BenchDatabase.class);

	private static final String COUNT_ALBUM = """
			SELECT count(*) FROM photo WHERE album_id = ?
			""";

	private static final String COUNT_ALL = """
			SELECT count(*) FROM photo
			""";

	private static final String FIRST_CHUNK = """
			SELECT min(created_at) FROM import_chunk WHERE job_id = ?
			""";

	private static final String JOBS_BY_STATUS = """
			SELECT status, count(*) FROM import_job WHERE owner LIKE ? GROUP BY status
			""";

	private static final String COUNT_ALBUMS = """
			SELECT count(*) FROM photo WHERE album_id BETWEEN ? AND ?
			""";

	/**
	 * A job's chunk transactions: every ledger row of one transaction has its start time,
	 * {@code now()}.
	 */
	private static final String CHUNK_TRANSACTIONS = """
			SELECT count(DISTINCT created_at) FROM import_chunk WHERE job_id = ?
			""";

	private static final String SETTINGS = """
			SELECT name, setting, unit FROM pg_settings
			WHERE name IN ('max_connections', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_level',
			               'max_wal_size', 'checkpoint_timeout')
			ORDER BY name
			""";

	private final Infrastructure infrastructure;

	private boolean checkpointAllowed = true;

	BenchDatabase(Infrastructure infrastructure) {
		this.infrastructure = infrastructure;
	}

	Infrastructure infrastructure() {
		return this.infrastructure;
	}

	/**
	 * A new connection whose {@code application_name} is {@code name}.
	 * @param name how the connection shows in {@code pg_stat_activity}
	 * @param extra further driver properties
	 * @return an open connection in auto-commit mode
	 */
	Connection connect(String name, Map<String, String> extra) throws SQLException {
		Properties properties = properties(name);
		extra.forEach(properties::setProperty);
		return DriverManager.getConnection(this.infrastructure.jdbcUrl(), properties);
	}

	Connection connect(String name) throws SQLException {
		return connect(name, Map.of());
	}

	/**
	 * Driver properties of a benchmark connection: credentials, name and Sluice's
	 * timeouts.
	 */
	Properties properties(String name) {
		Properties properties = new Properties();
		properties.setProperty("user", this.infrastructure.username());
		properties.setProperty("password", this.infrastructure.password());
		properties.setProperty("ApplicationName", name);
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("loginTimeout", "5");
		properties.setProperty("socketTimeout", "120");
		return properties;
	}

	/**
	 * Empties the photo table and writes a checkpoint, so every run starts from the same
	 * table and the same WAL position. A role that may not {@code CHECKPOINT} (managed
	 * databases) only truncates; that is logged once.
	 */
	void reset() {
		try (Connection connection = connect("bench-reset"); Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE photo");
			if (this.checkpointAllowed) {
				try {
					statement.execute("CHECKPOINT");
				}
				catch (SQLException ex) {
					this.checkpointAllowed = false;
					logger.warn("CHECKPOINT is not allowed for this role ({}); runs start after TRUNCATE only",
							ex.getMessage());
				}
			}
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not reset the photo table before a run", ex);
		}
	}

	long photosInAlbum(long albumId) {
		try (Connection connection = connect("bench-verify");
				PreparedStatement count = connection.prepareStatement(COUNT_ALBUM)) {
			count.setLong(1, albumId);
			return single(count);
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not count the photos of album " + albumId, ex);
		}
	}

	/**
	 * How many photos a range of albums holds.
	 * @param firstAlbum the first album
	 * @param lastAlbum the last album, included
	 * @return rows
	 */
	long photosInAlbums(long firstAlbum, long lastAlbum) {
		try (Connection connection = connect("bench-verify");
				PreparedStatement count = connection.prepareStatement(COUNT_ALBUMS)) {
			count.setLong(1, firstAlbum);
			count.setLong(2, lastAlbum);
			return single(count);
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not count the photos of albums " + firstAlbum + "-" + lastAlbum, ex);
		}
	}

	/**
	 * How many jobs the owners whose names start with a prefix have, by status.
	 * @param ownerPrefix the owners' common prefix (no {@code %} or {@code _} in it)
	 * @return jobs by status
	 */
	Map<String, Long> jobsByStatus(String ownerPrefix) {
		Map<String, Long> jobs = new LinkedHashMap<>();
		try (Connection connection = connect("bench-verify");
				PreparedStatement query = connection.prepareStatement(JOBS_BY_STATUS)) {
			query.setString(1, ownerPrefix + "%");
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					jobs.put(result.getString(1), result.getLong(2));
				}
			}
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not count the jobs of owners " + ownerPrefix + "*", ex);
		}
		return jobs;
	}

	long photos() {
		try (Connection connection = connect("bench-verify");
				PreparedStatement count = connection.prepareStatement(COUNT_ALL)) {
			return single(count);
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not count the photo table", ex);
		}
	}

	/**
	 * When the first chunk of a job was written (its transaction's start), if any was.
	 */
	/** How many transactions wrote a job's chunks. */
	int chunkTransactions(UUID jobId) {
		return readLedger(CHUNK_TRANSACTIONS, jobId, (result) -> result.getInt(1));
	}

	Instant firstChunkWritten(UUID jobId) {
		return readLedger(FIRST_CHUNK, jobId, (result) -> {
			Timestamp at = result.getTimestamp(1);
			return (at != null) ? at.toInstant() : null;
		});
	}

	/** The first column of the one row a query of a job's ledger answers. */
	private <T> T readLedger(String query, UUID jobId, Column<T> column) {
		try (Connection connection = connect("bench-verify");
				PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setObject(1, jobId);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return column.read(result);
			}
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not read the chunk ledger of job " + jobId, ex);
		}
	}

	/**
	 * The server's version and the settings that shape write throughput.
	 * @return {@code version} and the settings, by name
	 */
	Map<String, String> describe() {
		Map<String, String> description = new LinkedHashMap<>();
		try (Connection connection = connect("bench-describe"); Statement statement = connection.createStatement()) {
			try (ResultSet version = statement.executeQuery("SHOW server_version")) {
				version.next();
				description.put("version", version.getString(1));
			}
			try (ResultSet settings = statement.executeQuery(SETTINGS)) {
				while (settings.next()) {
					String unit = settings.getString("unit");
					description.put(settings.getString("name"),
							settings.getString("setting") + ((unit != null) ? " x " + unit : ""));
				}
			}
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("Could not read the PostgreSQL version", ex);
		}
		return description;
	}

	private static long single(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	/** Reads a value from the current row. */
	@FunctionalInterface
	private interface Column<T> {

		T read(ResultSet row) throws SQLException;

	}

}
