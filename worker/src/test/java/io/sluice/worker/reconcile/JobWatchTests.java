package io.sluice.worker.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sluice.common.job.JobStatus;
import io.sluice.worker.reconcile.JobWatch.Notice;
import io.sluice.worker.reconcile.JobWatch.Watched;
import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobWatchTests {

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private static final Instant UPDATED = Instant.parse("2029-12-31T00:00:00Z");

	private static final TopicEnds ENDS = new TopicEnds(Map.of(new TopicPartition(ChunkTopics.PHOTO_CHUNKS, 0), 12L,
			new TopicPartition(ChunkTopics.PHOTO_CHUNKS, 1), 7L));

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
	void remembersWhatAJobWasToldUntilItMoves() {
		this.watch.observe(List.of(running(2)), START);
		this.watch.noticed(this.id, Notice.STALLED);
		this.watch.noticed(this.id, Notice.WAITING_FOR_KAFKA);

		assertThat(only(this.watch.observe(List.of(running(2)), START.plusSeconds(10))).notices())
			.containsExactlyInAnyOrder(Notice.STALLED, Notice.WAITING_FOR_KAFKA);
		assertThat(only(this.watch.observe(List.of(running(3)), START.plusSeconds(20))).notices()).isEmpty();
	}

	@Test
	void keepsTheTopicEndsOfAWatchUntilTheJobMoves() {
		Watched first = only(this.watch.observe(List.of(running(2)), START));
		this.watch.recordTopicEnds(this.id, first.unchangedSince(), ENDS);

		assertThat(only(this.watch.observe(List.of(running(2)), START.plusSeconds(10))).topicEnds()).isEqualTo(ENDS);
		assertThat(only(this.watch.observe(List.of(running(3)), START.plusSeconds(20))).topicEnds()).isNull();
	}

	@Test
	void neverGivesAWatchTheTopicEndsReadForAnEarlierOne() {
		Watched first = only(this.watch.observe(List.of(running(2)), START));
		this.watch.observe(List.of(running(3)), START.plusSeconds(10));

		this.watch.recordTopicEnds(this.id, first.unchangedSince(), ENDS);

		assertThat(only(this.watch.watched()).topicEnds()).isNull();
	}

	@Test
	void keepsTheFirstTopicEndsRecordedForAWatch() {
		Watched first = only(this.watch.observe(List.of(running(2)), START));
		this.watch.recordTopicEnds(this.id, first.unchangedSince(), ENDS);

		this.watch.recordTopicEnds(this.id, first.unchangedSince(),
				new TopicEnds(Map.of(new TopicPartition(ChunkTopics.PHOTO_CHUNKS, 0), 99L)));

		assertThat(only(this.watch.watched()).topicEnds()).isEqualTo(ENDS);
	}

	private OpenJob running(int chunksDone) {
		return new OpenJob(this.id, JobStatus.RUNNING, 10, chunksDone, UPDATED.plusSeconds(chunksDone), true);
	}

	private static Watched only(List<Watched> watched) {
		assertThat(watched).hasSize(1);
		return watched.get(0);
	}

}
