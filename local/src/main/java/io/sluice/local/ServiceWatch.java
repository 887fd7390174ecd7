package io.sluice.local;

import java.time.Duration;
import java.time.Instant;

/**
 * What the {@link Supervisor} knows of one process: its state as last seen, and when to
 * start it again after it exited. Changed by the supervisor's thread only; read by any.
 */
final class ServiceWatch {

	enum Status {

		STARTING("starting"), READY("ready"), WAITING_FOR_LEASE("waiting for a connection lease"),
		NOT_READY("not ready"), EXITED("exited");

		private final String words;

		Status(String words) {
			this.words = words;
		}

	}

	private final ServiceProcess process;

	private final RestartBackOff backOff = new RestartBackOff();

	private volatile Status status;

	/** A state seen once, that becomes the status if the next probe sees it too. */
	private Status candidate;

	private volatile Instant restartAt;

	private volatile int exitCode;

	/** Whether the process became ready or waiting since it was last started. */
	private boolean settledSinceStart;

	/** Whether the process ever became ready or waiting, or exited. */
	private volatile boolean settled;

	private int failedStartsInARow;

	ServiceWatch(ServiceProcess process, Status initial) {
		this.process = process;
		this.status = initial;
		this.settledSinceStart = initial == Status.READY;
		this.settled = this.settledSinceStart;
	}

	ServiceProcess process() {
		return this.process;
	}

	Status status() {
		return this.status;
	}

	boolean hasSettled() {
		return this.settled;
	}

	boolean isRestartPending() {
		return this.restartAt != null;
	}

	boolean isRestartDue() {
		return this.restartAt != null && !Instant.now().isBefore(this.restartAt);
	}

	/**
	 * How many times in a row the process exited before it became ready or waiting since
	 * it was started; 0 after an exit of a process that had got that far.
	 */
	int failedStartsInARow() {
		return this.failedStartsInARow;
	}

	/** Where the process answers its readiness probe. */
	String address() {
		return this.process.readinessUrl();
	}

	/**
	 * Records an exit the launcher did not ask for, and when to start the process again.
	 * @param code the exit code
	 * @return how long until the process is started again
	 */
	Duration exited(int code) {
		this.failedStartsInARow = this.settledSinceStart ? 0 : this.failedStartsInARow + 1;
		this.exitCode = code;
		Duration wait = this.backOff.after(this.process.sinceStart());
		this.restartAt = Instant.now().plus(wait);
		this.candidate = null;
		this.status = Status.EXITED;
		this.settled = true;
		return wait;
	}

	/** Records that the process was started again. */
	void restarted() {
		this.restartAt = null;
		this.settledSinceStart = false;
		this.status = Status.STARTING;
	}

	/**
	 * Takes in one readiness answer. Ready counts at once; any other state only once two
	 * probes in a row have seen it, so that a worker still asking for its lease does not
	 * show as waiting and a slow probe on a busy machine is not news.
	 * @param readiness what the probe answered
	 * @return whether the status changed
	 */
	boolean observe(Readiness readiness) {
		Status seen = readiness.isReady() ? Status.READY : readiness.isWaitingForLease() ? Status.WAITING_FOR_LEASE
				: this.settledSinceStart ? Status.NOT_READY : Status.STARTING;
		if (seen == this.status) {
			this.candidate = null;
			return false;
		}
		if (seen != Status.READY && seen != this.candidate) {
			this.candidate = seen;
			return false;
		}
		this.candidate = null;
		this.status = seen;
		if (seen == Status.READY || seen == Status.WAITING_FOR_LEASE) {
			this.settledSinceStart = true;
			this.settled = true;
			this.failedStartsInARow = 0;
		}
		return true;
	}

	/** One line for the banner: name, state, and where to look. */
	String statusLine() {
		Status now = this.status;
		String state = (now == Status.EXITED) ? "exited with code " + this.exitCode + ", starting again" : now.words;
		return String.format("%-10s %-32s %s", this.process.name(), state,
				(now == Status.EXITED) ? "log " + this.process.log() : address());
	}

}
