package io.sluice.worker.webhook;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.sluice.common.webhook.DeliveryState;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sender's statements on {@code webhook_delivery} (V13): each one statement in its
 * own transaction, on a connection borrowed for milliseconds, never across an HTTP call.
 */
class WebhookDeliveries {

	/**
	 * Claims up to {@code :limit} due deliveries, oldest due first: moves each one's next
	 * attempt a lease ahead, so that no other worker claims it while this one sends it.
	 * {@code SKIP LOCKED} lets workers that claim at the same moment take different rows
	 * instead of waiting for each other; the row locks end with the statement, the lease
	 * goes on. Served by {@code webhook_delivery_due}.
	 */
	private static final String CLAIM = """
			WITH due AS (
			    SELECT id FROM webhook_delivery
			    WHERE state = %1$s AND next_attempt_at <= clock_timestamp()
			    ORDER BY next_attempt_at
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			UPDATE webhook_delivery d
			SET next_attempt_at = clock_timestamp() + :leaseMillis * interval '1 millisecond'
			FROM due
			WHERE d.id = due.id AND d.state = %1$s
			RETURNING d.id, d.job_id, d.url, d.payload, d.attempts
			""".formatted(DeliveryState.PENDING.sql());

	private static final String RECORD_DELIVERED = """
			UPDATE webhook_delivery
			SET state = %s, attempts = attempts + 1, last_status = :status, last_error = NULL,
			    updated_at = clock_timestamp(), finished_at = clock_timestamp()
			WHERE id = :id AND state = %s
			""".formatted(DeliveryState.DELIVERED.sql(), DeliveryState.PENDING.sql());

	/**
	 * Records a failed attempt: the next one after {@code :waitMillis}, unless that would
	 * be past the delivery's {@code :maxAgeMillis}, by the database's clock, when it is
	 * given up. Answers the state it left.
	 */
	private static final String RECORD_FAILURE = """
			UPDATE webhook_delivery
			SET attempts = attempts + 1, last_status = :status, last_error = :error, updated_at = clock_timestamp(),
			    next_attempt_at = clock_timestamp() + :waitMillis * interval '1 millisecond',
			    state = CASE WHEN clock_timestamp() + :waitMillis * interval '1 millisecond'
			                      > created_at + :maxAgeMillis * interval '1 millisecond'
			                 THEN %1$s ELSE %2$s END,
			    finished_at = CASE WHEN clock_timestamp() + :waitMillis * interval '1 millisecond'
			                            > created_at + :maxAgeMillis * interval '1 millisecond'
			                       THEN clock_timestamp() END
			WHERE id = :id AND state = %2$s
			RETURNING state
			""".formatted(DeliveryState.FAILED.sql(), DeliveryState.PENDING.sql());

	/** Served by {@code webhook_delivery_due}, which holds only pending deliveries. */
	private static final String COUNT_PENDING = "SELECT count(*) FROM webhook_delivery WHERE state = %s"
		.formatted(DeliveryState.PENDING.sql());

	/** The longest a recorded error is, in characters. */
	private static final int MAX_ERROR = 500;

	private final JdbcClient jdbc;

	WebhookDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims due deliveries.
	 * @param limit the most to claim
	 * @param lease how long the others leave them alone
	 * @return the deliveries claimed
	 */
	List<Delivery> claim(int limit, Duration lease) {
		return this.jdbc.sql(CLAIM)
			.param("limit", limit)
			.param("leaseMillis", lease.toMillis())
			.query((row, number) -> new Delivery(row.getObject("id", UUID.class), row.getObject("job_id", UUID.class),
					row.getString("url"), row.getString("payload"), row.getInt("attempts")))
			.list();
	}

	/**
	 * Records a delivered attempt.
	 * @param id the delivery
	 * @param status the 2xx that answered it
	 */
	void recordDelivered(UUID id, int status) {
		this.jdbc.sql(RECORD_DELIVERED).param("id", id).param("status", status).update();
	}

	/**
	 * Records a failed attempt.
	 * @param id the delivery
	 * @param status the status that answered it, or {@code null}
	 * @param error why it failed
	 * @param wait how long until the next attempt
	 * @param maxAge how long after its creation a delivery is tried
	 * @return the state the delivery is in now: {@link DeliveryState#PENDING}, or
	 * {@link DeliveryState#FAILED} if it was given up; {@code null} if it was no longer
	 * pending (another worker took it over and finished it)
	 */
	DeliveryState recordFailure(UUID id, Integer status, String error, Duration wait, Duration maxAge) {
		String cut = (error.length() > MAX_ERROR) ? error.substring(0, MAX_ERROR) : error;
		return this.jdbc.sql(RECORD_FAILURE)
			.param("id", id)
			.param("status", status)
			.param("error", cut)
			.param("waitMillis", wait.toMillis())
			.param("maxAgeMillis", maxAge.toMillis())
			.query((row, number) -> DeliveryState.valueOf(row.getString("state")))
			.optional()
			.orElse(null);
	}

	/** How many deliveries are pending, fleet-wide. */
	long countPending() {
		return this.jdbc.sql(COUNT_PENDING).query(Long.class).single();
	}

	/**
	 * A claimed delivery.
	 *
	 * @param id the delivery's id, the {@code Sluice-Delivery} header
	 * @param jobId its job
	 * @param url the callback URL
	 * @param payload the job's final view, the body
	 * @param attempts attempts recorded before this one
	 */
	record Delivery(UUID id, UUID jobId, String url, String payload, int attempts) {

	}

}
