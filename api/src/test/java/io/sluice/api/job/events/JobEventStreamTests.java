package io.sluice.api.job.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.sluice.api.job.Job;
import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

class JobEventStreamTests {

	@Test
	void resumesAfterTheVersionTheClientNames() {
		assertThat(JobEventStream.resumeAfter("1795867212345678")).isEqualTo(1795867212345678L);
		assertThat(JobEventStream.resumeAfter(" 42 ")).isEqualTo(42);
	}

	@Test
	void stallsOnlyWhileAWriteTakesLongerThanTheTimeout() {
		Instant now = Instant.parse("2026-11-27T12:00:00Z");
		JobEventStream stream = new JobEventStream(
				new Job(UUID.randomUUID(), "alice", 1, JobStatus.RUNNING, 10, 1, 0, 0, 0, 0, now, now, null, null, now),
				new SseEmitter(), 0, 4, 0);
		long timeout = Duration.ofSeconds(10).toNanos();

		assertThat(stream.writeStalled(timeout * 5, timeout)).as("not writing").isFalse();
		stream.writeStarted(1_000);
		assertThat(stream.writeStalled(1_000 + timeout, timeout)).isFalse();
		assertThat(stream.writeStalled(1_001 + timeout, timeout)).isTrue();
		stream.writeDone();
		assertThat(stream.writeStalled(1_001 + timeout, timeout)).isFalse();
	}

	@Test
	void keepsRoomForItsEndWhenFull() {
		Instant now = Instant.parse("2026-11-27T12:00:00Z");
		JobEventStream stream = new JobEventStream(
				new Job(UUID.randomUUID(), "alice", 1, JobStatus.RUNNING, 10, 1, 0, 0, 0, 0, now, now, null, null, now),
				new SseEmitter(), 0, 2, 0);

		assertThat(stream.enqueue(stream.heartbeat(1))).isTrue();
		assertThat(stream.enqueue(stream.heartbeat(2))).isTrue();
		assertThat(stream.enqueue(stream.heartbeat(3))).as("at most 2 queued").isFalse();
		stream.end(true);

		assertThat(stream.next()).as("the reconnect event").isNotSameAs(JobEventStream.END).isNotNull();
		assertThat(stream.next()).isSameAs(JobEventStream.END);
		assertThat(stream.next()).isNull();
	}

	@Test
	void endsAfterWhatIsQueuedUnlessTheClientFellBehind() {
		Instant now = Instant.parse("2026-11-27T12:00:00Z");
		JobEventStream stream = new JobEventStream(
				new Job(UUID.randomUUID(), "alice", 1, JobStatus.RUNNING, 10, 1, 0, 0, 0, 0, now, now, null, null, now),
				new SseEmitter(), 0, 2, 0);
		SseEmitter.SseEventBuilder finalView = stream.heartbeat(1);

		assertThat(stream.enqueue(finalView)).isTrue();
		stream.end(false);

		assertThat(stream.next()).as("the final view still goes out").isSameAs(finalView);
		assertThat(stream.next()).isSameAs(JobEventStream.END);
	}

	@Test
	void startsFromTheBeginningWithoutAUsableLastEventId() {
		assertThat(JobEventStream.resumeAfter(null)).isZero();
		assertThat(JobEventStream.resumeAfter("")).isZero();
		assertThat(JobEventStream.resumeAfter("not-a-version")).isZero();
		assertThat(JobEventStream.resumeAfter("-5")).isZero();
	}

}
