package io.sluice.common.webhook;

/**
 * Where one webhook delivery is: the values of the {@code webhook_delivery.state} check
 * in the migrations (V13). Statements on deliveries take their state literals from
 * {@link #sql()}.
 */
public enum DeliveryState {

	/** Recorded when its job ended; being sent, or waiting for its next attempt. */
	PENDING,
	/** A 2xx answer was received. */
	DELIVERED,
	/** Given up: no 2xx within {@code sluice.webhook.max-age} of the job's end. */
	FAILED;

	/**
	 * This state as an SQL string literal, as {@code webhook_delivery.state} holds it.
	 * @return for example {@code 'DELIVERED'}
	 */
	public String sql() {
		return "'" + name() + "'";
	}

}
