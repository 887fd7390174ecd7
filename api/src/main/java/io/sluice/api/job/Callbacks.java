package io.sluice.api.job;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.sluice.api.job.JobCallback.CallbackState;
import io.sluice.common.job.JobStatus;

/**
 * How a statement that reads jobs reads their callbacks too: the newest delivery of each
 * job's callback (V13, ADR 0041), joined to {@code import_job j} by
 * {@link #LATEST_DELIVERY} and selected as {@link #COLUMNS}, beside {@code callback_url}.
 * One index probe ({@code webhook_delivery_job}) per job that has a callback, none for
 * the others.
 */
public final class Callbacks {

	/**
	 * The newest delivery of job {@code j}'s callback, if any: put it after
	 * {@code FROM import_job j}.
	 */
	public static final String LATEST_DELIVERY = """
			LEFT JOIN LATERAL (
			    SELECT w.state AS callback_state, w.attempts AS callback_attempts, w.last_status AS callback_last_status,
			           w.last_error AS callback_last_error, w.updated_at AS callback_updated_at
			    FROM webhook_delivery w
			    WHERE w.job_id = j.id AND j.callback_url IS NOT NULL
			    ORDER BY w.created_at DESC
			    LIMIT 1) d ON true
			""";

	/** The columns of {@link #LATEST_DELIVERY}, for the select list. */
	public static final String COLUMNS = "d.callback_state, d.callback_attempts, d.callback_last_status, "
			+ "d.callback_last_error, d.callback_updated_at";

	/**
	 * {@link #COLUMNS} for a row whose delivery is not read: {@link #read} then says what
	 * the job's status implies.
	 */
	static final String NONE_READ = "NULL::text AS callback_state, 0 AS callback_attempts, "
			+ "NULL::integer AS callback_last_status, NULL::text AS callback_last_error, "
			+ "NULL::timestamptz AS callback_updated_at";

	private Callbacks() {
	}

	/**
	 * Reads a job's callback from a row with {@code status}, {@code callback_url} and
	 * {@link #COLUMNS}.
	 * @param rs the result set, on the row
	 * @return the callback, or {@code null} if the job has none
	 * @throws SQLException if a column cannot be read
	 */
	static JobCallback read(ResultSet rs) throws SQLException {
		String url = rs.getString("callback_url");
		if (url == null) {
			return null;
		}
		String state = rs.getString("callback_state");
		if (state == null) {
			return JobCallback.undelivered(url, JobStatus.valueOf(rs.getString("status")).isTerminal());
		}
		return new JobCallback(url, CallbackState.valueOf(state), rs.getInt("callback_attempts"),
				rs.getObject("callback_last_status", Integer.class), rs.getString("callback_last_error"),
				JobRepository.instant(rs, "callback_updated_at"));
	}

}
