package io.sluice.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.LedgerRow;
import io.sluice.worker.TestDatabase.Uncommitted;
import io.sluice.embedded.TestInfrastructure;
import io.sluice.worker.redrive.DeadLetterRedrive;
import io.sluice.worker.redrive.RedriveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chunk dead-lettered for its own data (here a trigger on the chunk ledger that raises
 * {@code 22023} for that one chunk, which bisection cannot pin on a photo), then the
 * cause removed and the dead letters re-driven: the job is reopened and completes with
 * every photo, and a second re-drive changes nothing.
 */
class DeadLetterRedriveIntegrationTests extends WorkerIntegrationTest {

	@Autowired
	DeadLetterRedrive redrive;

	private Injected refused;

	@AfterEach
	void removeTrigger() {
		this.refused.close();
	}

	@Test
	void republishesAFixedChunkReopensItsJobAndIsHarmlessTwice() {
		TestJob job = queued(aJob().withPhotos(300).inChunksOf(100).build());
		this.refused = this.database.refuseChunkWritten(job.id(), 1);
		this.kafka.publishAll(job);
		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 3, 200, 0, 100, true));
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.deadLetters(job.chunk(1).key()).size() == 1);

		removeTrigger();
		assertThat(RedriveCommand.run(SluiceWorkerApplication.class, commandLine("--dry-run"))).isZero();
		assertThat(this.database.job(job.id())).as("a dry run changes nothing")
			.isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 3, 200, 0, 100, true));

		List<String> lines = new ArrayList<>();
		DeadLetterRedrive.Report report = this.redrive.run(false, lines::add);

		assertThat(report.count(DeadLetterRedrive.Action.REOPENED_AND_PUBLISHED)).isGreaterThanOrEqualTo(1);
		assertThat(lines).filteredOn((line) -> line.contains(job.id().toString()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(job.chunk(1).key()).contains("reopened"));
		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 3, 300, 0, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(300);
		assertThat(this.database.ledger(job.id())).extracting(LedgerRow::outcome)
			.containsExactly("WRITTEN", "WRITTEN", "WRITTEN");

		List<String> again = new ArrayList<>();
		this.redrive.run(false, again::add);

		assertThat(again).noneMatch((line) -> line.contains(job.id().toString()));
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("COMPLETED", 3, 300, 0, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(300);
	}

	@Test
	void leavesTheJobAloneWhenItFailsWhileItsChunkIsBeingReopened() throws Exception {
		TestJob job = queued(aJob().withPhotos(300).inChunksOf(100).build());
		this.refused = this.database.refuseChunkWritten(job.id(), 1);
		this.kafka.publish(job.chunk(0));
		this.kafka.publish(job.chunk(1));
		await().atMost(JOB_TIMEOUT).until(() -> this.database.job(job.id()).chunksDone() == 2);
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.deadLetters(job.chunk(1).key()).size() == 1);
		removeTrigger();

		List<String> lines = new CopyOnWriteArrayList<>();
		CompletableFuture<DeadLetterRedrive.Report> redriving;
		try (Uncommitted failing = this.database.failUncommitted(job.id(), "No progress for 1h: chunk 2 of 3")) {
			// The re-drive reads the job as RUNNING; reopening it waits for the failure
			redriving = CompletableFuture.supplyAsync(() -> this.redrive.run(false, lines::add));
			await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(10)).until(this.database::workerWaitingOnLock);
			failing.commit();
		}
		redriving.get(1, TimeUnit.MINUTES);

		assertThat(lines).filteredOn((line) -> line.contains(job.id().toString()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("left: its job is cancelled or failed"));
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("FAILED", 2, 100, 0, 200, true));
		assertThat(this.database.ledger(job.id())).extracting(LedgerRow::outcome).containsExactly("WRITTEN", "FAILED");
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(100);
	}

	@Test
	void leavesAJobWhoseAlbumChangedHandsAsItEnded() {
		TestJob job = queued(aJob().withPhotos(300).inChunksOf(100).build());
		this.database.giveAlbum(job.albumId(), TestJob.OWNER);
		this.refused = this.database.refuseChunkWritten(job.id(), 1);
		this.kafka.publishAll(job);
		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 3, 200, 0, 100, true));
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.deadLetters(job.chunk(1).key()).size() == 1);
		removeTrigger();
		this.database.giveAlbum(job.albumId(), "someone-else");

		List<String> lines = new ArrayList<>();
		DeadLetterRedrive.Report report = this.redrive.run(false, lines::add);

		assertThat(report.count(DeadLetterRedrive.Action.LEFT_ALBUM_CHANGED_HANDS)).isGreaterThanOrEqualTo(1);
		assertThat(lines).filteredOn((line) -> line.contains(job.id().toString()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("left: its album changed hands"));
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 3, 200, 0, 100, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(200);
	}

	/**
	 * {@code redrive} as an operator runs it, pointed at the tests' database and broker.
	 */
	private static String[] commandLine(String... options) {
		List<String> args = new ArrayList<>(List.of(options));
		TestInfrastructure.shared().springProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--server.port=0");
		return args.toArray(String[]::new);
	}

}
