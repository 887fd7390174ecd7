package io.sluice.faults.hook;

import java.nio.file.Path;

/**
 * PostgreSQL's JDBC driver with one fault added, for the fault suite only (it never ships
 * in a Sluice jar): once the file named by {@value #TRIGGER_VARIABLE} exists, the next
 * chunk listener thread about to commit takes it, writes the file named by
 * {@value #MARKER_VARIABLE} (this process's id) and sends its own JVM {@code SIGSTOP}.
 * The worker freezes in the middle of a chunk transaction: every statement of it done,
 * its rows and the job row locked, the commit not sent. Its session sits
 * {@code idle in transaction} until the test sends {@code SIGCONT} or PostgreSQL ends it.
 *
 * <p>
 * A worker runs it when started with this class on its class path (Spring Boot's
 * {@code loader.path}) and {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME} naming it.
 */
public final class FreezeBeforeCommitDriver extends ListenerCommitDriver {

	/** The environment variable that names the trigger file. */
	public static final String TRIGGER_VARIABLE = "SLUICE_FAULTS_FREEZE_TRIGGER";

	/** The environment variable that names the file written just before the freeze. */
	public static final String MARKER_VARIABLE = "SLUICE_FAULTS_FREEZE_MARKER";

	/** What the worker's log shows just before the freeze. */
	public static final String FREEZE_LINE = "Fault suite: freezing this worker just before a chunk commit";

	private final Path trigger = Path.of(System.getenv(TRIGGER_VARIABLE));

	private final Path marker = Path.of(System.getenv(MARKER_VARIABLE));

	/**
	 * Synchronized, so that a second consumer thread committing at the same moment waits
	 * here rather than racing the signal.
	 */
	@Override
	protected synchronized void beforeListenerCommit() {
		if (!claim(this.trigger)) {
			return;
		}
		freezeThisProcess(this.marker, FREEZE_LINE);
	}

}
