package io.sluice.faults;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The dead-letter topic made to refuse every dead letter for a while, as a broker would
 * whose topic an operator misconfigured: its {@code max.message.bytes} lowered far below
 * any chunk record (the broker answers {@code RecordTooLargeException}), then put back to
 * what it was, with Kafka's AdminClient ({@code incrementalAlterConfigs}).
 */
final class DeadLetterTopic {

	/** Smaller than any chunk record with its dead-letter headers. */
	private static final String REFUSING_MAX_MESSAGE_BYTES = "512";

	/** What a worker's log shows when the broker refuses a dead letter for its size. */
	static final String REFUSED = "RecordTooLargeException";

	private static final ConfigResource TOPIC = new ConfigResource(ConfigResource.Type.TOPIC, ChunkTopics.DEAD_LETTER);

	private final FaultStack stack;

	private String maxMessageBytes;

	DeadLetterTopic(FaultStack stack) {
		this.stack = stack;
	}

	/** From now on the broker refuses every record published to the topic. */
	void refuse() {
		try (Admin admin = this.stack.admin()) {
			this.maxMessageBytes = completed(admin.describeConfigs(List.of(TOPIC)).all()).get(TOPIC)
				.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
				.value();
			alter(admin,
					List.of(new AlterConfigOp(
							new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, REFUSING_MAX_MESSAGE_BYTES),
							AlterConfigOp.OpType.SET)));
		}
	}

	/** The topic takes records as large as it did before {@link #refuse()}. */
	void accept() {
		try (Admin admin = this.stack.admin()) {
			alter(admin,
					List.of(new AlterConfigOp(
							new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, this.maxMessageBytes),
							AlterConfigOp.OpType.SET)));
		}
	}

	private static void alter(Admin admin, Collection<AlterConfigOp> operations) {
		completed(admin.incrementalAlterConfigs(Map.of(TOPIC, operations)).all());
	}

	private static <T> T completed(KafkaFuture<T> request) {
		try {
			return request.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not describe or alter " + TOPIC, ex);
		}
	}

}
