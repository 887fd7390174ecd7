package io.sluice.worker.reconcile;

import java.util.Map;

/**
 * The chunk topic's end offsets as a read_committed consumer saw them when a watch began:
 * per partition, the offset after the last record or transaction marker that had been
 * decided (Kafka's last stable offset).
 *
 * @param offsets end offset by partition number
 */
record TopicEnds(Map<Integer, Long> offsets) {

	TopicEnds {
		offsets = Map.copyOf(offsets);
	}

}
