package io.sluice.worker.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

/**
 * What the workers' consumer group has not yet consumed of the records that were on the
 * chunk topics when a watch began.
 *
 * @param behind by partition, the offsets between the group's committed offset and the
 * recorded end offset, for the partitions where at least one record in between is still
 * to be consumed (transaction markers count as offsets too)
 */
record Backlog(Map<TopicPartition, Long> behind) {

	static final Backlog NONE = new Backlog(Map.of());

	Backlog {
		behind = Map.copyOf(behind);
	}

	/** Every record that was on the topics when the watch began has been consumed. */
	boolean consumed() {
		return this.behind.isEmpty();
	}

	/**
	 * For example {@code "12 offsets on sluice.photo-chunks partitions 1, 4"}, topics and
	 * partitions in order.
	 */
	String describe() {
		long offsets = this.behind.values().stream().mapToLong(Long::longValue).sum();
		Map<String, List<Integer>> byTopic = new TreeMap<>(this.behind.keySet()
			.stream()
			.sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
			.collect(Collectors.groupingBy(TopicPartition::topic,
					Collectors.mapping(TopicPartition::partition, Collectors.toList()))));
		String partitions = byTopic.entrySet()
			.stream()
			.map((topic) -> topic.getKey() + ((topic.getValue().size() == 1) ? " partition " : " partitions ")
					+ topic.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")))
			.collect(Collectors.joining("; "));
		return offsets + ((offsets == 1) ? " offset" : " offsets") + " on " + partitions;
	}

}
