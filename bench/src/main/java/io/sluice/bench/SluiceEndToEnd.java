package io.sluice.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.bench.RunOutcome.SluiceFigures;
import io.sluice.bench.SluiceClient.JobState;
import io.sluice.bench.SluiceClient.Submitted;
import io.sluice.local.LocalStack;

/**
 * Sluice end to end, as a client sees it: {@code POST /api/v1/jobs} to the real API, then
 * {@code GET} until the job is terminal. The time is the request's start to the job's
 * {@code finishedAt}; the workers write through Kafka with the launcher's defaults.
 */
final class SluiceEndToEnd implements Variant {

	static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private final LocalStack stack;

	private final SluiceClient client;

	private final BenchDatabase database;

	private final ServiceLogs logs;

	SluiceEndToEnd(LocalStack stack, SluiceClient client, BenchDatabase database) {
		this.stack = stack;
		this.client = client;
		this.database = database;
		List<Path> files = new ArrayList<>();
		files.add(stack.api().log());
		stack.workers().forEach((worker) -> files.add(worker.log()));
		this.logs = new ServiceLogs(files);
	}

	@Override
	public String name() {
		return "sluice";
	}

	@Override
	public String connectionPattern() {
		return "sluice-%";
	}

	@Override
	public Object prepare(PhotoSet photos) {
		return photos.jobRequest();
	}

	@Override
	public RunOutcome run(PhotoSet photos, Object prepared, AtomicLong done) {
		Map<Path, Long> mark = this.logs.mark();
		Submitted job = this.client.submit((byte[]) prepared);
		JobState state = awaitTerminal(job, timeoutFor(photos.count()), done);
		long observedNanos = System.nanoTime() - job.sentNanos();
		if (!state.status().equals("COMPLETED") || state.written() != photos.count() || state.duplicate() != 0
				|| state.failed() != 0) {
			throw new BenchmarkFailure("Sluice job " + job.id() + " of " + photos.count() + " new photos ended "
					+ state.status() + " with written " + state.written() + ", duplicate " + state.duplicate()
					+ ", failed " + state.failed());
		}
		Instant firstChunk = this.database.firstChunkWritten(job.id());
		double toFirstChunk = (firstChunk != null)
				? Duration.between(job.accepted(), firstChunk).toNanos() / 1_000_000.0 : Double.NaN;
		long elapsed = Duration.between(job.sent(), state.finishedAt()).toNanos();
		int poolTimeouts = this.logs.poolTimeoutsSince(mark);
		return new RunOutcome(elapsed, poolTimeouts, 0,
				new SluiceFigures(job.id(), job.acceptNanos(), toFirstChunk, observedNanos));
	}

	/**
	 * Polls a job until it is terminal.
	 * @param job the job
	 * @param timeout how long it may take
	 * @param done set to the job's written count as it moves
	 * @return the terminal state
	 */
	JobState awaitTerminal(Submitted job, Duration timeout, AtomicLong done) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			JobState state = this.client.read(job);
			if (done != null) {
				done.set(state.written() + state.duplicate() + state.failed());
			}
			if (state.terminal()) {
				return state;
			}
			if (System.nanoTime() > deadline) {
				throw new BenchmarkFailure(
						"Sluice job " + job.id() + " was still " + state.status() + " after " + timeout.toSeconds()
								+ " s (" + state.written() + " of " + state.total() + " written)" + deadProcess());
			}
			try {
				TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BenchmarkFailure("Interrupted while waiting for job " + job.id(), ex);
			}
		}
	}

	static Duration timeoutFor(int photos) {
		return Duration.ofSeconds(60 + photos / 500);
	}

	private String deadProcess() {
		return this.stack.deadProcess()
			.map((process) -> "; " + process.name() + " has stopped, last lines of " + process.log() + ":\n"
					+ process.logTail(30))
			.orElse("");
	}

}
