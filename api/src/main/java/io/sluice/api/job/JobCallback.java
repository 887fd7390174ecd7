package io.sluice.api.job;

import java.time.Instant;

/**
 * Where the callback of a job stands (ADR 0041): its URL, and the newest delivery of the
 * job's final view to it, if the job has ended.
 *
 * @param url where the job's final view is POSTed
 * @param state where the delivery is
 * @param attempts attempts whose outcome was recorded
 * @param lastStatus the HTTP status of the last attempt, or {@code null} if it got no
 * answer (or there was none yet)
 * @param lastError why the last attempt failed, or {@code null}
 * @param updatedAt when the delivery last changed, or {@code null} before it exists
 */
public record JobCallback(String url, CallbackState state, int attempts, Integer lastStatus, String lastError,
		Instant updatedAt) {

	/**
	 * The callback of a job whose delivery has not been read: none yet while the job is
	 * open ({@link CallbackState#WAITING}); one just recorded, with no attempt, if the
	 * job has just ended ({@link CallbackState#PENDING}), as the statement that ended it
	 * cannot see the row its trigger then writes.
	 * @param url the callback URL
	 * @param ended whether the job has ended
	 * @return the callback
	 */
	static JobCallback undelivered(String url, boolean ended) {
		return new JobCallback(url, ended ? CallbackState.PENDING : CallbackState.WAITING, 0, null, null, null);
	}

	/**
	 * Where a job's callback stands, as its view shows it.
	 */
	public enum CallbackState {

		/** The job has not ended; nothing to deliver yet. */
		WAITING,
		/**
		 * The job has ended; its view is being delivered, or waits for the next attempt.
		 */
		PENDING,
		/** The receiver answered an attempt with a 2xx status. */
		DELIVERED,
		/** No attempt succeeded within {@code sluice.webhook.max-age}; given up. */
		FAILED

	}

}
