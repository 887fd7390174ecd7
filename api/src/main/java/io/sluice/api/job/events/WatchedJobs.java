package io.sluice.api.job.events;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.sluice.api.job.Callbacks;
import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads every job the open event streams watch, in one statement, whoever owns it: the
 * streams were checked against their owner when they opened (ADR 0022).
 */
class WatchedJobs {

	private static final String FIND_ALL_BY_ID = """
			SELECT id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			       cancelled, created_at, updated_at, finished_at, failure_reason, now() AS read_at, callback_url,
			       %s
			FROM import_job j
			%s
			WHERE id = ANY(?)
			""".formatted(Callbacks.COLUMNS, Callbacks.LATEST_DELIVERY);

	private final JdbcTemplate jdbc;

	WatchedJobs(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reads many jobs in one statement.
	 * @param ids the jobs
	 * @return the jobs that exist, in no particular order
	 */
	List<Job> findAll(Collection<UUID> ids) {
		return this.jdbc.query(FIND_ALL_BY_ID,
				(statement) -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids.toArray())),
				JobRepository::job);
	}

}
