package io.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent so far, read from {@code /proc} (Linux): by processes of the Sluice
 * stack, by this benchmark's JVM and by the whole machine. A figure that cannot be read
 * (another OS, a process that has ended) is {@code -1}, and the report leaves it out.
 */
final class CpuClock {

	/** Clock ticks per second of {@code /proc}'s CPU times ({@code getconf CLK_TCK}). */
	private static final double TICKS_PER_SECOND = 100.0;

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
		double seconds = 0;
		for (long pid : pids) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				// fields after the command name, which is in parentheses and may hold
				// spaces
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}
		return seconds;
	}

	/**
	 * CPU seconds the whole machine has been busy (every state but idle and iowait), over
	 * all cores.
	 * @return seconds, or -1
	 */
	static double machine() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(fields[i]);
				}
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
