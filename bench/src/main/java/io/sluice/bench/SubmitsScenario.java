package io.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.SluiceClient.Answer;
import io.sluice.bench.report.BenchReport.SubmitRound;
import io.sluice.bench.report.Statistics;
import io.sluice.common.job.JobStatus;
import io.sluice.embedded.DevTokens;

/**
 * Many owners submitting small jobs at once: {@value #OWNERS} owners, each with a token
 * (its own subject) and an album of its own, each sending one-photo jobs one after
 * another, all starting together. A round counts the {@code 202}s per second, their
 * accept latency, the {@code 503}s and the jobs marked {@code FAILED} by a publish
 * timeout, and the CPU the benchmark's JVM (the load driver) used meanwhile; then it
 * waits until every accepted job is {@code COMPLETED} with its row in its album.
 *
 * <p>
 * Each round has owners and albums of its own, so that no owner's request rate or backlog
 * carries over from one round to the next.
 */
final class SubmitsScenario {

	/** Owners submitting at once. */
	static final int OWNERS = 32;

	/** Photos in each job. */
	static final int PHOTOS_PER_JOB = 1;

	/** Rounds a benchmark runs: cold, then an untimed one and a warm one. */
	static final int ROUNDS = 3;

	private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

	private final SluiceClient client;

	private final BenchDatabase database;

	private final String jwtSecret;

	private final long firstAlbum;

	private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 32, 1L << 36));

	private int rounds;

	SubmitsScenario(SluiceClient client, BenchDatabase database, String jwtSecret, long firstAlbum) {
		this.client = client;
		this.database = database;
		this.jwtSecret = jwtSecret;
		this.firstAlbum = firstAlbum;
	}

	/**
	 * Runs one round.
	 * @param name what the round is, in its owners' names ({@code cold}, {@code warm})
	 * @param jobsPerOwner jobs each owner sends, one after another
	 * @return what the round measured
	 * @throws BenchmarkFailure if an accepted job does not complete with its row
	 */
	SubmitRound round(String name, int jobsPerOwner) {
		int round = this.rounds++;
		String ownerPrefix = "submits-" + this.run + "-" + round + "-" + name + "-";
		long album = this.firstAlbum + (long) round * OWNERS;
		List<SluiceClient> owners = new ArrayList<>(OWNERS);
		List<List<byte[]>> bodies = new ArrayList<>(OWNERS);
		for (int owner = 0; owner < OWNERS; owner++) {
			String subject = ownerPrefix + owner;
			owners.add(this.client.as(DevTokens.mint(this.jwtSecret, subject)));
			List<byte[]> jobs = new ArrayList<>(jobsPerOwner);
			for (int job = 0; job < jobsPerOwner; job++) {
				jobs.add(body(album + owner, subject, job));
			}
			bodies.add(jobs);
		}
		Sent sent = send(owners, bodies);
		return settle(ownerPrefix, album, jobsPerOwner, sent);
	}

	private Sent send(List<SluiceClient> owners, List<List<byte[]>> bodies) {
		ExecutorService threads = Executors.newFixedThreadPool(OWNERS);
		try {
			CountDownLatch ready = new CountDownLatch(OWNERS);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<Answer>>> answers = new ArrayList<>();
			for (int owner = 0; owner < OWNERS; owner++) {
				SluiceClient client = owners.get(owner);
				List<byte[]> jobs = bodies.get(owner);
				answers.add(threads.submit(() -> {
					ready.countDown();
					start.await();
					List<Answer> answered = new ArrayList<>(jobs.size());
					for (byte[] job : jobs) {
						answered.add(client.post(job));
					}
					return answered;
				}));
			}
			ready.await();
			double cpuBefore = CpuClock.self();
			long started = System.nanoTime();
			start.countDown();
			List<Answer> all = new ArrayList<>();
			for (Future<List<Answer>> owner : answers) {
				all.addAll(owner.get(10, TimeUnit.MINUTES));
			}
			long elapsed = System.nanoTime() - started;
			return new Sent(all, elapsed, (long) ((CpuClock.self() - cpuBefore) * 1e9));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkFailure("Interrupted while owners submitted", ex);
		}
		catch (Exception ex) {
			throw new BenchmarkFailure("Concurrent submits failed: " + ex.getMessage(), ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private SubmitRound settle(String ownerPrefix, long firstAlbum, int jobsPerOwner, Sent sent) {
		List<Double> acceptMs = new ArrayList<>();
		int unavailable = 0;
		int other = 0;
		for (Answer answer : sent.answers()) {
			if (answer.status() == 202) {
				acceptMs.add(answer.nanos() / 1e6);
			}
			else if (answer.status() == 503) {
				unavailable++;
			}
			else {
				other++;
			}
		}
		Map<String, Long> jobs = awaitSettled(ownerPrefix);
		long completed = jobs.getOrDefault("COMPLETED", 0L);
		long failed = jobs.getOrDefault("FAILED", 0L);
		long rows = this.database.photosInAlbums(firstAlbum, firstAlbum + OWNERS - 1);
		if (completed != acceptMs.size() || rows != completed * PHOTOS_PER_JOB
				|| completed + failed != jobs.values().stream().mapToLong(Long::longValue).sum()) {
			throw new BenchmarkFailure("Concurrent submits: " + acceptMs.size() + " jobs accepted, but the jobs of "
					+ ownerPrefix + "* ended " + jobs + " with " + rows + " rows in their albums");
		}
		double elapsedMs = sent.elapsedNanos() / 1e6;
		double cpuMs = sent.cpuNanos() / 1e6;
		boolean any = !acceptMs.isEmpty();
		return new SubmitRound(jobsPerOwner, sent.answers().size(), acceptMs.size(), unavailable, (int) failed, other,
				elapsedMs, acceptMs.size() / (elapsedMs / 1000), any ? Statistics.percentile(acceptMs, 50) : 0,
				any ? Statistics.percentile(acceptMs, 95) : 0, any ? Statistics.percentile(acceptMs, 99) : 0,
				any ? Statistics.percentile(acceptMs, 100) : 0, cpuMs, cpuMs / elapsedMs, (int) completed);
	}

	/** Waits until no job of the round is still open, and counts them by status. */
	private Map<String, Long> awaitSettled(String ownerPrefix) {
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		while (true) {
			Map<String, Long> jobs = this.database.jobsByStatus(ownerPrefix);
			boolean open = jobs.keySet()
				.stream()
				.anyMatch((status) -> JobStatus.OPEN.contains(JobStatus.valueOf(status)));
			if (!open) {
				return jobs;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new BenchmarkFailure("Concurrent submits: the jobs of " + ownerPrefix + "* did not end within "
						+ SETTLE_TIMEOUT.toSeconds() + " s: " + jobs);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BenchmarkFailure("Interrupted while waiting for the submitted jobs", ex);
			}
		}
	}

	private static byte[] body(long album, String owner, int job) {
		return ("{\"albumId\":" + album + ",\"photos\":[{\"url\":\"https://images.example.com/submits/" + owner + "/"
				+ job + ".jpg\",\"caption\":\"Job " + job + " of " + owner + "\"}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private record Sent(List<Answer> answers, long elapsedNanos, long cpuNanos) {

	}

}
