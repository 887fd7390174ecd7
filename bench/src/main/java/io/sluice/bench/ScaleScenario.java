package io.sluice.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.bench.SluiceClient.JobState;
import io.sluice.bench.SluiceClient.Submitted;
import io.sluice.bench.report.BenchReport.Machine;
import io.sluice.bench.report.BenchReport.Scale;
import io.sluice.bench.report.BenchReport.ScaleRun;
import io.sluice.bench.report.ScaleSummaries;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.DevTokens;
import io.sluice.embedded.Directories;
import io.sluice.embedded.EmbeddedInfrastructure;
import io.sluice.embedded.FreePorts;
import io.sluice.embedded.LatencyProxy;
import io.sluice.local.LocalSettings;
import io.sluice.local.LocalStack;
import io.sluice.local.ServiceProcess;

/**
 * One large job against a database that looks far away, by worker count
 * ({@code --scenario=scale}). PostgreSQL, Kafka and the API run as usual; every worker
 * reaches PostgreSQL through a {@link LatencyProxy}, so each of its round trips takes
 * twice the distance. All the workers start together (a worker JVM's start costs more CPU
 * than a timed job here), are warmed up, and are then stopped one by one, so that every
 * timed job runs on warm workers: each worker count from the most down to one runs its
 * jobs at every distance, the distances interleaved. A small untimed job after each stop
 * proves that every partition has a consumer again before the next timed job.
 */
final class ScaleScenario {

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final ScaleSettings settings;

	private final PrintStream console;

	ScaleScenario(ScaleSettings settings, PrintStream console) {
		this.settings = settings;
		this.console = console;
	}

	/**
	 * Starts the stack, measures, stops it.
	 * @return the figures, and the machine they were measured on
	 * @throws BenchmarkFailure if a job fails, loses or duplicates a row, or takes too
	 * long
	 */
	Outcome run() {
		Instant started = Instant.now();
		Directories.deleteRecursively(stackDirectory());
		LocalSettings local = LocalSettings.defaults(this.settings.home(), stackDirectory(), DevTokens.randomSecret())
			.withApiPort(FreePorts.find())
			.withWorkers(this.settings.maxWorkers())
			.withJavaExecutable(this.settings.serviceJava());
		try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(stackDirectory().resolve("data"),
				local.partitions());
				LatencyProxy proxy = LatencyProxy.inFrontOf(infrastructure.postgres(), distance(0))) {
			LocalStack stack = new LocalStack(local, infrastructure)
				.withApiEnvironment(Map.of("SLUICE_API_JOBS_CHUNKSIZE", String.valueOf(ScaleSettings.CHUNK_PHOTOS)))
				.withWorkerEnvironment(Map.of("SPRING_DATASOURCE_URL", proxy.jdbcUrl(infrastructure.jdbcUrl()),
						"SLUICE_WORKER_CONCURRENCY", String.valueOf(this.settings.workerConcurrency()),
						"SLUICE_DB_CONNECTION_BUDGET", String.valueOf(this.settings.connectionBudget()),
						"SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", String.valueOf(ScaleSettings.MAX_POLL_RECORDS)));
			Thread stopOnExit = new Thread(stack::close, "sluice-bench-scale-stop");
			Runtime.getRuntime().addShutdownHook(stopOnExit);
			try {
				this.console.printf(
						"Scale: starting PostgreSQL, Kafka, the API and %d workers x %d threads behind a latency proxy "
								+ "(logs in %s)...%n",
						this.settings.maxWorkers(), this.settings.workerConcurrency(),
						stackDirectory().resolve("logs"));
				long startup = System.nanoTime();
				stack.start();
				this.console.printf("Scale: ready (%d s).%n",
						Duration.ofNanos(System.nanoTime() - startup).toSeconds());
				Machine machine = MachineDescription.describe(new BenchDatabase(infrastructure),
						this.settings.serviceJava(), false, started);
				return new Outcome(machine, measure(stack, infrastructure, proxy, local.partitions()));
			}
			finally {
				stack.close();
				try {
					Runtime.getRuntime().removeShutdownHook(stopOnExit);
				}
				catch (IllegalStateException exiting) {
					// the JVM is already shutting down and runs the hook itself
				}
			}
		}
	}

	private Scale measure(LocalStack stack, EmbeddedInfrastructure infrastructure, LatencyProxy proxy, int partitions) {
		BenchDatabase database = new BenchDatabase(infrastructure);
		SluiceClient client = new SluiceClient(stack.apiUrl(), stack.token());
		SluiceEndToEnd sluice = new SluiceEndToEnd(stack, client, database);
		List<ServiceProcess> running = new ArrayList<>(stack.workers());
		CpuMeter cpu = new CpuMeter(infrastructure.postgres().postmasterPid(),
				() -> running.stream().filter(ServiceProcess::isAlive).map(ServiceProcess::pid).toList());
		Jobs jobs = new Jobs(client, sluice, database, cpu);
		List<ScaleRun> runs = new ArrayList<>();
		int peak;
		try (ConnectionSampler workerConnections = ConnectionSampler.start(infrastructure, "sluice-worker/%")) {
			for (int job = 1; job <= this.settings.warmUpJobs(); job++) {
				ScaleRun warmUp = jobs.run(this.settings.photos(), distanceMs(0), running.size(), 0);
				this.console.printf("Scale: warm-up %d/%d with %d workers: %s  (not counted)%n", job,
						this.settings.warmUpJobs(), running.size(), describe(warmUp));
			}
			for (int workers = this.settings.maxWorkers(); workers >= 1; workers--) {
				while (running.size() > workers) {
					ServiceProcess leaving = running.remove(running.size() - 1);
					leaving.stop(STOP_GRACE);
				}
				// One chunk on every partition: done only once every partition has a
				// consumer
				jobs.run(ScaleSettings.CHUNK_PHOTOS * partitions, distanceMs(0), workers, 0);
				for (int repetition = 1; repetition <= this.settings.repetitions(); repetition++) {
					for (int i = 0; i < this.settings.distancesMs().size(); i++) {
						proxy.delay(distance(i));
						ScaleRun run = jobs.run(this.settings.photos(), distanceMs(i), workers, repetition);
						runs.add(run);
						this.console.printf("Scale: %d worker%s, %3d ms each way, job %d/%d: %s%n", workers,
								(workers == 1) ? " " : "s", distanceMs(i), repetition, this.settings.repetitions(),
								describe(run));
					}
				}
			}
			peak = workerConnections.peak();
		}
		return new Scale(this.settings.photos(), ScaleSettings.CHUNK_PHOTOS, ScaleSettings.MAX_POLL_RECORDS,
				this.settings.workerConcurrency(), this.settings.connectionBudget(), partitions,
				this.settings.repetitions(), this.settings.warmUpJobs(), peak, ScaleSummaries.of(runs), runs);
	}

	private Path stackDirectory() {
		return this.settings.out().resolve("scale-stack");
	}

	private int distanceMs(int index) {
		return this.settings.distancesMs().get(index);
	}

	private Duration distance(int index) {
		return Duration.ofMillis(distanceMs(index));
	}

	private static String describe(ScaleRun run) {
		String cpu = (run.machineBusy() != null)
				? String.format(Locale.ROOT, ", machine %.0f %% busy", run.machineBusy() * 100) : "";
		String postgres = (run.postgresCores() != null)
				? String.format(Locale.ROOT, ", PostgreSQL %.2f cores", run.postgresCores()) : "";
		return String.format(Locale.ROOT, "%,8.0f photos/s (drain %,.0f ms, %d transactions%s%s, workers %.2f cores)",
				run.photosPerSecond(), run.drainMs(), run.transactions(), cpu, postgres, run.workerCores());
	}

	/**
	 * What the scenario found.
	 *
	 * @param machine where it ran
	 * @param scale the figures
	 */
	record Outcome(Machine machine, Scale scale) {

	}

	/** Submits one job, waits for it and checks its rows. */
	private static final class Jobs {

		private final SluiceClient client;

		private final SluiceEndToEnd sluice;

		private final BenchDatabase database;

		private final CpuMeter cpu;

		private long nextAlbum = ThreadLocalRandom.current().nextLong(1, 1L << 40);

		Jobs(SluiceClient client, SluiceEndToEnd sluice, BenchDatabase database, CpuMeter cpu) {
			this.client = client;
			this.sluice = sluice;
			this.database = database;
			this.cpu = cpu;
		}

		ScaleRun run(int photos, int distanceMs, int workers, int repetition) {
			this.database.reset();
			PhotoSet set = PhotoSet.of(this.nextAlbum++, photos);
			byte[] body = set.jobRequest();
			Submitted job = this.client.submit(body);
			CpuMeter.Reading before = this.cpu.read();
			JobState state = this.sluice.awaitTerminal(job, SluiceEndToEnd.timeoutFor(photos), null);
			CpuMeter.Reading after = this.cpu.read();
			long rows = this.database.photosInAlbum(set.albumId());
			if (!state.status().equals("COMPLETED") || state.written() != photos || rows != photos) {
				throw new BenchmarkFailure("Scale job " + job.id() + " of " + photos + " photos with " + workers
						+ " workers ended " + state.status() + " with " + state.written() + " written and " + rows
						+ " rows in its album");
			}
			double drainMs = Duration.between(job.accepted(), state.finishedAt()).toNanos() / 1e6;
			return new ScaleRun(distanceMs, workers, repetition, job.acceptNanos() / 1e6, drainMs,
					photos / (Math.max(drainMs, 1) / 1000), after.machineBusySince(before),
					after.postgresCoresSince(before), after.workerCoresSince(before),
					this.database.chunkTransactions(job.id()), job.id().toString());
		}

	}

}
