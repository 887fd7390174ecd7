package io.sluice.worker.reconcile;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the workers' consumer group has not yet consumed of the records that were on the
 * chunk topic when a watch began.
 *
 * @param behind by partition number, the offsets between the group's committed offset and
 * the recorded end offset, for the partitions where at least one record in between is
 * still to be consumed (transaction markers count as offsets too)
 */
record Backlog(Map<Integer, Long> behind) {

	static final Backlog NONE = new Backlog(Map.of());

	Backlog {
		behind = Map.copyOf(behind);
	}

	/** Every record that was on the topic when the watch began has been consumed. */
	boolean consumed() {
		return this.behind.isEmpty();
	}

	/** For example {@code "12 offsets on partitions 1, 4"}. */
	String describe() {
		long offsets = this.behind.values().stream().mapToLong(Long::longValue).sum();
		String partitions = new TreeMap<>(this.behind).keySet()
			.stream()
			.map(String::valueOf)
			.collect(Collectors.joining(", "));
		return offsets + ((offsets == 1) ? " offset" : " offsets") + " on "
				+ ((this.behind.size() == 1) ? "partition " : "partitions ") + partitions;
	}

}
