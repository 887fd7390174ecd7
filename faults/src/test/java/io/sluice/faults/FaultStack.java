package io.sluice.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.sluice.common.chunk.ChunkTopics;
import io.sluice.faults.hook.FreezeBeforeCommitDriver;
import io.sluice.faults.hook.FreezeInCopyDriver;
import io.sluice.faults.hook.HaltAfterCommitDriver;
import io.sluice.local.LocalSettings;
import io.sluice.local.LocalStack;
import io.sluice.local.ServiceProcess;
import io.sluice.embedded.Commands;
import io.sluice.embedded.Directories;
import io.sluice.embedded.EmbeddedInfrastructure;
import io.sluice.embedded.FreePorts;
import io.sluice.embedded.JavaProcesses;
import io.sluice.embedded.LatencyProxy;
import io.sluice.embedded.ProcessSignals;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import static org.awaitility.Awaitility.await;

/**
 * The whole system as separate processes, for faults: PostgreSQL, a Kafka broker that can
 * be killed and restarted, the API and the workers (the local launcher's stack), plus
 * what the suite needs to break and inspect them.
 */
final class FaultStack implements AutoCloseable {

	/** What a worker logs once it owns partitions of the main chunk topic. */
	private static final String MAIN_TOPIC_ASSIGNED = "partitions assigned: [sluice.photo-chunks-";

	/** The workers' consumer group. */
	static final String WORKER_GROUP = "sluice-workers";

	private final EmbeddedInfrastructure infrastructure;

	private final LocalStack stack;

	private final FaultClient client;

	private final Path directory;

	private LatencyProxy latency;

	private NioReactor proxyReactor;

	private TcpCrusher workerProxy;

	private FaultStack(EmbeddedInfrastructure infrastructure, LocalStack stack, Path directory) {
		this.infrastructure = infrastructure;
		this.stack = stack;
		this.directory = directory;
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
		return start(home, directory, 2, (stack) -> stack.withWorkerEnvironment(workerEnvironment));
	}

	/**
	 * Starts everything under {@code directory}: {@code workers} workers of 2 threads,
	 * the API with a pool of 4, 12 partitions.
	 * @param home the repository root (holds the api and worker jars)
	 * @param directory where data and logs go
	 * @param workers how many workers to start with
	 * @param configure settings of the API and the workers on top of the defaults
	 */
	static FaultStack start(Path home, Path directory, int workers, UnaryOperator<LocalStack> configure) {
		return start(home, directory, workers, null, configure);
	}

	/**
	 * Starts everything as {@link #start(Path, Path, int, UnaryOperator)} does, except
	 * that every worker reaches PostgreSQL through a {@link LatencyProxy} that delays
	 * every byte by {@code distance} each way (the API and the suite connect directly): a
	 * database that looks far away to the workers. {@link #latency()} changes the
	 * distance while the stack runs.
	 * @param home the repository root (holds the api and worker jars)
	 * @param directory where data and logs go
	 * @param workers how many workers to start with
	 * @param distance the one-way latency between the workers and PostgreSQL
	 * @param configure settings of the API and the workers on top of the defaults
	 */
	static FaultStack startFarFromTheWorkers(Path home, Path directory, int workers, Duration distance,
			UnaryOperator<LocalStack> configure) {
		return start(home, directory, workers, distance, configure);
	}

	private static FaultStack start(Path home, Path directory, int workers, Duration distance,
			UnaryOperator<LocalStack> configure) {
		Directories.deleteRecursively(directory);
		LocalSettings settings = LocalSettings.defaults(home, directory, "faults-" + UUID.randomUUID())
			.withApiPort(FreePorts.find())
			.withWorkers(workers);
		Path data = directory.resolve("data");
		EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(data, settings.partitions());
		LatencyProxy latency = (distance != null) ? LatencyProxy.inFrontOf(infrastructure.postgres(), distance) : null;
		LocalStack stack = new LocalStack(settings, infrastructure);
		if (latency != null) {
			stack.withWorkerEnvironment(Map.of("SPRING_DATASOURCE_URL", latency.jdbcUrl(infrastructure.jdbcUrl())));
		}
		stack = configure.apply(stack);
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			stack.close();
			if (latency != null) {
				latency.close();
			}
			infrastructure.close();
			throw ex;
		}
		FaultStack started = new FaultStack(infrastructure, stack, directory);
		started.latency = latency;
		return started;
	}

	/**
	 * The proxy between the workers and PostgreSQL of a stack started with
	 * {@link #startFarFromTheWorkers}.
	 * @throws IllegalStateException if the workers connect directly
	 */
	LatencyProxy latency() {
		if (this.latency == null) {
			throw new IllegalStateException("The workers of this stack connect to PostgreSQL directly");
		}
		return this.latency;
	}

	/** Where the stack keeps its data and logs. */
	Path directory() {
		return this.directory;
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

	/**
	 * What the API logged about its unexpected failures ({@code 500}s): each such line
	 * with the 40 lines after it.
	 */
	String apiUnexpectedFailures() {
		try {
			List<String> lines = Files.readAllLines(this.stack.api().log());
			StringBuilder failures = new StringBuilder();
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).contains("Unexpected failure in")) {
					lines.subList(i, Math.min(lines.size(), i + 41))
						.forEach((line) -> failures.append(line).append('\n'));
				}
			}
			return failures.isEmpty() ? "(none logged)" : failures.toString();
		}
		catch (IOException ex) {
			return "(the API's log cannot be read: " + ex + ")";
		}
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
		return terminateConnections(admin, "sluice-worker/%");
	}

	static int terminateConnections(Connection admin, String applicationNamePattern) {
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
		ProcessSignals.send(this.infrastructure.postgres().postmasterPid(), signal);
	}

	/**
	 * Takes every connection slot PostgreSQL has left but {@code spare}, so that a new
	 * connection beyond those is refused with 53300 ({@code sorry, too many clients
	 * already}).
	 * @param spare slots to leave free
	 * @return the held connections; close to give the slots back
	 */
	ConnectionHog hogConnections(int spare) {
		return ConnectionHog.takeEverySlotBut(this.infrastructure, spare);
	}

	/**
	 * A worker whose JDBC driver halts it right after a chunk commit, before the poll's
	 * offsets are committed, once {@code trigger} exists (see
	 * {@link HaltAfterCommitDriver}).
	 */
	ServiceProcess addWorkerHaltingAfterCommit(Path trigger) {
		return this.stack.addWorker(Map.of("SPRING_DATASOURCE_DRIVER_CLASS_NAME", HaltAfterCommitDriver.class.getName(),
				HaltAfterCommitDriver.TRIGGER_VARIABLE, trigger.toString()), hookClassPath());
	}

	/**
	 * A worker whose JDBC driver freezes it ({@code SIGSTOP}) just before a chunk commit,
	 * once {@code trigger} exists, after writing {@code marker} (see
	 * {@link FreezeBeforeCommitDriver}). It runs one consumer thread, so that the
	 * transaction at its commit is the only chunk transaction it has open when it
	 * freezes, and the case measures what {@code idle_in_transaction_session_timeout}
	 * bounds: with two, the other thread may freeze in the middle of a {@code COPY}, a
	 * session only the reclaim of its lease ends ({@link #addWorkerFreezingInCopy}).
	 */
	ServiceProcess addWorkerFreezingBeforeCommit(Path trigger, Path marker) {
		return this.stack.addWorker(
				Map.of("SPRING_DATASOURCE_DRIVER_CLASS_NAME", FreezeBeforeCommitDriver.class.getName(),
						FreezeBeforeCommitDriver.TRIGGER_VARIABLE, trigger.toString(),
						FreezeBeforeCommitDriver.MARKER_VARIABLE, marker.toString(), "SLUICE_WORKER_CONCURRENCY", "1"),
				hookClassPath());
	}

	/**
	 * A worker whose JDBC driver freezes it ({@code SIGSTOP}) once a chunk's {@code COPY}
	 * has started, before it sends the data, once {@code trigger} exists, after writing
	 * {@code marker} (see {@link FreezeInCopyDriver}). It runs one consumer thread, which
	 * is the fleet's budget's smallest lease.
	 */
	ServiceProcess addWorkerFreezingInCopy(Path trigger, Path marker) {
		return this.stack.addWorker(Map.of("SPRING_DATASOURCE_DRIVER_CLASS_NAME", FreezeInCopyDriver.class.getName(),
				FreezeInCopyDriver.TRIGGER_VARIABLE, trigger.toString(), FreezeInCopyDriver.MARKER_VARIABLE,
				marker.toString(), "SLUICE_WORKER_CONCURRENCY", "1"), hookClassPath());
	}

	/**
	 * Waits until the worker owns partitions of the main chunk topic. A case whose fault
	 * waits for this worker to write a chunk must wait for this first: otherwise the
	 * other workers can write every job of the case during the rebalance, and the fault
	 * never comes (soak rounds and a CI run met exactly that).
	 * @param worker a worker just added
	 */
	static void awaitChunkPartitions(ServiceProcess worker) {
		await().atMost(Duration.ofMinutes(1))
			.until(() -> worker.logTail(Integer.MAX_VALUE).contains(MAIN_TOPIC_ASSIGNED));
	}

	/**
	 * Where the suite's JDBC hook drivers are, to put on a worker's class path (see
	 * {@link io.sluice.faults.hook.ListenerCommitDriver}).
	 */
	static Path hookClassPath() {
		return codeSource(HaltAfterCommitDriver.class);
	}

	private static Path codeSource(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot locate " + type.getName(), ex);
		}
	}

	/**
	 * Replaces the workers with as many that reach PostgreSQL through a TCP proxy in this
	 * JVM, which {@link #freezeWorkerProxy()} can freeze. New workers stopped the same
	 * way later keep using the proxy only if added through this method.
	 * @return the new workers
	 */
	List<ServiceProcess> moveWorkersBehindAProxy() {
		URI database = URI.create(this.infrastructure.jdbcUrl().substring("jdbc:".length()));
		int port = FreePorts.find();
		try {
			this.proxyReactor = new NioReactor();
			this.workerProxy = TcpCrusherBuilder.builder()
				.withReactor(this.proxyReactor)
				.withBindAddress("127.0.0.1", port)
				.withConnectAddress(database.getHost(), database.getPort())
				.buildAndOpen();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open a proxy to PostgreSQL", ex);
		}
		String proxied = this.infrastructure.jdbcUrl()
			.replace("//" + database.getHost() + ":" + database.getPort(), "//127.0.0.1:" + port);
		List<ServiceProcess> direct = liveWorkers();
		List<ServiceProcess> behind = new ArrayList<>();
		for (int i = 0; i < direct.size(); i++) {
			behind.add(this.stack.addWorker(Map.of("SPRING_DATASOURCE_URL", proxied), null));
		}
		direct.forEach((worker) -> worker.stop(Duration.ofSeconds(30)));
		return behind;
	}

	/** Stops every byte through the workers' proxy, both ways, on every connection. */
	void freezeWorkerProxy() {
		this.workerProxy.freeze();
	}

	void unfreezeWorkerProxy() {
		this.workerProxy.unfreeze();
	}

	/**
	 * Adds a CHECK constraint that rejects (23514) every photo whose url contains
	 * {@code /poison/}, as a database rule a photo can break would. {@code NOT VALID}:
	 * rows already there are not checked.
	 */
	void rejectPoisonPhotos() {
		execute("ALTER TABLE photo ADD CONSTRAINT faults_no_poison CHECK (url NOT LIKE '%/poison/%') NOT VALID");
	}

	void acceptPoisonPhotos() {
		execute("ALTER TABLE photo DROP CONSTRAINT IF EXISTS faults_no_poison");
	}

	private void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql, ex);
		}
	}

	/** What the chunk ledger and the photo table hold for one job. */
	ChunkAccounting chunkAccounting(UUID jobId) {
		try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement("""
				SELECT j.chunk_count, j.chunks_done,
				       (SELECT count(*) FROM import_chunk c WHERE c.job_id = j.id),
				       (SELECT count(*) FROM import_chunk c WHERE c.job_id = j.id AND c.outcome = 'WRITTEN'),
				       (SELECT coalesce(sum(c.photo_count), 0) FROM import_chunk c WHERE c.job_id = j.id),
				       (SELECT coalesce(sum(c.written), 0) FROM import_chunk c WHERE c.job_id = j.id),
				       (SELECT count(*) FROM photo p WHERE p.job_id = j.id)
				FROM import_job j WHERE j.id = ?
				""")) {
			select.setObject(1, jobId);
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					throw new IllegalStateException("No job " + jobId);
				}
				return new ChunkAccounting(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getLong(5),
						row.getLong(6), row.getLong(7));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the chunk ledger of job " + jobId, ex);
		}
	}

	/** The outcome the chunk ledger records for one chunk, if it has a row. */
	Optional<String> chunkOutcome(UUID jobId, int chunkIndex) {
		try (Connection connection = connect();
				PreparedStatement select = connection
					.prepareStatement("SELECT outcome FROM import_chunk WHERE job_id = ? AND chunk_index = ?")) {
			select.setObject(1, jobId);
			select.setInt(2, chunkIndex);
			try (ResultSet row = select.executeQuery()) {
				return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the ledger row of chunk " + chunkIndex + " of job " + jobId,
					ex);
		}
	}

	/** The failed photos recorded for a job, by index: each with its SQLState. */
	Map<Integer, String> failedPhotos(UUID jobId) {
		Map<Integer, String> failed = new HashMap<>();
		try (Connection connection = connect();
				PreparedStatement select = connection
					.prepareStatement("SELECT photo_index, sqlstate FROM failed_photo WHERE job_id = ?")) {
			select.setObject(1, jobId);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					failed.put(rows.getInt(1), rows.getString(2));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the failed photos of job " + jobId, ex);
		}
		return failed;
	}

	/**
	 * How many lines of the API's and the workers' logs contain {@code text}, to show
	 * that a fault reached Sluice the way the case meant it to.
	 */
	long linesInLogs(String text) {
		try (Stream<Path> logs = Files.list(this.directory.resolve("logs"))) {
			long lines = 0;
			for (Path log : logs.toList()) {
				try (Stream<String> content = Files.lines(log, StandardCharsets.UTF_8)) {
					lines += content.filter((line) -> line.contains(text)).count();
				}
			}
			return lines;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the logs", ex);
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
	 * Moves the workers' committed offsets back to the start of the chunk topic with
	 * Kafka's own tool, as an operator would:
	 * {@code kafka-consumer-groups --reset-offsets
	 * --to-earliest}, first as a dry run, then with {@code --execute}. The group must
	 * have no members. The tool's output goes to {@code kafka-consumer-groups.log}.
	 */
	void resetWorkerOffsetsToEarliest() {
		for (String mode : List.of("--dry-run", "--execute")) {
			runConsumerGroupsTool("--bootstrap-server", this.infrastructure.bootstrapServers(), "--group", WORKER_GROUP,
					"--topic", ChunkTopics.PHOTO_CHUNKS, "--reset-offsets", "--to-earliest", mode);
		}
	}

	private void runConsumerGroupsTool(String... arguments) {
		List<String> command = JavaProcesses.command("256m", ConsumerGroupCommand.class);
		command.addAll(List.of(arguments));
		Commands.run(command, this.directory.resolve("logs").resolve("kafka-consumer-groups.log"),
				Duration.ofMinutes(2));
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

	Admin admin() {
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
		try {
			this.stack.close();
		}
		finally {
			if (this.workerProxy != null) {
				this.workerProxy.close();
				this.proxyReactor.close();
			}
			if (this.latency != null) {
				this.latency.close();
			}
			this.infrastructure.close();
		}
	}

}
