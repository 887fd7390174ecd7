package io.sluice.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedInfrastructureIntegrationTests {

	@TempDir
	static Path directory;

	static EmbeddedInfrastructure infrastructure;

	@BeforeAll
	static void start() {
		infrastructure = EmbeddedInfrastructure.start(directory, 3);
	}

	@AfterAll
	static void stop() {
		infrastructure.close();
	}

	@Test
	void runsARealPostgreSql17() throws Exception {
		try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.username(),
				infrastructure.password());
				Statement statement = connection.createStatement();
				ResultSet version = statement.executeQuery("SHOW server_version_num")) {
			version.next();
			assertThat(version.getInt(1)).isBetween(170000, 179999);
		}
	}

	@Test
	void committedTransactionsAreReadAndSurviveABrokerKill() throws Exception {
		String topic = "probe-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers(),
						ProducerConfig.TRANSACTIONAL_ID_CONFIG, "probe-" + UUID.randomUUID()),
				new StringSerializer(), new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			for (int i = 0; i < 100; i++) {
				producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
			}
			producer.commitTransaction();
		}

		infrastructure.kafka().kill();
		infrastructure.kafka().start();

		List<ConsumerRecord<String, String>> seen = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				assertThat(seen).hasSize(100);
			});
		}
		assertThat(seen).extracting(ConsumerRecord::value).contains("v0", "v99");
	}

}
