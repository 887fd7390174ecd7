package io.sluice.common.chunk;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chunk topics are declared, by whichever process starts first. Partitions are
 * only ever added to an existing topic; its retention is set to these settings at every
 * start-up (ADR 0042).
 *
 * @param partitions partitions of the chunk topic, its express lane and its dead-letter
 * topic when Sluice creates them; a job's chunks are dealt round-robin over the topic's
 * actual partitions (ADR 0009), and a worker runs no more consumer threads than there are
 * partitions
 * @param replicationFactor replicas of the three chunk topics when Sluice creates them;
 * raise it with more than one broker
 * @param chunkRetention how long the chunk topic and its express lane keep a record
 * (their {@code retention.ms}, set at start-up); longer than any job can wait to be
 * written, at least 1h, and shorter than {@code sluice.retention.jobs}
 * @param deadLetterRetention how long the dead-letter topic keeps a record (its
 * {@code retention.ms}, set at start-up): the time an operator has to re-drive or copy a
 * dead letter; -1 keeps them forever
 */
@ConfigurationProperties("sluice.kafka")
public record ChunkTopicsProperties(@DefaultValue("12") int partitions, @DefaultValue("1") short replicationFactor,
		@DefaultValue("7d") Duration chunkRetention, @DefaultValue("90d") Duration deadLetterRetention) {

	/** The shortest {@link #chunkRetention}: the reconciler's default stall timeout. */
	public static final Duration MIN_CHUNK_RETENTION = Duration.ofHours(1);

	/** {@code retention.ms} of a topic that keeps its records forever. */
	static final long FOREVER = -1;

	public ChunkTopicsProperties {
		if (chunkRetention == null || chunkRetention.compareTo(MIN_CHUNK_RETENTION) < 0) {
			throw new IllegalArgumentException(
					"sluice.kafka.chunk-retention must be at least " + MIN_CHUNK_RETENTION.toHours()
							+ "h, longer than any job waits to be written, not " + chunkRetention);
		}
		if (deadLetterRetention == null
				|| !(deadLetterRetention.compareTo(Duration.ZERO) > 0 || isForever(deadLetterRetention))) {
			throw new IllegalArgumentException("sluice.kafka.dead-letter-retention must be positive, or -1 to keep "
					+ "dead letters forever, not " + deadLetterRetention);
		}
	}

	/** {@code retention.ms} of the chunk topic and its express lane. */
	public long chunkRetentionMs() {
		return this.chunkRetention.toMillis();
	}

	/** {@code retention.ms} of the dead-letter topic; {@value #FOREVER} for ever. */
	public long deadLetterRetentionMs() {
		return isForever(this.deadLetterRetention) ? FOREVER : this.deadLetterRetention.toMillis();
	}

	private static boolean isForever(Duration retention) {
		return retention.toMillis() == FOREVER;
	}

}
