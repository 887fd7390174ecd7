package io.sluice.api.job.events;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.sluice.api.job.Job;
import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobEventStreamsTests {

	private final JobEventStreams streams = new JobEventStreams(new JobEventsProperties(Duration.ofMillis(100),
			Duration.ofSeconds(1), Duration.ofMinutes(1), 3, 2, 4, Duration.ofSeconds(10), Duration.ofSeconds(10), 100),
			Runnable::run);

	/** Writer tasks held back, as if every writer thread were stuck on a client. */
	private final List<Runnable> heldWrites = new ArrayList<>();

	private final JobEventStreams stuckStreams = new JobEventStreams(new JobEventsProperties(Duration.ofMillis(100),
			Duration.ofSeconds(1), Duration.ofMinutes(1), 3, 2, 4, Duration.ofSeconds(10), Duration.ofSeconds(10), 100),
			this.heldWrites::add);

	@Test
	void keepsAStreamThatOpenedAfterItsJobWasRead() throws IOException {
		Job job = job(JobStatus.QUEUED);
		assertThat(this.streams.open(job, 0)).isNotNull();

		this.streams.deliver(Set.of(), Map.of());

		assertThat(this.streams.size()).isEqualTo(1);
		assertThat(this.streams.watchedJobs()).containsExactly(job.id());
	}

	@Test
	void completesTheStreamOfAJobThatNoLongerExists() throws IOException {
		Job job = job(JobStatus.RUNNING);
		this.streams.open(job, 0);

		this.streams.deliver(Set.of(job.id()), Map.of());

		assertThat(this.streams.size()).isZero();
		assertThat(this.streams.watchedJobs()).isEmpty();
	}

	@Test
	void completesTheStreamAfterTheFinalView() throws IOException {
		Job running = job(JobStatus.RUNNING);
		this.streams.open(running, 0);
		Job completed = new Job(running.id(), "alice", 1, JobStatus.COMPLETED, 10, 1, 10, 0, 0, 0, running.createdAt(),
				running.updatedAt().plusMillis(5), running.updatedAt().plusMillis(5), null, running.readAt());

		this.streams.deliver(Set.of(running.id()), Map.of(running.id(), running));
		assertThat(this.streams.size()).as("an unchanged view sends nothing and keeps the stream").isEqualTo(1);
		this.streams.deliver(Set.of(running.id()), Map.of(running.id(), completed));

		assertThat(this.streams.size()).isZero();
	}

	@Test
	void refusesStreamsBeyondTheCapButNotAJobThatHasEnded() throws IOException {
		this.streams.open(job("alice", JobStatus.RUNNING), 0);
		this.streams.open(job("alice", JobStatus.RUNNING), 0);
		this.streams.open(job("bob", JobStatus.RUNNING), 0);

		assertThatExceptionOfType(TooManyJobStreamsException.class)
			.isThrownBy(() -> this.streams.open(job("carol", JobStatus.RUNNING), 0));
		assertThat(this.streams.open(job("carol", JobStatus.COMPLETED), 0)).as("the final view needs no slot")
			.isNotNull();
		assertThat(this.streams.size()).isEqualTo(3);
		assertThat(this.streams.openBy("carol")).isZero();
	}

	@Test
	void refusesAnOwnersStreamsBeyondItsShareWhileOthersStillOpen() throws IOException {
		Job first = job("alice", JobStatus.RUNNING);
		this.streams.open(first, 0);
		this.streams.open(job("alice", JobStatus.RUNNING), 0);

		assertThatExceptionOfType(TooManyOwnerStreamsException.class)
			.isThrownBy(() -> this.streams.open(job("alice", JobStatus.RUNNING), 0))
			.satisfies((ex) -> assertThat(ex.maxStreamsPerOwner()).isEqualTo(2));
		assertThat(this.streams.open(job("bob", JobStatus.QUEUED), 0)).isNotNull();
		assertThat(this.streams.openBy("alice")).isEqualTo(2);
		assertThat(this.streams.size()).as("the refused stream took no slot").isEqualTo(3);

		this.streams.deliver(Set.of(first.id()), Map.of());
		assertThat(this.streams.openBy("alice")).as("a stream that ended gives its owner's slot back").isEqualTo(1);
		assertThat(this.streams.open(job("alice", JobStatus.RUNNING), 0)).isNotNull();
	}

	@Test
	void endsAStreamThatFallsBehindWithoutWaitingForItsWriter() throws IOException {
		Job running = job("alice", JobStatus.RUNNING);
		this.stuckStreams.open(running, 0);

		for (int change = 1; change <= 4; change++) {
			this.stuckStreams.deliver(Set.of(running.id()), Map.of(running.id(), changed(running, change)));
			assertThat(this.stuckStreams.size()).as("%d view(s) queued of at most 4", change).isEqualTo(1);
		}
		this.stuckStreams.deliver(Set.of(running.id()), Map.of(running.id(), changed(running, 5)));

		assertThat(this.stuckStreams.size()).as("a fifth view does not fit: the stream is ended, its slot free")
			.isZero();
		assertThat(this.stuckStreams.openBy("alice")).isZero();
		assertThat(this.heldWrites).as("one writer task for the stream, never run by the poller").hasSize(1);
	}

	@Test
	void hasNothingToSendAClientThatHasTheFinalView() throws IOException {
		Job completed = job(JobStatus.COMPLETED);

		assertThat(this.streams.open(completed, completed.version())).isNull();
		assertThat(this.streams.open(completed, completed.version() - 1)).isNotNull();
	}

	@Test
	void completesEveryStreamOnShutdown() throws IOException {
		this.streams.open(job(JobStatus.RUNNING), 0);
		this.streams.open(job(JobStatus.QUEUED), 0);

		this.streams.completeAll();

		assertThat(this.streams.size()).isZero();
	}

	private static Job job(JobStatus status) {
		return job("alice", status);
	}

	private static Job changed(Job job, int written) {
		return new Job(job.id(), job.owner(), 1, JobStatus.RUNNING, 10, 1, written, 0, 0, 0, job.createdAt(),
				job.updatedAt().plusMillis(written), null, null, job.readAt());
	}

	private static Job job(String owner, JobStatus status) {
		Instant now = Instant.parse("2026-11-27T12:00:00.123456Z");
		return new Job(UUID.randomUUID(), owner, 1, status, 10, 1, status.isTerminal() ? 10 : 0, 0, 0, 0, now, now,
				status.isTerminal() ? now : null, null, now);
	}

}
