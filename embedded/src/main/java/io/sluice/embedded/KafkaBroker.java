package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in its own JVM, started
 * from the {@code kafka_2.13} Maven artifact on this JVM's class path. Being a separate
 * process it can be stopped, killed and restarted like a production broker. Its log is
 * {@code kafka.log} in its directory.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final String LOGBACK = """
			<configuration>
			  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
			    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
			  </appender>
			  <logger name="org.apache.kafka" level="WARN"/>
			  <logger name="kafka" level="WARN"/>
			  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
			  <logger name="state.change.logger" level="WARN"/>
			  <root level="WARN"><appender-ref ref="out"/></root>
			</configuration>
			""";

	private final Path directory;

	private final int port;

	private final int controllerPort;

	private final String clusterId;

	private Process process;

	private KafkaBroker(Path directory, int port, int controllerPort, String clusterId) {
		this.directory = directory;
		this.port = port;
		this.controllerPort = controllerPort;
		this.clusterId = clusterId;
	}

	/**
	 * Starts a broker with its data in {@code directory}, listening on {@code port}, and
	 * waits until it answers.
	 * @param directory where the broker keeps its log segments, configuration and log
	 * file
	 * @param port the client port
	 * @param partitions the default partition count of new topics
	 * @return the running broker
	 */
	public static KafkaBroker start(Path directory, int port, int partitions) {
		KafkaBroker broker = new KafkaBroker(directory, port, FreePorts.find(), Uuid.randomUuid().toString());
		broker.writeConfiguration(partitions);
		broker.start();
		return broker;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Starts the broker process again after {@link #stop()} or {@link #kill()}, with its
	 * data.
	 */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("Kafka broker on port " + this.port + " is already running");
		}
		List<String> command = JavaProcesses.command("768m", KafkaBrokerMain.class,
				"-Dlogback.configurationFile=" + this.directory.resolve("logback.xml"));
		command.add(configFile().toString());
		command.add(this.clusterId);
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Kafka broker process", ex);
		}
		awaitReady();
	}

	/**
	 * Stops the broker gracefully (SIGTERM, controlled shutdown), killing it if it hangs.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		waitForExit(Duration.ofSeconds(30));
	}

	/** Kills the broker process at once ({@code kill -9}). */
	public synchronized void kill() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		waitForExit(Duration.ofSeconds(10));
	}

	public synchronized long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		stop();
	}

	private void waitForExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		awaitListening(deadline);
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000);
		try (Admin admin = Admin.create(config)) {
			while (Instant.now().isBefore(deadline)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"Kafka broker exited with code " + this.process.exitValue() + "; log:\n" + logTail());
				}
				try {
					admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
					return;
				}
				catch (Exception notYet) {
					// the broker is still starting: ask again until the deadline
				}
			}
		}
		throw new IllegalStateException(
				"Kafka broker did not answer within " + START_TIMEOUT.toSeconds() + " s; log:\n" + logTail());
	}

	private void awaitListening(Instant deadline) {
		while (Instant.now().isBefore(deadline) && this.process.isAlive()) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
				return;
			}
			catch (IOException notYet) {
				try {
					// the pause before the next try, cut short if the broker dies
					this.process.waitFor(100, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for the Kafka broker", ex);
				}
			}
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private Path configFile() {
		return this.directory.resolve("server.properties");
	}

	private Path logFile() {
		return this.directory.resolve("kafka.log");
	}

	private void writeConfiguration(int partitions) {
		String config = """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@127.0.0.1:%2$d
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				log.dirs=%3$s
				num.partitions=%4$d
				default.replication.factor=1
				min.insync.replicas=1
				offsets.topic.replication.factor=1
				offsets.topic.num.partitions=6
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				transaction.state.log.num.partitions=6
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				broker.session.timeout.ms=2000
				broker.heartbeat.interval.ms=500
				message.max.bytes=4194304
				log.flush.interval.messages=9223372036854775807
				""".formatted(this.port, this.controllerPort, this.directory.resolve("data"), partitions);
		try {
			Files.createDirectories(this.directory);
			Files.writeString(configFile(), config, StandardCharsets.UTF_8);
			Files.writeString(this.directory.resolve("logback.xml"), LOGBACK, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + configFile(), ex);
		}
	}

}
