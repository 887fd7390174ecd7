package io.sluice.local;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the API and the workers of a {@link LocalStack} running, as Compose's
 * {@code restart: unless-stopped} does. Once a second it looks at each: one that exited
 * without being asked to is reported (name, exit code, log) and started again after a
 * {@link RestartBackOff back-off}; a change of readiness (ready, waiting for a connection
 * lease, not ready) is reported. PostgreSQL and Kafka are not watched.
 *
 * <p>
 * Stopping the stack is not an exit to report: {@link LocalStack#close()} refuses every
 * restart from its first moment on. Close this first all the same, so that nothing is
 * reported while the stack stops.
 */
final class Supervisor implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

	/** Lines of a log shown when a process exits before it ever became ready. */
	private static final int TAIL_LINES = 20;

	private final LocalStack stack;

	private final Map<ServiceProcess, ServiceWatch> watches = new ConcurrentHashMap<>();

	private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "sluice-local-supervisor");
		thread.setDaemon(true);
		return thread;
	});

	Supervisor(LocalStack stack) {
		this.stack = stack;
	}

	/**
	 * Starts watching, on a thread of its own.
	 * @return this supervisor
	 * @throws IllegalStateException unless the stack has been {@link LocalStack#launch()
	 * launched}: its API ready, its workers started
	 */
	Supervisor start() {
		if (this.stack.api() == null) {
			throw new IllegalStateException("The stack has not been launched");
		}
		this.stack.apis().forEach((api) -> this.watches.put(api, new ServiceWatch(api, ServiceWatch.Status.READY)));
		this.checks.scheduleWithFixedDelay(this::check, 0, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		return this;
	}

	/**
	 * Waits until every worker has become ready, is waiting for a connection lease or has
	 * exited at least once, or until the time runs out.
	 * @param timeout how long to wait at most
	 * @return whether every worker got that far
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitWorkersSettled(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!workers().stream().allMatch(ServiceWatch::hasSettled)) {
			if (Instant.now().isAfter(deadline)) {
				return false;
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		return true;
	}

	/**
	 * One line per worker for the banner: its name, state and readiness address.
	 * @return the lines, in the workers' order
	 */
	List<String> workerLines() {
		return workers().stream().map(ServiceWatch::statusLine).toList();
	}

	@Override
	public void close() {
		this.checks.shutdownNow();
		try {
			this.checks.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<ServiceWatch> workers() {
		List<ServiceWatch> workers = new ArrayList<>();
		for (ServiceProcess worker : this.stack.workers()) {
			workers.add(this.watches.computeIfAbsent(worker,
					(process) -> new ServiceWatch(process, ServiceWatch.Status.STARTING)));
		}
		return workers;
	}

	private void check() {
		try {
			List<ServiceWatch> all = new ArrayList<>();
			this.stack.apis().forEach((api) -> all.add(this.watches.get(api)));
			all.addAll(workers());
			for (ServiceWatch watch : all) {
				if (this.stack.isClosing() || Thread.currentThread().isInterrupted()) {
					return;
				}
				check(watch);
			}
		}
		catch (RuntimeException ex) {
			// the next check tries again; an exception would end the schedule
			if (!Thread.currentThread().isInterrupted() && !this.stack.isClosing()) {
				logger.warn("Could not check the API and the workers: {}", ex.toString());
			}
		}
	}

	private void check(ServiceWatch watch) {
		ServiceProcess process = watch.process();
		if (watch.isRestartDue()) {
			restart(watch);
			return;
		}
		if (watch.isRestartPending()) {
			return;
		}
		if (!process.isAlive()) {
			exited(watch);
			return;
		}
		Readiness readiness = process.readiness();
		if (watch.observe(readiness)) {
			reportChange(watch, readiness);
		}
	}

	private void restart(ServiceWatch watch) {
		ServiceProcess process = watch.process();
		try {
			if (!this.stack.restart(process)) {
				return;
			}
		}
		catch (UncheckedIOException ex) {
			Duration wait = watch.exited(-1);
			logger.warn("Could not start {} again ({}); trying again in {} s", process.name(), ex.getMessage(),
					wait.toSeconds());
			return;
		}
		watch.restarted();
		logger.info("Started {} again (pid {})", process.name(), process.pid());
	}

	private void exited(ServiceWatch watch) {
		ServiceProcess process = watch.process();
		int code = process.exitCode().orElse(-1);
		Duration wait = watch.exited(code);
		logger.warn("{} exited with code {}{} (log: {}); starting it again in {} s", process.name(), code,
				(code > 128) ? " (signal " + (code - 128) + ")" : "", process.log(), wait.toSeconds());
		if (watch.failedStartsInARow() == 1) {
			logger.warn("{} exited before it was ready; the last lines of {}:\n{}", process.name(), process.log(),
					process.logTail(TAIL_LINES));
		}
	}

	private void reportChange(ServiceWatch watch, Readiness readiness) {
		ServiceProcess process = watch.process();
		switch (watch.status()) {
			case READY -> logger.info("{} is ready ({})", process.name(), watch.address());
			case WAITING_FOR_LEASE -> logger.warn(
					"{} is waiting for a connection lease: the workers' connection "
							+ "budget is taken (its log says how, {}); it starts work once a lease is free",
					process.name(), process.log());
			case NOT_READY -> logger.warn("{} is not ready: {}", process.name(), readiness.down().isEmpty()
					? "its readiness probe does not answer" : String.join(", ", readiness.down()));
			default -> {
				// starting and restarting are reported where they begin
			}
		}
	}

}
