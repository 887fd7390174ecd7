package io.sluice.api.job.submit;

/**
 * An idempotency key changed hands again and again while a request tried to claim it:
 * other requests with the same key kept taking it and giving it up (their jobs failed or
 * their keys expired) between this request's statements. Answered with 409 and
 * {@code Retry-After}, as the Idempotency-Key header's draft asks for a key whose request
 * is still being processed; nothing was stored, and sending the request again is safe.
 */
class IdempotencyKeyBusyException extends RuntimeException {

	IdempotencyKeyBusyException(IdempotencyKey key, int rounds) {
		super("Idempotency key '" + key.value() + "' changed hands " + rounds + " times while it was being claimed");
	}

}
