package io.sluice.api.job.submit;

import java.time.Instant;
import java.util.UUID;

/**
 * An idempotency key was sent again with a request whose content differs from the one
 * that created the key's job. Answered with 422: the request is well-formed but
 * contradicts the earlier one; nothing was stored.
 */
class IdempotencyKeyReusedException extends RuntimeException {

	private final UUID jobId;

	private final Instant keyExpiresAt;

	IdempotencyKeyReusedException(IdempotencyKey key, UUID jobId, Instant keyExpiresAt) {
		super("Idempotency key '" + key.value() + "' already names job " + jobId
				+ ", which was created from a different request");
		this.jobId = jobId;
		this.keyExpiresAt = keyExpiresAt;
	}

	UUID jobId() {
		return this.jobId;
	}

	Instant keyExpiresAt() {
		return this.keyExpiresAt;
	}

}
