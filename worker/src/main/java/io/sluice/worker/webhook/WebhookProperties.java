package io.sluice.worker.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker delivers the final views of jobs to their callback URLs (ADR 0041).
 *
 * @param secret Key of the HMAC-SHA256 in each delivery's Sluice-Signature header
 * (environment variable SLUICE_WEBHOOK_SECRET), at least 32 bytes; give every worker the
 * same. Unset: no delivery is sent, and deliveries wait until a worker has one.
 * @param maxAge How long after its job ended a delivery is retried; then it is given up
 * (FAILED).
 * @param initialBackoff Wait after the first failed attempt; it doubles after each
 * further one, up to max-backoff, and each wait is drawn between half and one and a half
 * times that (jitter).
 * @param maxBackoff Longest wait between two attempts, before jitter.
 * @param connectTimeout Longest a delivery waits to connect (TLS handshake included);
 * then the attempt failed and is retried.
 * @param readTimeout Longest a delivery waits for the status line of the answer once the
 * request is sent; then the attempt failed and is retried.
 * @param pollInterval How often each worker looks for due deliveries when it found none
 * the last time.
 * @param concurrency Deliveries one worker sends at once, each on a thread of its own;
 * none holds a database connection while it waits for the receiver.
 */
@Validated
@ConfigurationProperties("sluice.webhook")
record WebhookProperties(String secret, @DefaultValue("24h") @NotNull Duration maxAge,
		@DefaultValue("10s") @NotNull Duration initialBackoff, @DefaultValue("1h") @NotNull Duration maxBackoff,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration readTimeout,
		@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("4") @Min(1) @Max(64) int concurrency) {

	/** Shortest secret accepted, in bytes of UTF-8. */
	static final int MIN_SECRET_BYTES = 32;

	WebhookProperties {
		if (secret != null && !secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("sluice.webhook.secret (SLUICE_WEBHOOK_SECRET) must be at least "
					+ MIN_SECRET_BYTES + " bytes long: receivers verify every delivery with it");
		}
		positive("sluice.webhook.max-age", maxAge);
		positive("sluice.webhook.initial-backoff", initialBackoff);
		positive("sluice.webhook.connect-timeout", connectTimeout);
		positive("sluice.webhook.read-timeout", readTimeout);
		positive("sluice.webhook.poll-interval", pollInterval);
		if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("sluice.webhook.max-backoff (" + maxBackoff
					+ ") must be at least sluice.webhook.initial-backoff (" + initialBackoff + ")");
		}
	}

	/** Whether deliveries can be signed, and so sent. */
	boolean hasSecret() {
		return this.secret != null && !this.secret.isEmpty();
	}

	/**
	 * How long a claimed delivery is kept from other workers: twice the longest attempt,
	 * so that only a worker that died mid-attempt loses it to another.
	 */
	Duration claimLease() {
		return this.connectTimeout.plus(this.readTimeout).multipliedBy(2);
	}

	private static void positive(String name, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new IllegalArgumentException(name + " must be positive, not " + value);
		}
	}

}
