package io.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time spent so far: by processes of the Sluice stack, by this benchmark's JVM and by
 * the whole machine ({@code /proc/stat}, Linux). A figure that cannot be read (another
 * OS, a process that has ended) is {@code -1}, and the report leaves it out.
 */
final class CpuClock {

	/** Clock ticks per second of {@code /proc}'s CPU times ({@code getconf CLK_TCK}). */
	private static final double TICKS_PER_SECOND = 100.0;

	private static final Path PROC_STAT = Path.of("/proc/stat");

	private CpuClock() {
	}

	/**
	 * CPU seconds of this JVM: the load driver (and its samplers).
	 * @return seconds, or -1
	 */
	static double self() {
		java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
			return sun.getProcessCpuTime() / 1e9;
		}
		return -1;
	}

	/**
	 * CPU seconds (user and system) of some processes, summed.
	 * @param pids the processes
	 * @return seconds, or -1 if any cannot be read
	 */
	static double of(List<Long> pids) {
		long nanos = 0;
		for (long pid : pids) {
			Optional<Duration> cpu = ProcessHandle.of(pid).flatMap((process) -> process.info().totalCpuDuration());
			if (cpu.isEmpty()) {
				return -1;
			}
			nanos += cpu.get().toNanos();
		}
		return nanos / 1e9;
	}

	/**
	 * CPU nanoseconds (user and system) of one process.
	 * @param pid the process
	 * @return nanoseconds, 0 if it cannot be read (the process has ended)
	 */
	static long cpuNanos(long pid) {
		return ProcessHandle.of(pid)
			.flatMap((process) -> process.info().totalCpuDuration())
			.map(Duration::toNanos)
			.orElse(0L);
	}

	/**
	 * CPU seconds the whole machine has been busy (every state but idle and iowait), over
	 * all cores.
	 * @return seconds, or -1
	 */
	static double machine() {
		long[] ticks = machineTicks();
		return (ticks != null) ? ticks[0] / TICKS_PER_SECOND : -1;
	}

	/**
	 * Busy (every state but idle and iowait) and total clock ticks of all cores, from
	 * {@code /proc/stat}.
	 * @return busy and total, or {@code null} where there is no {@code /proc/stat}
	 */
	static long[] machineTicks() {
		try (Stream<String> lines = Files.lines(PROC_STAT)) {
			String[] fields = lines.findFirst().orElse("").trim().split("\\s+");
			if (fields.length < 8 || !fields[0].equals("cpu")) {
				return null;
			}
			long total = 0;
			long idle = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				long ticks = Long.parseLong(fields[i]);
				total += ticks;
				if (i == 4 || i == 5) {
					idle += ticks;
				}
			}
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
