package io.sluice.worker.intake;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a chunk rides out a transient database failure: a few quick retries with
 * exponential random backoff on the consumer thread; then intake pauses and the database
 * is probed until it answers ({@link IntakePause}), and the chunk is redelivered by
 * Kafka, for as long as it takes. Never the dead-letter topic.
 *
 * @param maxAttempts attempts per delivery, the first included
 * @param initialInterval wait before the first retry
 * @param multiplier factor applied to the wait after each failed attempt
 * @param randomizationFactor random spread of each wait, from 0 (none) to below 1 (0.5
 * means plus or minus 50%)
 * @param maxInterval longest single wait between attempts
 * @param redeliveryMaxInterval longest pause before Kafka redelivers a chunk whose
 * attempts all failed transiently (the pause starts at one second and doubles); short,
 * because an unavailable database pauses intake anyway
 * @param outageProbeInterval how often a paused worker asks the database whether it
 * answers again
 */
@Validated
@ConfigurationProperties("sluice.worker.retry")
record RetryProperties(@DefaultValue("4") @Min(1) @Max(20) int maxAttempts,
		@DefaultValue("200ms") @NotNull Duration initialInterval,
		@DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("10.0") double multiplier,
		@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax(value = "1.0",
				inclusive = false) double randomizationFactor,
		@DefaultValue("2s") @NotNull Duration maxInterval, @DefaultValue("5s") @NotNull Duration redeliveryMaxInterval,
		@DefaultValue("1s") @NotNull Duration outageProbeInterval) {

}
