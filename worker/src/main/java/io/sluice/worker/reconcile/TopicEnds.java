package io.sluice.worker.reconcile;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The chunk topics' end offsets (the main topic's and the express lane's) as a
 * read_committed consumer saw them when a watch began: per partition, the offset after
 * the last record or transaction marker that had been decided (Kafka's last stable
 * offset).
 *
 * @param offsets end offset by partition
 */
record TopicEnds(Map<TopicPartition, Long> offsets) {

	TopicEnds {
		offsets = Map.copyOf(offsets);
	}

}
