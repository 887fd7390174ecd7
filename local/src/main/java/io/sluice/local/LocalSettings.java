package io.sluice.local;

import java.nio.file.Path;

import io.sluice.embedded.JavaProcesses;

/**
 * What the local launcher runs.
 *
 * @param home the repository root, which holds {@code api/target} and
 * {@code worker/target}
 * @param directory where data, logs and {@code local.env} go ({@code .sluice/} by
 * default)
 * @param apiPort the API's HTTP port
 * @param workers how many worker processes to run
 * @param workerConcurrency consumer threads per worker (its pool is this plus one)
 * @param apiPoolSize each API instance's connection pool size
 * @param apiInstances API processes, on consecutive ports from {@code apiPort}
 * @param partitions partitions of the chunk topic
 * @param jwtSecret the HS256 secret shared by the API and the printed token
 * @param javaExecutable the {@code java} command that runs the API and the workers
 */
public record LocalSettings(Path home, Path directory, int apiPort, int workers, int workerConcurrency, int apiPoolSize,
		int apiInstances, int partitions, String jwtSecret, String javaExecutable) {

	static final int DEFAULT_API_PORT = 8080;

	static final int DEFAULT_WORKERS = 2;

	static final int DEFAULT_WORKER_CONCURRENCY = 2;

	static final int DEFAULT_API_POOL_SIZE = 4;

	static final int DEFAULT_API_INSTANCES = 1;

	static final int DEFAULT_PARTITIONS = 12;

	public LocalSettings {
		atLeast("--port", apiPort, 1);
		atLeast("--api-instances", apiInstances, 1);
		if (apiPort + apiInstances - 1 > 65_535) {
			throw new IllegalArgumentException("--port must be a TCP port, at most 65535"
					+ ((apiInstances > 1) ? " for the last of " + apiInstances + " API instances" : "") + ", not "
					+ (apiPort + apiInstances - 1));
		}
		atLeast("--workers", workers, 1);
		atLeast("--worker-concurrency", workerConcurrency, 1);
		atLeast("--api-pool-size", apiPoolSize, 1);
		atLeast("--partitions", partitions, 1);
	}

	/**
	 * The launcher's defaults: the API on port 8080 with a pool of 4, 2 workers of 2
	 * consumer threads, 12 partitions, the API and workers on this JVM's {@code java}.
	 * @param home the repository root
	 * @param directory where data, logs and {@code local.env} go
	 * @param jwtSecret the HS256 secret of the API's tokens
	 * @return the default settings
	 */
	public static LocalSettings defaults(Path home, Path directory, String jwtSecret) {
		return new LocalSettings(home, directory, DEFAULT_API_PORT, DEFAULT_WORKERS, DEFAULT_WORKER_CONCURRENCY,
				DEFAULT_API_POOL_SIZE, DEFAULT_API_INSTANCES, DEFAULT_PARTITIONS, jwtSecret, defaultJavaExecutable());
	}

	/**
	 * The {@code java} command that runs this JVM, which runs the API and the workers.
	 */
	static String defaultJavaExecutable() {
		return JavaProcesses.javaExecutable();
	}

	/** These settings with the API on another port. */
	public LocalSettings withApiPort(int port) {
		return new LocalSettings(this.home, this.directory, port, this.workers, this.workerConcurrency,
				this.apiPoolSize, this.apiInstances, this.partitions, this.jwtSecret, this.javaExecutable);
	}

	/** These settings with another number of workers to start with. */
	public LocalSettings withWorkers(int count) {
		return new LocalSettings(this.home, this.directory, this.apiPort, count, this.workerConcurrency,
				this.apiPoolSize, this.apiInstances, this.partitions, this.jwtSecret, this.javaExecutable);
	}

	/** These settings with another number of API instances. */
	public LocalSettings withApiInstances(int count) {
		return new LocalSettings(this.home, this.directory, this.apiPort, this.workers, this.workerConcurrency,
				this.apiPoolSize, count, this.partitions, this.jwtSecret, this.javaExecutable);
	}

	/**
	 * The port of one API instance.
	 * @param instance the instance, from 0
	 * @return {@code apiPort + instance}
	 */
	public int apiPort(int instance) {
		return this.apiPort + instance;
	}

	/**
	 * These settings with the API and the workers run by another {@code java} command.
	 */
	public LocalSettings withJavaExecutable(String java) {
		return new LocalSettings(this.home, this.directory, this.apiPort, this.workers, this.workerConcurrency,
				this.apiPoolSize, this.apiInstances, this.partitions, this.jwtSecret, java);
	}

	/**
	 * The most connections the whole local system may hold: every API instance's pool
	 * plus every worker's.
	 * @return the connection cap
	 */
	public int connectionCap() {
		return apiConnections() + this.workers * (this.workerConcurrency + 1);
	}

	/**
	 * The most connections the API instances hold together.
	 * @return instances times pool size
	 */
	public int apiConnections() {
		return this.apiInstances * this.apiPoolSize;
	}

	private static void atLeast(String option, int value, int minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException(option + " must be at least " + minimum + ", not " + value);
		}
	}

}
