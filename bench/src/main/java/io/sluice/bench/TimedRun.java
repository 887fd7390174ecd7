package io.sluice.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.bench.report.BenchReport.ConnectionSample;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.bench.report.BenchReport.Measurement;

/**
 * Runs one variant once, the same way every time: empty the table, prepare the client's
 * input, sample connections while the variant writes, then count the rows. A run that
 * lost or duplicated a row fails the benchmark.
 */
final class TimedRun {

	private final BenchDatabase database;

	private final AtomicLong nextAlbum;

	TimedRun(BenchDatabase database, long firstAlbum) {
		this.database = database;
		this.nextAlbum = new AtomicLong(firstAlbum);
	}

	/**
	 * Runs {@code variant} on {@code photos} new photos in a new album.
	 * @param variant what writes
	 * @param photos how many photos
	 * @param repetition which repetition, for the record
	 * @param done advanced as photos are written
	 * @return the measurement and its connection samples
	 */
	Result run(Variant variant, int photos, int repetition, AtomicLong done) {
		this.database.reset();
		PhotoSet set = PhotoSet.of(this.nextAlbum.getAndIncrement(), photos);
		Object prepared = variant.prepare(set);
		done.set(0);
		RunOutcome outcome;
		List<ConnectionSample> samples;
		try (ConnectionSampler sampler = ConnectionSampler.start(this.database.infrastructure(),
				variant.connectionPattern(), variant.waitingForConnection())) {
			outcome = variant.run(set, prepared, done);
			samples = samplesOf(sampler);
		}
		catch (BenchmarkFailure ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new BenchmarkFailure(variant.name() + " failed on " + photos + " photos: " + ex.getMessage(), ex);
		}
		long rows = this.database.photosInAlbum(set.albumId());
		long expected = (long) photos - outcome.failedPhotos();
		if (rows != expected) {
			throw new BenchmarkFailure(variant.name() + " left " + rows + " rows in album " + set.albumId() + " for "
					+ photos + " photos of which " + outcome.failedPhotos() + " failed: expected exactly " + expected);
		}
		long all = this.database.photos();
		if (all != rows) {
			throw new BenchmarkFailure(variant.name() + " left " + (all - rows) + " rows outside its album");
		}
		double elapsedMs = outcome.elapsedNanos() / 1_000_000.0;
		int peak = samples.stream().mapToInt(ConnectionSample::open).max().orElse(0);
		int busy = samples.stream().mapToInt(ConnectionSample::busy).max().orElse(0);
		RunOutcome.SluiceFigures sluice = outcome.sluice();
		Measurement measurement = new Measurement(repetition, variant.name(), photos, set.albumId(), elapsedMs,
				rows / (outcome.elapsedNanos() / 1e9), null, peak, busy, outcome.poolTimeouts(), outcome.failedPhotos(),
				rows, true, (sluice != null) ? sluice.acceptNanos() / 1e6 : null,
				(sluice != null) ? sluice.acceptToFirstChunkMillis() : null,
				(sluice != null) ? sluice.observedNanos() / 1e6 : null,
				(sluice != null) ? sluice.jobId().toString() : null);
		return new Result(measurement, samples);
	}

	/**
	 * Stops a sampler and returns its series in the report's terms.
	 * @param sampler a running sampler
	 * @return its samples, oldest first
	 */
	static List<ConnectionSample> samplesOf(ConnectionSampler sampler) {
		sampler.close();
		return sampler.series()
			.stream()
			.map((sample) -> new ConnectionSample(sample.atMillis(), sample.open(), sample.busy(), sample.waiting()))
			.toList();
	}

	/**
	 * One run's measurement and its connection samples.
	 *
	 * @param measurement the figures
	 * @param samples the sampled connections
	 */
	record Result(Measurement measurement, List<ConnectionSample> samples) {

	}

}
