package io.sluice.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sluice.common.chunk.ChunkTopics;
import io.sluice.local.LocalSettings;
import io.sluice.local.LocalStack;
import io.sluice.local.ServiceProcess;
import io.sluice.testing.Directories;
import io.sluice.testing.EmbeddedInfrastructure;
import io.sluice.testing.FreePorts;
import io.sluice.testing.ProcessSignals;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole system as separate processes, for faults: PostgreSQL, a Kafka broker that can
 * be killed and restarted, the API and the workers (the local launcher's stack), plus
 * what the suite needs to break and inspect them.
 */
final class FaultStack implements AutoCloseable {

	/** The workers' consumer group. */
	static final String WORKER_GROUP = "sluice-workers";

	private final EmbeddedInfrastructure infrastructure;

	private final LocalStack stack;

	private final FaultClient client;

	private final Path postgresData;

	private FaultStack(EmbeddedInfrastructure infrastructure, LocalStack stack, Path postgresData) {
		this.infrastructure = infrastructure;
		this.stack = stack;
		this.postgresData = postgresData;
		this.client = new FaultClient(stack.apiUrl(), stack.token());
	}

	/**
	 * Starts everything under {@code directory}: 2 workers of 2 threads, the API with a
	 * pool of 4, 12 partitions.
	 * @param home the repository root (holds the api and worker jars)
	 * @param directory where data and logs go
	 * @param workerEnvironment settings every worker gets on top of the defaults
	 */
	static FaultStack start(Path home, Path directory, Map<String, String> workerEnvironment) {
		Directories.deleteRecursively(directory);
		LocalSettings settings = LocalSettings.defaults(home, directory, "faults-" + UUID.randomUUID())
			.withApiPort(FreePorts.find());
		Path data = directory.resolve("data");
		EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(data, settings.partitions());
		LocalStack stack = new LocalStack(settings, infrastructure).withWorkerEnvironment(workerEnvironment);
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			stack.close();
			infrastructure.close();
			throw ex;
		}
		return new FaultStack(infrastructure, stack, data.resolve("postgres"));
	}

	FaultClient client() {
		return this.client;
	}

	EmbeddedInfrastructure infrastructure() {
		return this.infrastructure;
	}

	LocalStack stack() {
		return this.stack;
	}

	/** The workers still running. */
	List<ServiceProcess> liveWorkers() {
		return this.stack.workers().stream().filter(ServiceProcess::isAlive).toList();
	}

	/**
	 * The connection cap of the fleet as it runs now: the API's pool plus each worker's.
	 */
	int connectionCap() {
		LocalSettings settings = this.stack.settings();
		return settings.apiPoolSize() + liveWorkers().size() * (settings.workerConcurrency() + 1);
	}

	/** Rows in one album of the photo table. */
	int photosInAlbum(long albumId) {
		try (Connection connection = connect();
				PreparedStatement count = connection
					.prepareStatement("SELECT count(*) FROM photo WHERE album_id = ?")) {
			count.setLong(1, albumId);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not count album " + albumId, ex);
		}
	}

	/** {@code pg_terminate_backend} on every connection of the API and the workers. */
	int terminateSluiceConnections() {
		try (Connection admin = connect()) {
			return terminateConnections(admin, "sluice-%");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not terminate Sluice's connections", ex);
		}
	}

	/**
	 * {@code pg_terminate_backend} on every worker connection, through a connection the
	 * caller opened before (new ones cannot be opened while the postmaster is frozen).
	 */
	int terminateWorkerConnections(Connection admin) {
		return terminateConnections(admin, "sluice-worker");
	}

	private static int terminateConnections(Connection admin, String applicationNamePattern) {
		try (PreparedStatement terminate = admin.prepareStatement("SELECT count(*) FILTER "
				+ "(WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE ?")) {
			terminate.setString(1, applicationNamePattern);
			try (ResultSet killed = terminate.executeQuery()) {
				killed.next();
				return killed.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not terminate connections of " + applicationNamePattern, ex);
		}
	}

	/**
	 * Sends PostgreSQL's postmaster (not its backends) a signal, for example
	 * {@code STOP}: open connections keep working, new ones hang in the handshake.
	 */
	void signalPostmaster(String signal) {
		try {
			long pid = Long.parseLong(Files.readAllLines(this.postgresData.resolve("postmaster.pid")).get(0).trim());
			ProcessSignals.send(pid, signal);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the postmaster's pid", ex);
		}
	}

	/** Records on the dead-letter topic whose key names one of the jobs. */
	List<ConsumerRecord<String, byte[]>> deadLettersOf(List<UUID> jobs) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
			List<TopicPartition> partitions = partitions(consumer, ChunkTopics.DEAD_LETTER);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key() != null
							&& jobs.stream().anyMatch((job) -> record.key().startsWith(job.toString()))) {
						found.add(record);
					}
				}
			}
		}
		return found;
	}

	/** Publishes a raw record to the chunk topic, as a misbehaving producer could. */
	void publishRaw(String key, byte[] value) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(ChunkTopics.PHOTO_CHUNKS, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not publish " + key, ex);
		}
	}

	/**
	 * Moves the workers' committed offsets back to the start of every chunk partition, as
	 * {@code kafka-consumer-groups --reset-offsets --to-earliest --execute} does. The
	 * group must have no members.
	 */
	void resetWorkerOffsetsToEarliest() {
		try (Admin admin = admin()) {
			List<TopicPartition> partitions = new ArrayList<>();
			admin.describeTopics(List.of(ChunkTopics.PHOTO_CHUNKS))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(ChunkTopics.PHOTO_CHUNKS)
				.partitions()
				.forEach((info) -> partitions.add(new TopicPartition(ChunkTopics.PHOTO_CHUNKS, info.partition())));
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			partitions.forEach((partition) -> earliest.put(partition, OffsetSpec.earliest()));
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			admin.listOffsets(earliest)
				.all()
				.get(30, TimeUnit.SECONDS)
				.forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
			admin.alterConsumerGroupOffsets(WORKER_GROUP, offsets).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not reset the workers' offsets", ex);
		}
	}

	/**
	 * Whether the workers' committed offsets have passed the last record of every chunk
	 * partition. Not the log's end: a transactional topic ends in a commit marker, which
	 * the workers never commit past.
	 */
	boolean workersCaughtUp() {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(WORKER_GROUP)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			return lastRecordOffsets().entrySet()
				.stream()
				.allMatch((last) -> committed.get(last.getKey()) != null
						&& committed.get(last.getKey()).offset() > last.getValue());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	/** The offset of the last committed record of each chunk partition that has any. */
	private Map<TopicPartition, Long> lastRecordOffsets() {
		Map<TopicPartition, Long> last = new HashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
			List<TopicPartition> partitions = partitions(consumer, ChunkTopics.PHOTO_CHUNKS);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					last.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
				}
			}
		}
		return last;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.infrastructure.jdbcUrl(), this.infrastructure.username(),
				this.infrastructure.password());
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.bootstrapServers()));
	}

	private KafkaConsumer<String, byte[]> consumer(String group) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.bootstrapServers());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ChunkTopics.MAX_RECORD_BYTES);
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
			partitions.add(new TopicPartition(info.topic(), info.partition()));
		}
		return partitions;
	}

	@Override
	public void close() {
		this.stack.close();
		this.infrastructure.close();
	}

}
