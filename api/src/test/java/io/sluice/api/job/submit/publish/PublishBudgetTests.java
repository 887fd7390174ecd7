package io.sluice.api.job.submit.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PublishBudgetTests {

	@ParameterizedTest
	@ValueSource(longs = { 300, 1_000, 3_000, 10_000, 60_000, 600_000 })
	void fitsTheWorstCaseTransactionInTheTimeout(long timeoutMs) {
		PublishBudget budget = new PublishBudget(Duration.ofMillis(timeoutMs));

		// sends may start until sendPhase, one may block for max.block.ms, then a commit
		// or an abort may block for max.block.ms
		long worstCase = budget.sendPhase().toMillis() + 2 * budget.maxBlockMs();

		assertThat(worstCase).isLessThanOrEqualTo(timeoutMs);
		assertThat(budget.deliveryTimeoutMs()).isLessThanOrEqualTo(budget.maxBlockMs());
	}

	@ParameterizedTest
	@ValueSource(longs = { 300, 10_000, 600_000 })
	void satisfiesKafkasOwnConstraints(long timeoutMs) {
		PublishBudget budget = new PublishBudget(Duration.ofMillis(timeoutMs));

		assertThat(budget.deliveryTimeoutMs())
			.isGreaterThanOrEqualTo(PublishBudget.LINGER_MS + budget.requestTimeoutMs());
		assertThat(budget.transactionTimeoutMs()).isGreaterThanOrEqualTo(budget.deliveryTimeoutMs())
			.isLessThanOrEqualTo(PublishBudget.MAX_TRANSACTION_TIMEOUT_MS);
	}

	@Test
	void derivesTheProducerSettingsFromTheDefaultTimeout() {
		Map<String, Object> configs = new PublishBudget(Duration.ofSeconds(10)).producerConfigs();

		assertThat(configs).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_333L)
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_333)
			.containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ChunkTopics.MAX_RECORD_BYTES)
			.containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
	}

	@Test
	void producesSettingsTheKafkaClientAccepts() {
		Map<String, Object> configs = new HashMap<>(new PublishBudget(Duration.ofMillis(300)).producerConfigs());
		configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
		configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "publish-budget-tests");
		configs.put(ProducerConfig.ACKS_CONFIG, "all");

		assertThatNoException().isThrownBy(() -> {
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(configs, new StringSerializer(),
					new ByteArraySerializer())) {
				producer.close(Duration.ZERO);
			}
		});
	}

}
