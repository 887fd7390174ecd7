package io.sluice.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.sluice.faults.FaultClient.JobView;
import io.sluice.faults.Workload.Job;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import static org.awaitility.Awaitility.await;

/**
 * What every case must show once its fault is over: every job terminal and
 * {@code COMPLETED} ({@code COMPLETED_WITH_ERRORS} with exactly its poison photo recorded
 * failed, if it has one); {@code written + duplicate + failed = total}; exactly each
 * job's photos in its album (none lost, none twice, no counter ahead of the rows);
 * nothing of these jobs on the dead-letter topic; the fleet's connections never above its
 * cap. A job planned with a chunk the database refuses for good
 * ({@link Job#withFailedChunk}) must instead end {@code COMPLETED_WITH_ERRORS} with that
 * chunk's photos counted failed and missing from its album, its ledger row
 * {@code FAILED}, and that chunk, and no other of the job, on the dead-letter topic at
 * least once (twice is allowed: a dead letter is published at least once).
 *
 * @param name the case
 * @param seed the seed its random choices came from
 * @param jobs how many jobs it ran
 * @param lost photos missing from their album
 * @param duplicated photos counted or stored more than once
 * @param problems everything else that was wrong, empty if nothing
 * @param seconds how long the case took
 */
record Verdict(String name, long seed, int jobs, long lost, long duplicated, List<String> problems, long seconds) {

	/** The SQLState of the poison photos' rejection: a CHECK constraint. */
	private static final String CHECK_VIOLATION = "23514";

	/** The ledger outcome of a chunk that can never be written. */
	private static final String FAILED_OUTCOME = "FAILED";

	/** How long jobs may take to end after the fault is over. */
	static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);

	boolean passed() {
		return this.lost == 0 && this.duplicated == 0 && this.problems.isEmpty();
	}

	/** The case's one line, as the issue asks. */
	String line() {
		return String.format(Locale.ROOT, "%s: %s lost=%d duplicated=%d jobs=%d seconds=%d seed=%d%s", this.name,
				passed() ? "PASS" : "FAIL", this.lost, this.duplicated, this.jobs, this.seconds, this.seed,
				this.problems.isEmpty() ? "" : " " + this.problems);
	}

	/**
	 * Waits for the jobs to end, then judges them.
	 * @param name the case
	 * @param seed its seed
	 * @param stack the system
	 * @param jobs the jobs the case submitted
	 * @param peakConnections the most connections Sluice held during the case
	 * @param cap the most it may hold
	 * @param startedNanos when the case started ({@link System#nanoTime()})
	 */
	static Verdict of(String name, long seed, FaultStack stack, List<Job> jobs, int peakConnections, int cap,
			long startedNanos) {
		return of(name, seed, stack, jobs, peakConnections, cap, startedNanos, List.of());
	}

	/**
	 * Waits for the jobs to end, then judges them, adding what the case itself saw go
	 * wrong while the fault was in place.
	 * @param name the case
	 * @param seed its seed
	 * @param stack the system
	 * @param jobs the jobs the case submitted
	 * @param peakConnections the most connections Sluice held during the case
	 * @param cap the most it may hold
	 * @param startedNanos when the case started ({@link System#nanoTime()})
	 * @param seenDuringTheFault the case's own findings, empty if none
	 */
	static Verdict of(String name, long seed, FaultStack stack, List<Job> jobs, int peakConnections, int cap,
			long startedNanos, List<String> seenDuringTheFault) {
		Map<UUID, JobView> views = new ConcurrentHashMap<>();
		List<String> problems = new ArrayList<>(seenDuringTheFault);
		try {
			await().atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
				for (Job job : jobs) {
					Optional<JobView> view = stack.client().read(job.id());
					view.ifPresent((seen) -> views.put(job.id(), seen));
					if (view.isEmpty() || !view.get().terminal()) {
						return false;
					}
				}
				return true;
			});
		}
		catch (RuntimeException ex) {
			problems.add("not every job ended within " + SETTLE_TIMEOUT.toMinutes() + " min: " + views.values());
		}
		long lost = 0;
		long duplicated = 0;
		for (Job job : jobs) {
			JobView view = views.get(job.id());
			int rows = stack.photosInAlbum(job.albumId());
			lost += Math.max(0, job.expectedRows() - rows);
			duplicated += Math.max(0, rows - job.expectedRows());
			Map<Integer, String> failedPhotos = stack.failedPhotos(job.id());
			Map<Integer, String> expectedFailures = job.poisoned() ? Map.of(job.poisonIndex(), CHECK_VIOLATION)
					: Map.of();
			if (!failedPhotos.equals(expectedFailures)) {
				problems.add("job " + job.id() + " recorded failed photos " + failedPhotos + ", expected "
						+ expectedFailures);
			}
			if (job.hasFailedChunk()) {
				String outcome = stack.chunkOutcome(job.id(), job.failedChunk()).orElse("no ledger row");
				if (!outcome.equals(FAILED_OUTCOME)) {
					problems.add("chunk " + job.failedChunk() + " of job " + job.id() + " recorded " + outcome
							+ ", expected " + FAILED_OUTCOME);
				}
			}
			if (view == null) {
				continue;
			}
			duplicated += Math.max(0, view.written() - rows);
			if (!view.status().equals(job.expectedStatus())) {
				problems.add("job " + job.id() + " ended " + view.status() + ", expected " + job.expectedStatus());
			}
			if (view.written() + view.duplicate() + view.failed() != view.total() || view.total() != job.photos()
					|| view.failed() != job.expectedFailed()) {
				problems.add("job " + job.id() + " counts do not add up: " + view);
			}
		}
		problems.addAll(deadLetterProblems(stack, jobs));
		if (peakConnections > cap) {
			problems.add("peak connections " + peakConnections + " above the cap of " + cap);
		}
		long seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
		return new Verdict(name, seed, jobs.size(), lost, duplicated, List.copyOf(problems), seconds);
	}

	/**
	 * Each job's failed chunk on the dead-letter topic at least once, and nothing else of
	 * these jobs.
	 */
	private static List<String> deadLetterProblems(FaultStack stack, List<Job> jobs) {
		Map<String, Long> copies = stack.deadLettersOf(jobs.stream().map(Job::id).toList())
			.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
		List<String> problems = new ArrayList<>();
		for (Job job : jobs) {
			if (job.hasFailedChunk() && copies.remove(job.failedChunkKey()) == null) {
				problems.add("chunk " + job.failedChunk() + " of job " + job.id() + " not on the dead-letter topic");
			}
		}
		if (!copies.isEmpty()) {
			long deadLetters = copies.values().stream().mapToLong(Long::longValue).sum();
			problems.add(deadLetters + " of these jobs' chunks on the dead-letter topic, first "
					+ copies.keySet().stream().limit(3).toList());
		}
		return problems;
	}

}
