package io.sluice.worker.intake;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks the database whether it takes this worker's writes again, the way chunks write:
 * one photo row inserted in a transaction that is then rolled back, so nothing stays. A
 * read-only database (a primary demoted by a failover, {@code 25006}), a full disk, a
 * photo table whose inserts fail or whose privileges were revoked all fail the probe as
 * they fail chunks, where {@code SELECT 1} would answer. The row's URL hash is random, so
 * probes of many workers never wait on each other's uniqueness check.
 */
class IntakeProbe {

	private static final String PROBE_WRITE = """
			INSERT INTO photo (album_id, url_hash, url, job_id)
			VALUES (0, gen_random_uuid(), 'sluice:intake-probe', '00000000-0000-0000-0000-000000000000')
			""";

	private final DataSource dataSource;

	IntakeProbe(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Makes the probe write and rolls it back.
	 * @param timeout how long the write may take
	 * @return empty if the database took the write, else why not
	 */
	Optional<Exception> tryWrite(Duration timeout) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(Math.max(1, (int) timeout.toSeconds()));
				statement.executeUpdate(PROBE_WRITE);
			}
			finally {
				connection.rollback();
			}
			return Optional.empty();
		}
		catch (SQLException | RuntimeException ex) {
			return Optional.of(ex);
		}
	}

}
