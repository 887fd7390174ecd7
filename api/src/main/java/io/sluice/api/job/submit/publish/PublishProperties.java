package io.sluice.api.job.submit.publish;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long publishing a job's chunks to Kafka may take.
 *
 * @param timeout Longest a job's Kafka transaction may take, end to end; past it the job
 * is marked FAILED and the client is answered 503 with Retry-After. The producer's
 * max.block.ms, request.timeout.ms and delivery.timeout.ms are derived from it; a job
 * waiting for a lane spends it too.
 * @param lanes Kafka transactions one API instance runs at once, each on a thread and a
 * transactional producer of its own, started with the API; a lane publishes every job
 * waiting for it in one transaction. One more lane publishes only small jobs (one chunk)
 * (ADR 0037).
 */
@Validated
@ConfigurationProperties("sluice.api.publish")
record PublishProperties(
		@DefaultValue("10s") @NotNull @DurationMin(millis = 300) @DurationMax(minutes = 10) Duration timeout,
		@DefaultValue("2") @Min(1) @Max(16) int lanes) {

}
