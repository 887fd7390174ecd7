package io.sluice.api.job.submit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on submitted jobs and how they are cut into chunks.
 *
 * @param maxPhotos Most photos one job may hold.
 * @param chunkSize Most photos in one Kafka chunk record; a chunk is also cut earlier so
 * that its encoded size stays within 1 MiB.
 * @param maxBodySize Largest request body accepted (413 beyond it), whether or not the
 * client declares a Content-Length.
 * @param idempotencyKeyTtl How long an Idempotency-Key names the job it created, from the
 * job's creation; after that the same key makes a new job.
 */
@Validated
@ConfigurationProperties("sluice.api.jobs")
record JobsProperties(@DefaultValue("100000") @Min(1) @Max(10_000_000) int maxPhotos,
		@DefaultValue("500") @Min(1) @Max(100_000) int chunkSize, @DefaultValue("32MB") @NotNull DataSize maxBodySize,
		@DefaultValue("24h") @NotNull Duration idempotencyKeyTtl) {

	JobsProperties {
		if (maxBodySize != null && maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException("sluice.api.jobs.max-body-size must be positive, not " + maxBodySize);
		}
		if (idempotencyKeyTtl != null && (idempotencyKeyTtl.isNegative() || idempotencyKeyTtl.isZero())) {
			throw new IllegalArgumentException(
					"sluice.api.jobs.idempotency-key-ttl must be positive, not " + idempotencyKeyTtl);
		}
	}

}
