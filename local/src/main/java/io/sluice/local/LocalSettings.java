package io.sluice.local;

import java.nio.file.Path;

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
 * @param apiPoolSize the API's connection pool size
 * @param partitions partitions of the chunk topic
 * @param jwtSecret the HS256 secret shared by the API and the printed token
 */
record LocalSettings(Path home, Path directory, int apiPort, int workers, int workerConcurrency, int apiPoolSize,
		int partitions, String jwtSecret) {

	LocalSettings {
		if (workers < 1) {
			throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
		}
		if (workerConcurrency < 1) {
			throw new IllegalArgumentException("--worker-concurrency must be at least 1, not " + workerConcurrency);
		}
	}

	/**
	 * The most connections the whole local system may hold: the API's pool plus every
	 * worker's.
	 */
	int connectionCap() {
		return this.apiPoolSize + this.workers * (this.workerConcurrency + 1);
	}

}
