package io.sluice.api.limit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-owner limits (ADR 0025): a cap on the photos an owner's unfinished jobs still hold,
 * enforced through the database so that every API instance agrees, and a request rate
 * limit kept in each API instance.
 *
 * @param maxPendingPhotos Most photos an owner's PENDING, QUEUED and RUNNING jobs may
 * still hold, the new job's included; a submit beyond it is a 429. At least
 * sluice.api.jobs.max-photos.
 * @param expectedPhotosPerSecond The drain rate assumed for an owner whose open jobs have
 * not processed a photo yet, when computing a 429's Retry-After.
 * @param requestsPerSecond Requests per second an owner may make to /api/v1/** on one API
 * instance, sustained.
 * @param burst Requests an owner may make at once on one API instance after being idle.
 */
@Validated
@ConfigurationProperties("sluice.api.limits")
public record LimitsProperties(@DefaultValue("300000") @Min(1) long maxPendingPhotos,
		@DefaultValue("5000") @Min(1) @Max(10_000_000) int expectedPhotosPerSecond,
		@DefaultValue("50") @Positive double requestsPerSecond, @DefaultValue("100") @Min(1) int burst) {

}
