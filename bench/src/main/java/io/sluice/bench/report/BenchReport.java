package io.sluice.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run found, as written to {@code bench-report.json}.
 *
 * @param machine where it ran
 * @param runs one entry per variant and size: medians over the repetitions
 * @param fairness small jobs submitted while a large one drains
 * @param fairnessBehindQueue small jobs submitted while several large ones are queued
 * @param settings what was run
 * @param repetitions every timed run, in the order it ran
 * @param connectionTimelines the sampled connections of the charted runs
 * @param durationSeconds how long the whole benchmark took, start-up included
 * @param submits many owners submitting small jobs at once, cold and warm, or
 * {@code null} if the scenario did not run
 * @param watchers many owners following their jobs while large jobs drain, or
 * {@code null} if the scenario did not run
 * @param scale one large job against a database made to look far away, with 1 to N
 * workers ({@code --scenario=scale}); {@code null} when not run
 */
public record BenchReport(Machine machine, List<VariantSummary> runs, Fairness fairness, Fairness fairnessBehindQueue,
		Settings settings, List<Measurement> repetitions, List<Timeline> connectionTimelines, long durationSeconds,
		Submits submits, Watchers watchers, Scale scale) {

	public BenchReport {
		runs = (runs != null) ? runs : List.of();
		repetitions = (repetitions != null) ? repetitions : List.of();
		connectionTimelines = (connectionTimelines != null) ? connectionTimelines : List.of();
	}

	/** This report with the scale scenario's figures, and the time both took together. */
	public BenchReport withScale(Scale scale, long durationSeconds) {
		return new BenchReport(this.machine, this.runs, this.fairness, this.fairnessBehindQueue, this.settings,
				this.repetitions, this.connectionTimelines, durationSeconds, this.submits, this.watchers, scale);
	}

	/**
	 * One job's throughput against a database that looks far away, by worker count: every
	 * packet between the workers and PostgreSQL delayed both ways by a latency proxy, the
	 * API's connections direct.
	 *
	 * @param photos photos in each timed job
	 * @param chunkPhotos photos per chunk (the API's chunk size)
	 * @param maxPollRecords chunks a worker thread takes per poll, written in one
	 * transaction
	 * @param workerConcurrency consumer threads per worker (each worker leases this plus
	 * one connections)
	 * @param connectionBudget the fleet's connection budget (ADR 0026)
	 * @param partitions partitions of the chunk topic
	 * @param repetitions timed jobs per worker count and distance
	 * @param warmUpJobs untimed jobs with every worker running, before the timed ones
	 * @param peakWorkerConnections the most worker connections in any
	 * {@code pg_stat_activity} sample during the whole scenario
	 * @param points medians per distance and worker count
	 * @param runs every timed job, in the order it ran
	 */
	public record Scale(int photos, int chunkPhotos, int maxPollRecords, int workerConcurrency, int connectionBudget,
			int partitions, int repetitions, int warmUpJobs, int peakWorkerConnections, List<ScalePoint> points,
			List<ScaleRun> runs) {

	}

	/**
	 * Owners, each with a token and an album of its own, submitting small jobs at once,
	 * each owner one job after another: on the stack just started, then on the warm
	 * stack.
	 *
	 * @param owners how many owners submit at once
	 * @param photosPerJob photos in every job
	 * @param cold the round run right after the stack started, before anything else
	 * @param warm the round run on the warm stack, after an untimed round like it
	 */
	public record Submits(int owners, int photosPerJob, SubmitRound cold, SubmitRound warm) {

	}

	/**
	 * One round of concurrent submits.
	 *
	 * @param jobsPerOwner jobs each owner submits, one after another
	 * @param submits requests sent
	 * @param accepted answered {@code 202}
	 * @param unavailable answered {@code 503}
	 * @param publishTimeouts jobs the API marked {@code FAILED} because Kafka did not
	 * take them within the publish timeout
	 * @param otherRefusals answered anything else
	 * @param elapsedMs from the first request to the last answer
	 * @param submitsPerSecond accepted jobs per second of {@code elapsedMs}
	 * @param acceptP50Ms median {@code POST} to {@code 202}
	 * @param acceptP95Ms 95th percentile (nearest rank) of the same
	 * @param acceptP99Ms 99th percentile (nearest rank) of the same
	 * @param acceptMaxMs the slowest {@code 202}
	 * @param driverCpuMs CPU time the benchmark's JVM (the load driver) used during the
	 * round
	 * @param driverCores {@code driverCpuMs} over {@code elapsedMs}: the cores the load
	 * driver took from the machine
	 * @param jobsCompleted accepted jobs that reached {@code COMPLETED} with their rows
	 * counted (all of them, or the benchmark fails)
	 */
	public record SubmitRound(int jobsPerOwner, int submits, int accepted, int unavailable, int publishTimeouts,
			int otherRefusals, double elapsedMs, double submitsPerSecond, double acceptP50Ms, double acceptP95Ms,
			double acceptP99Ms, double acceptMaxMs, double driverCpuMs, double driverCores, int jobsCompleted) {

	}

	/**
	 * One distance and worker count: medians over its timed jobs.
	 *
	 * @param distanceMs the latency added each way, in milliseconds
	 * @param workers workers running, each holding a lease
	 * @param photosPerSecond median photos written per second from the {@code 202} to the
	 * job's {@code finishedAt}
	 * @param minPhotosPerSecond the slowest job
	 * @param maxPhotosPerSecond the fastest job
	 * @param ratioToOneWorker the median against the median of one worker at the same
	 * distance; {@code null} without a one-worker point
	 * @param drainMs median {@code 202} to {@code finishedAt}
	 * @param machineBusy median share of all the machine's cores busy while the job
	 * drained (anything running on it counts); {@code null} where the OS does not say
	 * @param postgresCores median cores PostgreSQL used meanwhile (every server process);
	 * {@code null} against an external database
	 * @param workerCores median cores the worker JVMs used meanwhile, together
	 * @param transactions median number of transactions that wrote the job's chunks
	 */
	public record ScalePoint(int distanceMs, int workers, double photosPerSecond, double minPhotosPerSecond,
			double maxPhotosPerSecond, Double ratioToOneWorker, double drainMs, Double machineBusy,
			Double postgresCores, Double workerCores, double transactions) {

	}

	/**
	 * One timed job of the scale scenario.
	 *
	 * @param distanceMs the latency added each way, in milliseconds
	 * @param workers workers running
	 * @param repetition 1-based
	 * @param acceptMs {@code POST} to {@code 202}
	 * @param drainMs {@code 202} to the job's {@code finishedAt}
	 * @param photosPerSecond photos written divided by the drain
	 * @param machineBusy share of all cores busy during the drain
	 * @param postgresCores cores PostgreSQL used during the drain
	 * @param workerCores cores the workers used during the drain
	 * @param transactions how many transactions wrote the job's chunks (distinct start
	 * times in the chunk ledger)
	 * @param jobId the job
	 */
	public record ScaleRun(int distanceMs, int workers, int repetition, double acceptMs, double drainMs,
			double photosPerSecond, Double machineBusy, Double postgresCores, Double workerCores, int transactions,
			String jobId) {

	}

	/**
	 * Where the benchmark ran.
	 *
	 * @param cores processors available to the benchmark's JVM
	 * @param memoryBytes physical memory
	 * @param cpu the processor model, if the OS tells
	 * @param os name, version and architecture
	 * @param benchJava the benchmark JVM (it runs the ceiling, tuned-batch and naive
	 * variants and the embedded Kafka broker)
	 * @param serviceJava the JVM of the Sluice API and workers
	 * @param postgres PostgreSQL's version
	 * @param postgresSettings the server settings that shape write throughput
	 * @param infrastructure {@code embedded} or the external database and broker
	 * @param timestamp when the benchmark started (ISO-8601, UTC)
	 */
	public record Machine(int cores, long memoryBytes, String cpu, String os, String benchJava, String serviceJava,
			String postgres, Map<String, String> postgresSettings, String infrastructure, String timestamp) {

	}

	/**
	 * What was run.
	 *
	 * @param sizes photos per run
	 * @param repetitions runs of every variant at every size
	 * @param order the variants' order within a size
	 * @param warmUpPhotos size of the untimed warm-up of each variant
	 * @param sluiceWarmUpPhotosPerSecond the untimed Sluice jobs of the largest size run
	 * after that, in order: how the services got from cold to warm
	 * @param naiveThreads the naive variant's thread model
	 * @param sluice the Sluice stack: workers, threads, pools, partitions, connection cap
	 * @param sampleIntervalMs how often {@code pg_stat_activity} was sampled
	 */
	public record Settings(List<Integer> sizes, int repetitions, List<String> order, int warmUpPhotos,
			List<Long> sluiceWarmUpPhotosPerSecond, String naiveThreads, Map<String, Integer> sluice,
			long sampleIntervalMs) {

	}

	/**
	 * One variant at one size: medians over the repetitions.
	 *
	 * @param variant {@code ceiling}, {@code tuned-batch}, {@code naive} or
	 * {@code sluice}
	 * @param photos photos per run
	 * @param photosPerSecond median throughput: photos written (not failed) per second
	 * @param ratioToCeiling median of each repetition's ratio to that repetition's
	 * ceiling
	 * @param peakConnections the highest count of the variant's open connections in any
	 * repetition
	 * @param poolTimeouts median photos failed by a pool timeout
	 * @param failedPhotos median photos not written
	 * @param peakBusyConnections the highest count of the variant's non-idle connections
	 * @param repetitions how many runs the medians are over
	 * @param minPhotosPerSecond the slowest repetition
	 * @param maxPhotosPerSecond the fastest repetition
	 * @param elapsedMs median duration of a run
	 * @param rowsVerified whether every run's rows were counted and matched
	 * @param acceptLatencyP50Ms Sluice only: median {@code POST} to {@code 202}
	 * @param acceptLatencyP99Ms Sluice only: 99th percentile (nearest rank; the slowest
	 * of fewer than 100 runs)
	 * @param acceptToFirstChunkMs Sluice only: median {@code 202} to the first chunk's
	 * transaction
	 * @param maxPoolTimeouts the most pool timeouts in one repetition
	 */
	public record VariantSummary(String variant, int photos, double photosPerSecond, double ratioToCeiling,
			int peakConnections, int poolTimeouts, int failedPhotos, int peakBusyConnections, int repetitions,
			double minPhotosPerSecond, double maxPhotosPerSecond, double elapsedMs, boolean rowsVerified,
			Double acceptLatencyP50Ms, Double acceptLatencyP99Ms, Double acceptToFirstChunkMs, int maxPoolTimeouts) {

	}

	/**
	 * One timed run.
	 *
	 * @param repetition 1-based
	 * @param variant the variant
	 * @param photos photos offered
	 * @param albumId the run's album
	 * @param elapsedMs the timed part
	 * @param photosPerSecond photos written (not failed) divided by the time
	 * @param ratioToCeiling to the ceiling of the same size and repetition
	 * @param peakConnections most open connections of the variant
	 * @param peakBusyConnections most non-idle connections of the variant
	 * @param poolTimeouts photos failed by a pool timeout
	 * @param failedPhotos photos not written
	 * @param rows rows counted in the album afterwards
	 * @param rowsVerified rows = photos - failed, and no other rows in the table
	 * @param acceptMs Sluice only: {@code POST} to {@code 202}
	 * @param acceptToFirstChunkMs Sluice only: {@code 202} to the first chunk's
	 * transaction
	 * @param observedMs Sluice only: {@code POST} to the client seeing the terminal
	 * status
	 * @param jobId Sluice only: the job
	 */
	public record Measurement(int repetition, String variant, int photos, long albumId, double elapsedMs,
			double photosPerSecond, Double ratioToCeiling, int peakConnections, int peakBusyConnections,
			int poolTimeouts, int failedPhotos, long rows, boolean rowsVerified, Double acceptMs,
			Double acceptToFirstChunkMs, Double observedMs, String jobId) {

		public Measurement withRatioToCeiling(double ratio) {
			return new Measurement(this.repetition, this.variant, this.photos, this.albumId, this.elapsedMs,
					this.photosPerSecond, ratio, this.peakConnections, this.peakBusyConnections, this.poolTimeouts,
					this.failedPhotos, this.rows, this.rowsVerified, this.acceptMs, this.acceptToFirstChunkMs,
					this.observedMs, this.jobId);
		}

	}

	/**
	 * Small jobs submitted one after another right after one or more large jobs were
	 * accepted.
	 *
	 * @param smallJobP50Ms median of the small jobs' request to {@code finishedAt}
	 * @param smallJobP95Ms 95th percentile (nearest rank) of the same
	 * @param smallJobMaxMs the slowest small job
	 * @param idleSmallJobP50Ms the same median for small jobs on an idle system, for
	 * comparison
	 * @param bigJobs how many large jobs were submitted before the small ones
	 * @param bigJobPhotos each large job's size
	 * @param bigJobMs the first large job's request to the last one's {@code finishedAt}
	 * @param smallJobs how many small jobs
	 * @param smallJobPhotos photos in each small job
	 * @param smallJobsSubmittedWhileBigJobRan how many small jobs were sent before the
	 * last large one finished
	 * @param smallJobsFinishedBeforeBigJob how many small jobs finished before the last
	 * large one
	 * @param smallJobAcceptP50Ms median {@code POST} to {@code 202} of the small jobs
	 * @param smallJobAcceptP99Ms 99th percentile (nearest rank) of the same
	 * @param peakConnections most open Sluice connections during the scenario
	 * @param smallJobMs every small job's request to {@code finishedAt}, in submission
	 * order
	 */
	public record Fairness(long smallJobP50Ms, long smallJobP95Ms, long smallJobMaxMs, long idleSmallJobP50Ms,
			int bigJobs, int bigJobPhotos, long bigJobMs, int smallJobs, int smallJobPhotos,
			int smallJobsSubmittedWhileBigJobRan, int smallJobsFinishedBeforeBigJob, double smallJobAcceptP50Ms,
			double smallJobAcceptP99Ms, int peakConnections, List<Long> smallJobMs) {

	}

	/**
	 * The sampled connections of one run.
	 *
	 * @param variant the variant
	 * @param photos photos in the run
	 * @param repetition which repetition
	 * @param applicationName the {@code application_name} pattern counted
	 * @param elapsedMs the run's timed part, for the chart's time axis
	 * @param poolTimeouts the run's pool timeouts
	 * @param samples the samples, oldest first
	 */
	public record Timeline(String variant, int photos, int repetition, String applicationName, double elapsedMs,
			int poolTimeouts, List<ConnectionSample> samples) {

	}

	/**
	 * One sample of {@code pg_stat_activity}.
	 *
	 * @param atMs milliseconds since sampling started (just before the run)
	 * @param open open connections
	 * @param busy connections not idle
	 * @param waiting tasks waiting for a pooled connection in the variant's own pool
	 */
	public record ConnectionSample(long atMs, int open, int busy, int waiting) {

	}

	/**
	 * Many owners following their jobs while large jobs drain: each watcher holds one
	 * event stream of its job and polls it with {@code GET} once a second, as its own
	 * owner. The drain runs as often without watchers as with them, interleaved. Poll and
	 * event figures count only the drains with watchers. A figure that could not be
	 * measured (CPU times outside Linux) is absent.
	 *
	 * @param watchers how many owners, streams and polls a second were intended
	 * @param streamsOpened the most streams open at once
	 * @param streamsRefused stream requests the API did not answer with 200
	 * @param streamsEndedEarly streams the API ended while the watchers ran
	 * @param drainJobs large jobs submitted at once in each drain
	 * @param drainJobPhotos photos in each
	 * @param rounds drains with watchers (and as many without)
	 * @param windowSeconds time measured with watchers, over all rounds
	 * @param getsIntended polls due while measuring (one a second per watcher)
	 * @param getsOk polls answered 200
	 * @param getsNotModified polls answered 304
	 * @param getsFailed polls answered otherwise, or not at all
	 * @param getsServedPerSecond 200s and 304s per second of the window
	 * @param getP50Ms median poll latency, from when the poll was due to its answer
	 * @param getP95Ms 95th percentile of the same
	 * @param getP99Ms 99th percentile of the same
	 * @param getMaxMs the slowest poll
	 * @param events job events received (changes, not a stream's first view)
	 * @param eventLagP50Ms median time from the change in the database (the event's
	 * version, {@code updated_at}) to the event being read, on the database's clock
	 * @param eventLagP95Ms 95th percentile of the same
	 * @param eventLagP99Ms 99th percentile of the same
	 * @param eventLagMaxMs the latest event
	 * @param clockOffsetMs the database's clock minus the driver's, as measured and
	 * corrected for
	 * @param drainPhotosPerSecondWithout median drain throughput without watchers
	 * @param drainPhotosPerSecondWith median drain throughput with watchers
	 * @param drainRatio with over without
	 * @param drainWithoutRuns every drain without watchers, photos/s, in order
	 * @param drainWithRuns every drain with watchers, photos/s, in order
	 * @param apiConnectionsWithout most open API connections ({@code pg_stat_activity})
	 * during drains without watchers
	 * @param apiConnectionsWith the same with watchers
	 * @param apiBusyConnectionsWithout most non-idle API connections without watchers
	 * @param apiBusyConnectionsWith the same with watchers
	 * @param driverCpuCores CPU the load driver's JVM used, in cores, with watchers
	 * @param apiCpuCoresWith CPU the API used, in cores, with watchers
	 * @param apiCpuCoresWithout the same without
	 * @param workersCpuCoresWith CPU the workers used, in cores, with watchers
	 * @param workersCpuCoresWithout the same without
	 * @param machineCpuCoresWith CPU the whole machine used, in cores, with watchers
	 * @param machineCpuCoresWithout the same without
	 * @param driverThreads the load driver's threads for every stream and poll, besides
	 * the HTTP client's selector
	 */
	public record Watchers(int watchers, int streamsOpened, long streamsRefused, long streamsEndedEarly, int drainJobs,
			int drainJobPhotos, int rounds, long windowSeconds, long getsIntended, long getsOk, long getsNotModified,
			long getsFailed, double getsServedPerSecond, Double getP50Ms, Double getP95Ms, Double getP99Ms,
			Double getMaxMs, long events, Double eventLagP50Ms, Double eventLagP95Ms, Double eventLagP99Ms,
			Double eventLagMaxMs, double clockOffsetMs, double drainPhotosPerSecondWithout,
			double drainPhotosPerSecondWith, double drainRatio, List<Double> drainWithoutRuns,
			List<Double> drainWithRuns, int apiConnectionsWithout, int apiConnectionsWith,
			int apiBusyConnectionsWithout, int apiBusyConnectionsWith, Double driverCpuCores, Double apiCpuCoresWith,
			Double apiCpuCoresWithout, Double workersCpuCoresWith, Double workersCpuCoresWithout,
			Double machineCpuCoresWith, Double machineCpuCoresWithout, int driverThreads) {

	}

}
