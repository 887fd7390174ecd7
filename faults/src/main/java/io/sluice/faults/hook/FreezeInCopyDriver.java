package io.sluice.faults.hook;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * PostgreSQL's JDBC driver with one fault added, for the fault suite only (it never ships
 * in a Sluice jar): once the file named by {@value #TRIGGER_VARIABLE} exists, the next
 * chunk listener thread that starts a {@code COPY} takes it, writes the file named by
 * {@value #MARKER_VARIABLE} (this process's id) and sends its own JVM {@code SIGSTOP}
 * before it sends any of the data. The worker freezes in the middle of a chunk
 * transaction whose chunks' ledger rows are inserted, and its session is {@code active},
 * waiting for the {@code COPY}'s data: no {@code statement_timeout},
 * {@code idle_in_transaction_session_timeout} or TCP keepalive ends it. Only another
 * worker reclaiming its expired lease does (ADR 0030).
 *
 * <p>
 * A worker runs it when started with this class on its class path (Spring Boot's
 * {@code loader.path}) and {@code SPRING_DATASOURCE_DRIVER_CLASS_NAME} naming it.
 */
public final class FreezeInCopyDriver extends ListenerCommitDriver {

	/** The environment variable that names the trigger file. */
	public static final String TRIGGER_VARIABLE = FreezeBeforeCommitDriver.TRIGGER_VARIABLE;

	/** The environment variable that names the file written just before the freeze. */
	public static final String MARKER_VARIABLE = FreezeBeforeCommitDriver.MARKER_VARIABLE;

	/** What the worker's log shows just before the freeze. */
	public static final String FREEZE_LINE = "Fault suite: freezing this worker in the middle of a COPY";

	private final Path trigger = Path.of(System.getenv(TRIGGER_VARIABLE));

	private final Path marker = Path.of(System.getenv(MARKER_VARIABLE));

	@Override
	protected InputStream listenerCopyData(InputStream rows) {
		return new FilterInputStream(rows) {

			private boolean started;

			@Override
			public int read() throws IOException {
				start();
				return super.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				start();
				return super.read(buffer, offset, length);
			}

			private void start() {
				if (!this.started) {
					this.started = true;
					freezeIfTriggered();
				}
			}

		};
	}

	/**
	 * Synchronized, so that a second consumer thread starting a {@code COPY} at the same
	 * moment waits here rather than racing the signal.
	 */
	private synchronized void freezeIfTriggered() {
		if (claim(this.trigger)) {
			freezeThisProcess(this.marker, FREEZE_LINE);
		}
	}

}
