package io.sluice.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.bench.SluiceClient.JobState;
import io.sluice.bench.SluiceClient.Submitted;
import io.sluice.bench.report.BenchReport.ConnectionSample;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.bench.report.BenchReport.Fairness;
import io.sluice.bench.report.Statistics;

/**
 * How long a small job takes while large ones drain: one or more large jobs are
 * submitted, then {@value BenchSettings#SMALL_JOBS} jobs of
 * {@value BenchSettings#SMALL_JOB_PHOTOS} photos one after another, each timed from its
 * request to its {@code finishedAt}. (Not from its {@code 202}: a one-chunk job is often
 * written before the {@code 202} reaches the client, which would make the time negative.)
 * The same small jobs on an idle system, one at a time, give the comparison. Several
 * large jobs make the backlog a small job would wait behind if it shared their queue.
 */
final class FairnessScenario {

	private static final int IDLE_JOBS = 5;

	private final SluiceClient client;

	private final SluiceEndToEnd sluice;

	private final BenchDatabase database;

	private final long firstAlbum;

	FairnessScenario(SluiceClient client, SluiceEndToEnd sluice, BenchDatabase database, long firstAlbum) {
		this.client = client;
		this.sluice = sluice;
		this.database = database;
		this.firstAlbum = firstAlbum;
	}

	/**
	 * Runs the scenario.
	 * @param bigJobs how many large jobs are submitted before the small ones
	 * @param bigJobPhotos the size of each large job
	 * @param done set to the photos of the large jobs that have finished
	 * @return what the small jobs took
	 */
	Fairness run(int bigJobs, int bigJobPhotos, AtomicLong done) {
		this.database.reset();
		long album = this.firstAlbum;
		List<Long> idle = new ArrayList<>();
		for (int i = 0; i < IDLE_JOBS; i++) {
			PhotoSet small = PhotoSet.of(album++, BenchSettings.SMALL_JOB_PHOTOS);
			Submitted job = this.client.submit(small.jobRequest());
			idle.add(completionMillis(job, awaitCompleted(job, small)));
		}

		List<PhotoSet> bigs = new ArrayList<>();
		List<byte[]> bigBodies = new ArrayList<>();
		for (int i = 0; i < bigJobs; i++) {
			PhotoSet big = PhotoSet.of(album++, bigJobPhotos);
			bigs.add(big);
			bigBodies.add(big.jobRequest());
		}
		List<PhotoSet> smalls = new ArrayList<>();
		List<byte[]> smallBodies = new ArrayList<>();
		for (int i = 0; i < BenchSettings.SMALL_JOBS; i++) {
			PhotoSet small = PhotoSet.of(album++, BenchSettings.SMALL_JOB_PHOTOS);
			smalls.add(small);
			smallBodies.add(small.jobRequest());
		}
		List<ConnectionSample> samples;
		List<Submitted> bigJobList = new ArrayList<>();
		List<JobState> bigStates = new ArrayList<>();
		List<Submitted> smallJobs = new ArrayList<>();
		List<JobState> smallStates = new ArrayList<>();
		try (ConnectionSampler sampler = ConnectionSampler.start(this.database.infrastructure(), "sluice-%")) {
			for (byte[] body : bigBodies) {
				bigJobList.add(this.client.submit(body));
			}
			for (byte[] body : smallBodies) {
				smallJobs.add(this.client.submit(body));
			}
			for (Submitted bigJob : bigJobList) {
				bigStates.add(this.sluice.awaitTerminal(bigJob, SluiceEndToEnd.timeoutFor(bigJobPhotos), null));
				done.addAndGet(bigJobPhotos);
			}
			for (int i = 0; i < smallJobs.size(); i++) {
				smallStates.add(awaitCompleted(smallJobs.get(i), smalls.get(i)));
			}
			samples = TimedRun.samplesOf(sampler);
		}
		Instant bigJobsFinished = Instant.MIN;
		for (int i = 0; i < bigJobs; i++) {
			verify(bigJobList.get(i), bigStates.get(i), bigs.get(i));
			if (bigStates.get(i).finishedAt().isAfter(bigJobsFinished)) {
				bigJobsFinished = bigStates.get(i).finishedAt();
			}
		}

		List<Long> completion = new ArrayList<>();
		List<Double> accept = new ArrayList<>();
		int beforeBig = 0;
		int whileBig = 0;
		for (int i = 0; i < smallJobs.size(); i++) {
			completion.add(completionMillis(smallJobs.get(i), smallStates.get(i)));
			accept.add(smallJobs.get(i).acceptNanos() / 1e6);
			if (smallStates.get(i).finishedAt().isBefore(bigJobsFinished)) {
				beforeBig++;
			}
			if (smallJobs.get(i).sent().isBefore(bigJobsFinished)) {
				whileBig++;
			}
		}
		List<Double> completionMs = completion.stream().map(Long::doubleValue).toList();
		List<Double> idleMs = idle.stream().map(Long::doubleValue).toList();
		return new Fairness(Math.round(Statistics.percentile(completionMs, 50)),
				Math.round(Statistics.percentile(completionMs, 95)),
				Math.round(Statistics.percentile(completionMs, 100)), Math.round(Statistics.median(idleMs)), bigJobs,
				bigJobPhotos, Duration.between(bigJobList.get(0).sent(), bigJobsFinished).toMillis(),
				BenchSettings.SMALL_JOBS, BenchSettings.SMALL_JOB_PHOTOS, whileBig, beforeBig,
				Statistics.percentile(accept, 50), Statistics.percentile(accept, 99),
				samples.stream().mapToInt(ConnectionSample::open).max().orElse(0), completion);
	}

	private JobState awaitCompleted(Submitted job, PhotoSet photos) {
		JobState state = this.sluice.awaitTerminal(job, SluiceEndToEnd.timeoutFor(100_000), null);
		verify(job, state, photos);
		return state;
	}

	private void verify(Submitted job, JobState state, PhotoSet photos) {
		long rows = this.database.photosInAlbum(photos.albumId());
		if (!state.status().equals("COMPLETED") || state.written() != photos.count() || rows != photos.count()) {
			throw new BenchmarkFailure("Fairness job " + job.id() + " of " + photos.count() + " photos ended "
					+ state.status() + " with " + state.written() + " written and " + rows + " rows in its album");
		}
	}

	private static long completionMillis(Submitted job, JobState state) {
		return Duration.between(job.sent(), state.finishedAt()).toMillis();
	}

}
