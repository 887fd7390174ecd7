package io.sluice.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads the naive pattern runs its tasks on. The pattern submits every photo at
 * once, so every task should be waiting for a connection at the same time: on a JVM with
 * virtual threads (Java 21+) each task gets one; on Java 17, which cannot hold 100,000
 * platform threads, a large fixed pool stands in, and tasks queued behind it do not count
 * against the pool's timeout: that model is reported next to the numbers.
 */
final class NaiveThreads {

	/** Platform threads used when the JVM has no virtual threads. */
	static final int PLATFORM_THREADS = 2_000;

	private static final MethodHandle VIRTUAL = virtualThreadFactory();

	private NaiveThreads() {
	}

	static boolean virtual() {
		return VIRTUAL != null;
	}

	/** How the report names the thread model. */
	static String description() {
		return virtual() ? "one virtual thread per photo (Java " + Runtime.version().feature() + ")" : String.format(
				"%,d platform threads (Java %d has no virtual threads)", PLATFORM_THREADS, Runtime.version().feature());
	}

	static ExecutorService executor() {
		if (VIRTUAL == null) {
			return Executors.newFixedThreadPool(PLATFORM_THREADS);
		}
		try {
			return (ExecutorService) VIRTUAL.invokeExact();
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Could not create a virtual-thread executor", ex);
		}
	}

	private static MethodHandle virtualThreadFactory() {
		try {
			return MethodHandles.publicLookup()
				.findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
						MethodType.methodType(ExecutorService.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

}
