package io.sluice.api.job.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.sluice.api.job.Callbacks;
import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;
import io.sluice.common.job.JobStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Reads an owner's jobs newest first, a page at a time: one statement per page, an index
 * range scan on {@code import_job_owner_created} from the cursor on, however many jobs
 * the owner has.
 */
class JobHistory {

	private static final String OWNERS_JOBS = """
			SELECT id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			       cancelled, created_at, updated_at, finished_at, failure_reason, now() AS read_at, callback_url,
			       %s
			FROM import_job j
			%s
			WHERE owner = :owner AND status = ANY(:statuses)
			""".formatted(Callbacks.COLUMNS, Callbacks.LATEST_DELIVERY);

	private static final String IN_ALBUM = """
			  AND album_id = :albumId
			""";

	private static final String OLDER_THAN_CURSOR = """
			  AND (created_at, id) < (:createdAt, :id)
			""";

	private static final String NEWEST_FIRST = """
			ORDER BY created_at DESC, id DESC
			LIMIT :rows
			""";

	private final JdbcClient jdbc;

	JobHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reads one page of an owner's jobs.
	 * @param owner the caller
	 * @param filter which jobs, and where the page starts
	 * @param limit most jobs on the page
	 * @return the page, with a cursor for the next one if there are more
	 */
	Page page(String owner, Filter filter, int limit) {
		String sql = OWNERS_JOBS + ((filter.albumId() != null) ? IN_ALBUM : "")
				+ ((filter.after() != null) ? OLDER_THAN_CURSOR : "") + NEWEST_FIRST;
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql)
			.param("owner", owner)
			.param("statuses", new SqlArrayValue("text", filter.statuses().stream().map(Enum::name).toArray()))
			.param("rows", limit + 1);
		if (filter.albumId() != null) {
			statement = statement.param("albumId", filter.albumId());
		}
		if (filter.after() != null) {
			statement = statement
				.param("createdAt", OffsetDateTime.ofInstant(filter.after().createdAt(), ZoneOffset.UTC))
				.param("id", filter.after().id());
		}
		List<Job> rows = statement.query(JobRepository::job).list();
		if (rows.size() <= limit) {
			return new Page(rows, null);
		}
		List<Job> jobs = rows.subList(0, limit);
		Job last = jobs.get(limit - 1);
		return new Page(jobs, new Position(last.createdAt(), last.id()));
	}

	/**
	 * Which of an owner's jobs to list.
	 *
	 * @param statuses only jobs in one of these statuses
	 * @param albumId only jobs of this album, or {@code null} for every album
	 * @param after only jobs older than this position, or {@code null} from the newest
	 */
	record Filter(Set<JobStatus> statuses, Long albumId, Position after) {

	}

	/**
	 * A place in the history: the sort key of a job.
	 *
	 * @param createdAt when the job was created
	 * @param id the job's id, which orders jobs created at the same instant
	 */
	record Position(Instant createdAt, UUID id) {

	}

	/**
	 * A page of jobs.
	 *
	 * @param jobs newest first
	 * @param next the position of the last job if more follow, else {@code null}
	 */
	record Page(List<Job> jobs, Position next) {

	}

}
