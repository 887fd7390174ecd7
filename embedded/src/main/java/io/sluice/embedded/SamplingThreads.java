package io.sluice.embedded;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread a sampler takes its samples on, and how it stops.
 */
public final class SamplingThreads {

	private SamplingThreads() {
	}

	/**
	 * A scheduler with one daemon thread, so that a sampler left open never keeps a JVM
	 * alive.
	 * @param name the thread's name
	 * @return the scheduler
	 */
	public static ScheduledExecutorService daemonScheduler(String name) {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Stops a scheduler and waits up to 10 s for a sample under way to finish.
	 * @param scheduler the scheduler
	 */
	public static void stop(ScheduledExecutorService scheduler) {
		scheduler.shutdown();
		try {
			scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
