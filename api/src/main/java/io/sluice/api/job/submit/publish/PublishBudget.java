package io.sluice.api.job.submit.publish;

import java.time.Duration;
import java.util.Map;

import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Splits the publish timeout between the Kafka producer's own timeouts so that one job's
 * transaction cannot outlast it, even when the broker is unreachable.
 *
 * <p>
 * A transaction is: obtain a producer (a new one runs {@code initTransactions}, bounded
 * by {@code max.block.ms}), send each chunk (each send blocks at most
 * {@code max.block.ms} for metadata or buffer space; no new send starts after
 * {@link #sendPhase()}), then commit or abort (each bounded by {@code max.block.ms};
 * records still unacknowledged expire after {@code delivery.timeout.ms}). With a third of
 * the timeout for each step, the worst case is: sends until one third, one blocked send
 * until two thirds, commit or abort until the full timeout. A failed producer is closed
 * without waiting.
 *
 * @param timeout the whole publish timeout
 */
record PublishBudget(Duration timeout) {

	/** The producer's {@code linger.ms}: records of a job are sent back to back. */
	static final long LINGER_MS = 5;

	/**
	 * The producer's {@code retry.backoff.ms}. A lane starts its next transaction as soon
	 * as the last one commits, and the broker answers a send that arrives before it has
	 * finished that commit with {@code CONCURRENT_TRANSACTIONS}: the default 100 ms
	 * before the retry would land in the jobs' accept time (ADR 0037).
	 */
	static final long RETRY_BACKOFF_MS = 10;

	/** The broker's default {@code transaction.max.timeout.ms}: 15 minutes. */
	static final long MAX_TRANSACTION_TIMEOUT_MS = 900_000;

	long maxBlockMs() {
		return Math.max(100, this.timeout.toMillis() / 3);
	}

	long deliveryTimeoutMs() {
		return maxBlockMs();
	}

	long requestTimeoutMs() {
		return Math.max(50, deliveryTimeoutMs() - LINGER_MS - Math.max(1, deliveryTimeoutMs() / 4));
	}

	/**
	 * How long after the start of a publish a new send may still begin.
	 * @return the send phase
	 */
	Duration sendPhase() {
		return Duration.ofMillis(maxBlockMs());
	}

	/**
	 * The broker aborts a transaction left open longer than this (an API instance that
	 * died mid-publish), so that read_committed consumers are not held up for long.
	 * @return the transaction timeout in milliseconds
	 */
	long transactionTimeoutMs() {
		return Math.min(MAX_TRANSACTION_TIMEOUT_MS, Math.max(this.timeout.toMillis() * 3, 10_000));
	}

	/**
	 * The producer settings this budget implies, plus the record size limit.
	 * @return producer configuration entries
	 */
	Map<String, Object> producerConfigs() {
		return Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs(), //
				ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeoutMs(), //
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeoutMs(), //
				ProducerConfig.LINGER_MS_CONFIG, (int) LINGER_MS, //
				ProducerConfig.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS, //
				ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeoutMs(), //
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ChunkTopics.MAX_RECORD_BYTES);
	}

}
