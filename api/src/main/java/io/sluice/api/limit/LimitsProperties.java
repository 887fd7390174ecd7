package io.sluice.api.limit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Per-owner limits (ADR 0025, 0035): a cap on the photos an owner's unfinished jobs still
 * hold, enforced through the database so that every API instance agrees, a request rate
 * limit kept in each API instance, and caps on the request bodies one instance receives
 * at once, per owner and in all.
 *
 * @param maxPendingPhotos Most photos an owner's PENDING, QUEUED and RUNNING jobs may
 * still hold, the new job's included; a submit beyond it is a 429. At least
 * sluice.api.jobs.max-photos.
 * @param expectedPhotosPerSecond The drain rate assumed for an owner whose open jobs have
 * not processed a photo yet, when computing a 429's Retry-After.
 * @param requestsPerSecond Requests per second an owner may make to /api/v1/** on one API
 * instance, sustained.
 * @param burst Requests an owner may make at once on one API instance after being idle.
 * @param largeBodyThreshold Request bodies whose Content-Length is above this are large;
 * so is a body sent without Content-Length (chunked).
 * @param maxLargeBodiesPerOwner Most large request bodies one owner may have being
 * received at once by one API instance; beyond it 429, before the body is read.
 * @param maxBodyBytesInFlight Most request body bytes one API instance receives at once,
 * by Content-Length (a body without one counts as sluice.api.jobs.max-body-size); beyond
 * it 503, before the body is read. Default: a quarter of the maximum heap. At least
 * sluice.api.jobs.max-body-size.
 */
@Validated
@ConfigurationProperties("sluice.api.limits")
public record LimitsProperties(@DefaultValue("300000") @Min(1) long maxPendingPhotos,
		@DefaultValue("5000") @Min(1) @Max(10_000_000) int expectedPhotosPerSecond,
		@DefaultValue("50") @Positive double requestsPerSecond, @DefaultValue("100") @Min(1) int burst,
		@DefaultValue("1MB") @NotNull DataSize largeBodyThreshold,
		@DefaultValue("2") @Min(1) @Max(10_000) int maxLargeBodiesPerOwner, DataSize maxBodyBytesInFlight) {

	/** The share of the maximum heap that request bodies may take by default. */
	static final int DEFAULT_HEAP_FRACTION = 4;

	/**
	 * The cap on request body bytes in flight: the configured one, else a quarter of the
	 * maximum heap, and never less than the largest body, which could otherwise never be
	 * received.
	 * @param maxBodyBytes the largest body accepted
	 * ({@code sluice.api.jobs.max-body-size})
	 * @param maxHeapBytes the maximum heap ({@link Runtime#maxMemory()})
	 * @return the cap in bytes
	 * @throws IllegalArgumentException if a configured cap is smaller than the largest
	 * body
	 */
	public long bodyBytesInFlightCap(long maxBodyBytes, long maxHeapBytes) {
		if (this.maxBodyBytesInFlight == null) {
			return Math.max(maxBodyBytes, maxHeapBytes / DEFAULT_HEAP_FRACTION);
		}
		if (this.maxBodyBytesInFlight.toBytes() < maxBodyBytes) {
			throw new IllegalArgumentException("sluice.api.limits.max-body-bytes-in-flight ("
					+ this.maxBodyBytesInFlight + ") must be at least sluice.api.jobs.max-body-size (" + maxBodyBytes
					+ " bytes): a body of the largest size could never be received");
		}
		return this.maxBodyBytesInFlight.toBytes();
	}

}
