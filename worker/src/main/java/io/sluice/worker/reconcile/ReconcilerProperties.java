package io.sluice.worker.reconcile;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the reconciler gives up on a job that can no longer progress. Every timeout is
 * measured by the reconciler's own uninterrupted watch, never from the job's timestamps,
 * so an outage or a restart only delays a verdict.
 *
 * @param enabled whether this worker runs the reconciler at all
 * @param interval pause between two ticks of this worker's reconciler
 * @param pendingTimeout how long a {@code PENDING} job with no landed chunk must be
 * watched unchanged before it is failed; must stay well above the API's
 * {@code sluice.api.publish.timeout}
 * @param stallWarning how long a {@code QUEUED} or {@code RUNNING} job must be watched
 * without progress before it is reported as stalled
 * @param stallTimeout how long a {@code QUEUED} or {@code RUNNING} job must be watched
 * without progress before it is failed, naming its missing chunks, provided the workers
 * have by then consumed everything that was on the chunk topic when the watch began
 * @param kafkaTimeout longest one tick waits for Kafka's answers (end offsets, the
 * workers' committed offsets); no longer than the interval
 */
@Validated
@ConfigurationProperties("sluice.worker.reconciler")
record ReconcilerProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration interval,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 30) Duration pendingTimeout,
		@DefaultValue("10m") @NotNull @DurationMin(seconds = 30) Duration stallWarning,
		@DefaultValue("1h") @NotNull @DurationMin(seconds = 30) Duration stallTimeout,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration kafkaTimeout) {

	/** A job is failed only after it was watched over several ticks. */
	@AssertTrue(message = "sluice.worker.reconciler.interval must be shorter than pending-timeout and stall-warning")
	boolean isIntervalShorterThanTimeouts() {
		return anyNull()
				|| (this.interval.compareTo(this.pendingTimeout) < 0 && this.interval.compareTo(this.stallWarning) < 0);
	}

	/** A stalled job is reported before it is failed. */
	@AssertTrue(message = "sluice.worker.reconciler.stall-warning must be shorter than stall-timeout")
	boolean isStallWarningBeforeStallTimeout() {
		return anyNull() || this.stallWarning.compareTo(this.stallTimeout) < 0;
	}

	/**
	 * A tick that waits on Kafka delays the next observation by as long; within one
	 * interval, an outage never stretches the gap between two observations past
	 * {@link #maxObservationGap()}.
	 */
	@AssertTrue(message = "sluice.worker.reconciler.kafka-timeout must not be longer than interval")
	boolean isKafkaTimeoutWithinInterval() {
		return anyNull() || this.kafkaTimeout.compareTo(this.interval) <= 0;
	}

	/**
	 * The longest pause between two observations that still counts as one continuous
	 * watch: a tick or two skipped because another worker held the lock is tolerated; a
	 * longer silence (a paused process, a tick that hung) starts the watch over.
	 */
	Duration maxObservationGap() {
		return this.interval.multipliedBy(3);
	}

	private boolean anyNull() {
		return this.interval == null || this.pendingTimeout == null || this.stallWarning == null
				|| this.stallTimeout == null || this.kafkaTimeout == null;
	}

}
