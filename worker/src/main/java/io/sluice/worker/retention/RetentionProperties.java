package io.sluice.worker.retention;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long Sluice keeps what a job leaves behind in the database, and how the workers
 * clean up after it (ADR 0042). Ages are measured by the database's clock, from the job's
 * own timestamps. The photos are never deleted.
 *
 * @param enabled whether this worker takes part in the cleanup at all
 * @param jobs how long a job is kept after it ended ({@code finished_at}), with its chunk
 * ledger and failed photos; then it is deleted and its id answers 404. At least 1h, at
 * least {@code idempotency-keys}, and longer than {@code sluice.kafka.chunk-retention}
 * @param idempotencyKeys how long after a job's creation its Idempotency-Key is taken off
 * it; at least the API's {@code sluice.api.jobs.idempotency-key-ttl}, or a key the API
 * still honours is released early
 * @param interval pause between two cleanups of this worker; one worker of the fleet acts
 * at a time
 * @param batchSize most jobs deleted, or keys released, in one transaction
 * @param batchesPerTick most transactions of each kind in one cleanup; what is left waits
 * for the next
 */
@Validated
@ConfigurationProperties("sluice.retention")
record RetentionProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("30d") @NotNull @DurationMin(hours = 1) Duration jobs,
		@DefaultValue("24h") @NotNull @DurationMin(minutes = 1) Duration idempotencyKeys,
		@DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration interval,
		@DefaultValue("1000") @Min(1) @Max(100_000) int batchSize, @DefaultValue("10") @Min(1) int batchesPerTick) {

	/** Deleting a job releases its key: it must not happen before the key expires. */
	@AssertTrue(message = "sluice.retention.idempotency-keys must not be longer than sluice.retention.jobs")
	boolean isKeyReleasedBeforeItsJobIsDeleted() {
		return this.jobs == null || this.idempotencyKeys == null || this.idempotencyKeys.compareTo(this.jobs) <= 0;
	}

}
