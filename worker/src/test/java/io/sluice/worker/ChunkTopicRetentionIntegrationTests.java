package io.sluice.worker;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunk topics' retention as the broker holds it, read back with
 * {@code describeConfigs}: declared when the worker creates them, and set again on a
 * topic whose retention was changed behind Sluice's back when a service starts.
 */
class ChunkTopicRetentionIntegrationTests extends WorkerIntegrationTest {

	private static final long SEVEN_DAYS_MS = Duration.ofDays(7).toMillis();

	private static final long NINETY_DAYS_MS = Duration.ofDays(90).toMillis();

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Test
	void chunkTopicsKeepAWeekAndDeadLettersNinetyDays() throws Exception {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			assertThat(retentionMs(admin)).isEqualTo(Map.of(ChunkTopics.PHOTO_CHUNKS, SEVEN_DAYS_MS,
					ChunkTopics.EXPRESS_CHUNKS, SEVEN_DAYS_MS, ChunkTopics.DEAD_LETTER, NINETY_DAYS_MS));
		}
	}

	@Test
	void setsTheDeclaredRetentionAgainOnTopicsThatExistAlready() throws Exception {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			setRetentionMs(admin, ChunkTopics.DEAD_LETTER, Duration.ofDays(1).toMillis());
			setRetentionMs(admin, ChunkTopics.EXPRESS_CHUNKS, Duration.ofHours(2).toMillis());
			assertThat(retentionMs(admin)).containsEntry(ChunkTopics.DEAD_LETTER, Duration.ofDays(1).toMillis())
				.containsEntry(ChunkTopics.EXPRESS_CHUNKS, Duration.ofHours(2).toMillis());

			// What every service's KafkaAdmin does at start-up.
			this.kafkaAdmin.initialize();

			assertThat(retentionMs(admin)).isEqualTo(Map.of(ChunkTopics.PHOTO_CHUNKS, SEVEN_DAYS_MS,
					ChunkTopics.EXPRESS_CHUNKS, SEVEN_DAYS_MS, ChunkTopics.DEAD_LETTER, NINETY_DAYS_MS));
		}
	}

	private static Map<String, Long> retentionMs(Admin admin) throws Exception {
		Collection<ConfigResource> topics = List.of(topic(ChunkTopics.PHOTO_CHUNKS), topic(ChunkTopics.EXPRESS_CHUNKS),
				topic(ChunkTopics.DEAD_LETTER));
		Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS);
		return configs.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().name(),
					(entry) -> Long.parseLong(entry.getValue().get(TopicConfig.RETENTION_MS_CONFIG).value())));
	}

	private static void setRetentionMs(Admin admin, String topic, long retentionMs) throws Exception {
		AlterConfigOp set = new AlterConfigOp(
				new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs)), OpType.SET);
		admin.incrementalAlterConfigs(Map.of(topic(topic), List.of(set))).all().get(30, TimeUnit.SECONDS);
	}

	private static ConfigResource topic(String name) {
		return new ConfigResource(ConfigResource.Type.TOPIC, name);
	}

}
