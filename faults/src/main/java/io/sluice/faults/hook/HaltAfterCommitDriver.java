package io.sluice.faults.hook;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL's JDBC driver with one fault added, for the fault suite only (it never ships
 * in a Sluice jar): once the file named by {@value #TRIGGER_VARIABLE} exists, the next
 * commit made on a chunk listener thread completes and then halts the JVM at once, as
 * {@code kill -9} would. The chunk transaction is durable; the Kafka offsets of its poll
 * are not committed, so its records are delivered again to another worker.
 *
 * <p>
 * A worker runs it when started with this class on its class path (Spring Boot's
 * {@code loader.path}) and {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME} naming it.
 */
public final class HaltAfterCommitDriver extends ListenerCommitDriver {

	/** The environment variable that names the trigger file. */
	public static final String TRIGGER_VARIABLE = "SLUICE_FAULTS_HALT_TRIGGER";

	/** What the worker's log shows just before the halt. */
	public static final String HALT_LINE = "Fault suite: halting right after a chunk commit";

	private final Path trigger = Path.of(System.getenv(TRIGGER_VARIABLE));

	/**
	 * Synchronized, so that of two consumer threads committing at once only one calls
	 * {@code Runtime.halt}; the other waits here until the JVM is gone. In one run the
	 * worker printed the halt line twice, from two threads, and never exited.
	 */
	@Override
	protected synchronized void afterListenerCommit() {
		if (Files.exists(this.trigger)) {
			// The worker's logging may not flush before the halt; standard output does.
			System.out.println(HALT_LINE);
			Runtime.getRuntime().halt(137);
		}
	}

}
