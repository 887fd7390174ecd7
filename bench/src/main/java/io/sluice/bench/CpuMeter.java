package io.sluice.bench;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the CPU went between two readings: the share of all the machine's cores that were
 * busy ({@code /proc/stat}; anything running counts), and the cores PostgreSQL's
 * processes and the workers' JVMs used (their CPU time). Says whether a run was bound by
 * the cores or by something else, such as latency.
 */
final class CpuMeter {

	private final Long postmasterPid;

	private final Supplier<List<Long>> workerPids;

	/**
	 * @param postmasterPid PostgreSQL's postmaster, whose children are its backends;
	 * {@code null} when the server is not on this machine
	 * @param workerPids the worker JVMs running now
	 */
	CpuMeter(Long postmasterPid, Supplier<List<Long>> workerPids) {
		this.postmasterPid = postmasterPid;
		this.workerPids = workerPids;
	}

	Reading read() {
		long[] machine = CpuClock.machineTicks();
		Long postgres = (this.postmasterPid != null) ? treeCpuNanos(this.postmasterPid) : null;
		long workers = this.workerPids.get().stream().mapToLong(CpuClock::cpuNanos).sum();
		return new Reading(System.nanoTime(), machine, postgres, workers);
	}

	private static long treeCpuNanos(long pid) {
		return ProcessHandle.of(pid)
			.map((root) -> Stream.concat(Stream.of(root), root.descendants())
				.mapToLong((process) -> CpuClock.cpuNanos(process.pid()))
				.sum())
			.orElse(0L);
	}

	/**
	 * One reading.
	 *
	 * @param atNanos when ({@link System#nanoTime()})
	 * @param machineTicks busy and total jiffies, or {@code null}
	 * @param postgresCpuNanos CPU time of every PostgreSQL process, or {@code null}
	 * @param workerCpuNanos CPU time of the running workers
	 */
	record Reading(long atNanos, long[] machineTicks, Long postgresCpuNanos, long workerCpuNanos) {

		/** The share of all cores busy since {@code earlier}, or {@code null}. */
		Double machineBusySince(Reading earlier) {
			if (this.machineTicks == null || earlier.machineTicks == null) {
				return null;
			}
			long total = this.machineTicks[1] - earlier.machineTicks[1];
			return (total > 0) ? (double) (this.machineTicks[0] - earlier.machineTicks[0]) / total : null;
		}

		/** Cores PostgreSQL used since {@code earlier}, or {@code null}. */
		Double postgresCoresSince(Reading earlier) {
			if (this.postgresCpuNanos == null || earlier.postgresCpuNanos == null) {
				return null;
			}
			return Math.max(0, this.postgresCpuNanos - earlier.postgresCpuNanos) / (double) since(earlier);
		}

		/** Cores the workers used since {@code earlier}. */
		double workerCoresSince(Reading earlier) {
			return Math.max(0, this.workerCpuNanos - earlier.workerCpuNanos) / (double) since(earlier);
		}

		private long since(Reading earlier) {
			return Math.max(1, this.atNanos - earlier.atNanos);
		}

	}

}
