package io.sluice.api.job;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobEtaTests {

	private static final Instant CREATED = Instant.parse("2026-11-27T12:00:00Z");

	@Test
	void hasNoEstimateWhileNothingIsProcessed() {
		Job queued = job(JobStatus.QUEUED, 1_000, 0, 0, 0, Duration.ofSeconds(30));

		assertThat(JobEta.seconds(queued)).isNull();
	}

	@Test
	void extrapolatesTheAveragePaceSinceCreation() {
		// 250 of 1,000 in 10 s: 750 left at 25 photos/s
		Job running = job(JobStatus.RUNNING, 1_000, 200, 40, 10, Duration.ofSeconds(10));

		assertThat(JobEta.seconds(running)).isEqualTo(30);
	}

	@Test
	void countsDuplicateAndFailedPhotosAsProcessed() {
		Job onlyDuplicates = job(JobStatus.RUNNING, 100, 0, 50, 0, Duration.ofSeconds(4));
		Job onlyFailed = job(JobStatus.RUNNING, 100, 0, 0, 50, Duration.ofSeconds(4));

		assertThat(JobEta.seconds(onlyDuplicates)).isEqualTo(4);
		assertThat(JobEta.seconds(onlyFailed)).isEqualTo(4);
	}

	@Test
	void roundsUpToWholeSeconds() {
		// 1 of 3 in 1 ms: 2 ms left
		Job fast = job(JobStatus.RUNNING, 3, 1, 0, 0, Duration.ofMillis(1));

		assertThat(JobEta.seconds(fast)).isEqualTo(1);
	}

	@Test
	void isZeroOnceTheJobHasEnded() {
		for (JobStatus status : JobStatus.values()) {
			if (status.isTerminal()) {
				assertThat(JobEta.seconds(job(status, 1_000, 10, 0, 0, Duration.ofSeconds(5)))).as(status.name())
					.isZero();
			}
		}
	}

	@Test
	void isZeroWhenEveryPhotoIsAccountedForBeforeTheStatusSaysSo() {
		assertThat(JobEta.seconds(job(JobStatus.RUNNING, 10, 10, 0, 0, Duration.ofSeconds(5)))).isZero();
	}

	@Test
	void neverGoesNegativeWhenTheClockReadsBeforeCreation() {
		Job skewed = job(JobStatus.RUNNING, 10, 5, 0, 0, Duration.ofSeconds(-3));

		assertThat(JobEta.seconds(skewed)).isZero();
	}

	@Test
	void suggestsPollingWhenTheEstimateSaysWithinBounds() {
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.RUNNING, 1_000, 250, 0, 0, Duration.ofSeconds(10))))
			.isEqualTo(30);
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.RUNNING, 1_000, 999, 0, 0, Duration.ofSeconds(1))))
			.isEqualTo(JobEta.MIN_RETRY_AFTER_SECONDS);
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.RUNNING, 100_000, 1, 0, 0, Duration.ofSeconds(1))))
			.isEqualTo(JobEta.MAX_RETRY_AFTER_SECONDS);
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.COMPLETED, 10, 10, 0, 0, Duration.ofSeconds(1))))
			.isEqualTo(JobEta.MIN_RETRY_AFTER_SECONDS);
	}

	@Test
	void suggestsPollingByTheJobsSizeWithoutAnEstimate() {
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.QUEUED, 1, 0, 0, 0, Duration.ZERO))).isEqualTo(1);
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.QUEUED, 10_000, 0, 0, 0, Duration.ZERO))).isEqualTo(3);
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.QUEUED, 100_000, 0, 0, 0, Duration.ZERO))).isEqualTo(21);
		assertThat(JobEta.retryAfterSeconds(job(JobStatus.PENDING, 10_000_000, 0, 0, 0, Duration.ZERO)))
			.isEqualTo(JobEta.MAX_RETRY_AFTER_SECONDS);
	}

	private static Job job(JobStatus status, int total, int written, int duplicate, int failed, Duration elapsed) {
		return new Job(UUID.randomUUID(), "alice", 1, status, total, 1, written, duplicate, failed, 0, CREATED, CREATED,
				status.isTerminal() ? CREATED.plus(elapsed) : null, null, CREATED.plus(elapsed));
	}

}
