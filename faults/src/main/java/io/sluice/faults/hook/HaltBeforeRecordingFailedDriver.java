package io.sluice.faults.hook;

import java.nio.file.Path;

/**
 * PostgreSQL's JDBC driver with one fault added, for the fault suite only (it never ships
 * in a Sluice jar): once the file named by {@value #TRIGGER_VARIABLE} exists, the next
 * chunk listener thread that prepares the statement recording a chunk {@code FAILED} in
 * the chunk ledger takes the file and halts the JVM at once, as {@code kill -9} would. A
 * chunk that can never be written is dead-lettered first and recorded second, so the
 * worker dies between the two: its dead letter published, its ledger row never written,
 * its record's offset not committed. Any number of workers may run it with the same file:
 * only the one that takes it halts.
 *
 * <p>
 * The statement is recognised by {@value #RECORD_FAILED_FRAGMENT}, a fragment of the
 * worker's {@code ChunkLedger.RECORD_FAILED} that no other statement holds. If that text
 * changes, the worker never halts and the case fails; it cannot pass by accident. The
 * worker builds that statement from fragments, so
 * {@code HaltBeforeRecordingFailedDriverTests} checks the built text still holds this
 * one.
 *
 * <p>
 * A worker runs it when started with this class on its class path (Spring Boot's
 * {@code loader.path}) and {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME} naming it.
 */
public final class HaltBeforeRecordingFailedDriver extends ListenerCommitDriver {

	/** The environment variable that names the trigger file. */
	public static final String TRIGGER_VARIABLE = "SLUICE_FAULTS_HALT_BEFORE_RECORDING_TRIGGER";

	/** What the worker's log shows just before the halt. */
	public static final String HALT_LINE = "Fault suite: halting just before a chunk is recorded FAILED";

	/**
	 * Part of the ledger statement that records a chunk {@code FAILED}, and of no other.
	 */
	static final String RECORD_FAILED_FRAGMENT = "CASE WHEN s.outcome = 'FAILED' THEN";

	private final Path trigger = Path.of(System.getenv(TRIGGER_VARIABLE));

	@Override
	protected void beforeListenerPrepare(String sql) {
		if (sql.contains(RECORD_FAILED_FRAGMENT) && claim(this.trigger)) {
			// The worker's logging may not flush before the halt; standard output does.
			System.out.println(HALT_LINE);
			Runtime.getRuntime().halt(137);
		}
	}

}
