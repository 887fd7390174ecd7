package io.sluice.worker.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.sluice.common.job.JobStatus;
import io.sluice.worker.reconcile.JobWatch.Watched;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobWatchTests {

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private static final Instant UPDATED = Instant.parse("2029-12-31T00:00:00Z");

	private final JobWatch watch = new JobWatch(Duration.ofSeconds(30));

	private final UUID id = UUID.randomUUID();

	@Test
	void measuresFromItsOwnFirstSightingNotFromTheJobsTimestamps() {
		Watched first = only(this.watch.observe(List.of(running(2)), START));

		assertThat(first.unchangedFor()).isZero();
	}

	@Test
	void countsHowLongAJobStaysUnchanged() {
		this.watch.observe(List.of(running(2)), START);
		this.watch.observe(List.of(running(2)), START.plusSeconds(10));

		assertThat(only(this.watch.observe(List.of(running(2)), START.plusSeconds(20))).unchangedFor())
			.isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void startsOverWhenTheJobMoves() {
		this.watch.observe(List.of(running(2)), START);

		assertThat(only(this.watch.observe(List.of(running(3)), START.plusSeconds(20))).unchangedFor()).isZero();
	}

	@Test
	void startsOverAfterAGapLongerThanAllowed() {
		this.watch.observe(List.of(running(2)), START);

		assertThat(only(this.watch.observe(List.of(running(2)), START.plusSeconds(31))).unchangedFor()).isZero();
	}

	@Test
	void startsOverAfterAnInterruption() {
		this.watch.observe(List.of(running(2)), START);
		this.watch.interrupt();

		assertThat(only(this.watch.observe(List.of(running(2)), START.plusSeconds(10))).unchangedFor()).isZero();
	}

	@Test
	void forgetsAJobOnceItIsNoLongerOpen() {
		this.watch.observe(List.of(running(2)), START);
		this.watch.observe(List.of(), START.plusSeconds(10));

		assertThat(only(this.watch.observe(List.of(running(2)), START.plusSeconds(20))).unchangedFor()).isZero();
	}

	@Test
	void remembersThatAJobWasReportedUntilItMoves() {
		this.watch.observe(List.of(running(2)), START);
		this.watch.reported(this.id);

		assertThat(only(this.watch.observe(List.of(running(2)), START.plusSeconds(10))).reported()).isTrue();
		assertThat(only(this.watch.observe(List.of(running(3)), START.plusSeconds(20))).reported()).isFalse();
	}

	private OpenJob running(int chunksDone) {
		return new OpenJob(this.id, JobStatus.RUNNING, 10, chunksDone, UPDATED.plusSeconds(chunksDone), true);
	}

	private static Watched only(List<Watched> watched) {
		assertThat(watched).hasSize(1);
		return watched.get(0);
	}

}
