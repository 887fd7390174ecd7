package io.sluice.faults.hook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's JDBC driver made to look far away, for the scale test only (it never ships
 * in a Sluice jar): the answer to every commit made on a chunk listener thread comes back
 * {@value #LATENCY_VARIABLE} late (for example {@code 500ms}), as a commit's round trip
 * to a distant database would. A worker's chunk throughput is then bound by latency
 * rather than by this machine's two cores, so adding workers really adds throughput, as
 * it does against a database that is far away.
 *
 * <p>
 * The wait comes after the commit, when the transaction holds no lock. Before the commit
 * it would hold the job row's lock (every chunk transaction updates its job's counters)
 * and serialize every chunk of the job across the whole fleet: the scale test measured
 * the same ~160 photos/s with 1 to 5 workers that way.
 *
 * <p>
 * A worker runs it when started with this class on its class path (Spring Boot's
 * {@code loader.path}) and {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME} naming it.
 */
public final class CommitLatencyDriver extends ListenerCommitDriver {

	private static final Logger log = LoggerFactory.getLogger(CommitLatencyDriver.class);

	/** The environment variable that holds the latency: {@code 500ms} or ISO-8601. */
	public static final String LATENCY_VARIABLE = "SLUICE_FAULTS_COMMIT_LATENCY";

	/**
	 * The environment variable that names a file: once it exists, the database is near
	 * again and commits answer at once (optional).
	 */
	public static final String NEAR_AGAIN_VARIABLE = "SLUICE_FAULTS_COMMIT_LATENCY_ENDS_WITH";

	private final Duration latency = parse(System.getenv(LATENCY_VARIABLE));

	private final Path nearAgain = Optional.ofNullable(System.getenv(NEAR_AGAIN_VARIABLE)).map(Path::of).orElse(null);

	private volatile boolean near;

	public CommitLatencyDriver() {
		log.info("Fault suite: the answer to every chunk commit comes {} late", this.latency);
	}

	static Duration parse(String latency) {
		if (latency == null || latency.isBlank()) {
			throw new IllegalStateException(LATENCY_VARIABLE + " is not set");
		}
		if (latency.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(latency.substring(0, latency.length() - 2)));
		}
		return Duration.parse(latency);
	}

	@Override
	protected void afterListenerCommit() {
		if (this.near || (this.nearAgain != null && Files.exists(this.nearAgain))) {
			if (!this.near) {
				this.near = true;
				log.info("Fault suite: {} exists, commits answer at once from now on", this.nearAgain);
			}
			return;
		}
		try {
			// The simulated round trip itself, on the worker's thread: not a test's wait.
			Thread.sleep(this.latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
