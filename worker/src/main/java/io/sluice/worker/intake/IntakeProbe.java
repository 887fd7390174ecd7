package io.sluice.worker.intake;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import io.sluice.common.job.LedgerOutcome;

/**
 * Asks the database whether it takes this worker's writes again, the way chunks write:
 * one photo row inserted in a transaction that is then rolled back, so nothing stays, and
 * the statements a chunk's ledger row and its job's roll-up make, touching no row. A
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

	/**
	 * What a chunk does besides its photos: a ledger row, and a roll-up of its job.
	 * Neither touches a row (no job has the nil id), but both are planned and
	 * privilege-checked, so a revoked privilege on {@code import_chunk} or
	 * {@code import_job}, or a column a migration lost, fails the probe as it fails
	 * chunks and roll-ups.
	 */
	private static final String PROBE_LEDGER = """
			INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written)
			SELECT id, 0, %s, 0, 0 FROM import_job WHERE id = '00000000-0000-0000-0000-000000000000'
			""".formatted(LedgerOutcome.WRITTEN.sql());

	private static final String PROBE_ROLL_UP = """
			UPDATE import_job SET chunks_done = chunks_done, written = written, status = status,
			    updated_at = clock_timestamp()
			WHERE id = '00000000-0000-0000-0000-000000000000'
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
				statement.executeUpdate(PROBE_LEDGER);
				statement.executeUpdate(PROBE_ROLL_UP);
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
