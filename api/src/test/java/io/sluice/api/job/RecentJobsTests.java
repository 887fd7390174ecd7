package io.sluice.api.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentJobsTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final RecentJobs recent = new RecentJobs(Duration.ofSeconds(1), Duration.ofSeconds(10), 2, this.nanos::get);

	private final Job job = aJob(UUID.randomUUID());

	@Test
	void answersFromAReadUntilItIsTooOld() {
		this.recent.read(Set.of(this.job.id()), List.of(this.job), this.nanos.get());

		assertThat(this.recent.fresh(this.job.id())).contains(this.job);
		this.nanos.addAndGet(Duration.ofMillis(1_001).toNanos());
		assertThat(this.recent.fresh(this.job.id())).isEmpty();
	}

	@Test
	void asksThePollerForAPolledJobUntilItsTimeToLiveEnds() {
		this.recent.polled(this.job.id());
		assertThat(this.recent.polledJobs()).containsExactly(this.job.id());

		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		assertThat(this.recent.polledJobs()).isEmpty();
	}

	@Test
	void asksForNoMorePolledJobsThanItsLimit() {
		this.recent.polled(UUID.randomUUID());
		this.recent.polled(UUID.randomUUID());
		this.recent.polled(this.job.id());

		assertThat(this.recent.polledJobs()).hasSize(2).doesNotContain(this.job.id());
	}

	@Test
	void dropsAJobThePollerNoLongerFinds() {
		this.recent.read(Set.of(this.job.id()), List.of(this.job), this.nanos.get());

		this.recent.read(Set.of(this.job.id()), List.of(), this.nanos.get());

		assertThat(this.recent.fresh(this.job.id())).isEmpty();
	}

	@Test
	void neverPutsBackAJobForgottenAfterTheReadBegan() {
		long readBegan = this.nanos.get();
		this.nanos.addAndGet(1_000);
		this.recent.forget(this.job.id());

		this.recent.read(Set.of(this.job.id()), List.of(this.job), readBegan);
		assertThat(this.recent.fresh(this.job.id())).isEmpty();

		this.nanos.addAndGet(1_000);
		this.recent.read(Set.of(this.job.id()), List.of(this.job), this.nanos.get());
		assertThat(this.recent.fresh(this.job.id())).contains(this.job);
	}

	private static Job aJob(UUID id) {
		Instant now = Instant.now();
		return new Job(id, "alice", 1, JobStatus.RUNNING, 10, 1, 5, 0, 0, 0, now, now, null, null, now);
	}

}
