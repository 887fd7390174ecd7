package io.sluice.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sluice.embedded.DevTokens;
import io.sluice.embedded.Directories;
import io.sluice.embedded.EmbeddedInfrastructure;
import io.sluice.embedded.FreePorts;
import io.sluice.embedded.Infrastructure;

/**
 * Everything Sluice needs, on this machine: PostgreSQL, a Kafka broker, the API and N
 * workers, each its own process. Data starts empty on every start. Given an existing
 * database and broker, it runs the API and the workers against them instead and leaves
 * their data alone.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	private final LocalSettings settings;

	private final List<ServiceProcess> workers = new CopyOnWriteArrayList<>();

	private final Infrastructure external;

	private EmbeddedInfrastructure embedded;

	private Infrastructure infrastructure;

	/** The API instances, the first on {@code --port}; empty until launched. */
	private final List<ServiceProcess> apis = new CopyOnWriteArrayList<>();

	private String token;

	private Instant tokenExpiresAt;

	private String adminToken;

	/**
	 * The key of the workers' webhook signatures: {@code SLUICE_WEBHOOK_SECRET} when set,
	 * otherwise a new one, written to the environment file for a local receiver to check
	 * signatures with.
	 */
	private final String webhookSecret = webhookSecret();

	private final Map<String, String> extraWorkerEnvironment = new HashMap<>();

	private final Map<String, String> extraApiEnvironment = new HashMap<>();

	private Path extraWorkerClassPath;

	private Path workerJar;

	/** Set under this stack's lock, which {@link #restart(ServiceProcess)} holds. */
	private volatile boolean closing;

	/**
	 * A stack that starts its own PostgreSQL and Kafka under the settings' directory.
	 * @param settings what to run
	 */
	public LocalStack(LocalSettings settings) {
		this(settings, null);
	}

	/**
	 * A stack whose API and workers use an existing database and broker, which it neither
	 * starts nor stops.
	 * @param settings what to run
	 * @param external the database and broker to use; {@code null} to start embedded ones
	 */
	public LocalStack(LocalSettings settings, Infrastructure external) {
		this.settings = settings;
		this.external = external;
	}

	/**
	 * Starts every part and waits until each is ready.
	 * @return this stack, running
	 * @throws IllegalStateException if a part exits or is not ready in time
	 */
	public LocalStack start() {
		launch();
		for (ServiceProcess worker : this.workers) {
			worker.awaitReady(READY_TIMEOUT);
			logger.info("{} ready on port {} (actuator on port {})", worker.name(), worker.port(),
					worker.managementPort());
		}
		return this;
	}

	/**
	 * Starts PostgreSQL, Kafka and the API, waits until the API is ready, and starts the
	 * workers without waiting for them: a worker may have to wait for a connection lease,
	 * and the launcher's {@link Supervisor} watches them from here on.
	 * @return this stack, its API ready
	 * @throws IllegalStateException if the API exits or is not ready in time
	 */
	public LocalStack launch() {
		Path apiJar = executableJar("api", "sluice-api");
		this.workerJar = executableJar("worker", "sluice-worker");
		for (int instance = 0; instance < this.settings.apiInstances(); instance++) {
			if (!FreePorts.isFree(this.settings.apiPort(instance))) {
				throw new IllegalStateException("Port " + this.settings.apiPort(instance)
						+ " is in use: stop what listens there, or pass --port=N to run the API elsewhere");
			}
		}
		if (this.external != null) {
			this.infrastructure = this.external;
			logger.info("Using PostgreSQL at {} and Kafka at {}", this.external.jdbcUrl(),
					this.external.bootstrapServers());
		}
		else {
			Path data = this.settings.directory().resolve("data");
			Directories.deleteRecursively(data);
			logger.info("Starting PostgreSQL and Kafka under {}", data);
			this.embedded = EmbeddedInfrastructure.start(data, this.settings.partitions());
			this.infrastructure = this.embedded;
			logger.info("PostgreSQL on port {}, Kafka on {}", this.embedded.postgres().port(),
					this.embedded.bootstrapServers());
		}

		Path logs = this.settings.directory().resolve("logs");
		for (int instance = 0; instance < this.settings.apiInstances(); instance++) {
			String name = (instance == 0) ? "api" : "api-" + (instance + 1);
			ServiceProcess api = new ServiceProcess(name, this.settings.javaExecutable(), apiJar, apiEnvironment(),
					this.settings.apiPort(instance), FreePorts.findOtherThan(takenPorts()),
					logs.resolve(name + ".log"));
			this.apis.add(api);
			api.start();
		}
		for (ServiceProcess api : this.apis) {
			api.awaitReady(READY_TIMEOUT);
			logger.info("{} ready on port {} (actuator on port {})", api.name(), api.port(), api.managementPort());
		}

		for (int i = 1; i <= this.settings.workers(); i++) {
			newWorker(Map.of(), null).start();
		}
		this.tokenExpiresAt = Instant.now().plus(DevTokens.MAX_TTL).truncatedTo(ChronoUnit.SECONDS);
		this.token = DevTokens.mint(this.settings.jwtSecret(), "local-user", DevTokens.MAX_TTL);
		this.adminToken = DevTokens.mint(this.settings.jwtSecret(), "local-operator", DevTokens.MAX_TTL,
				DevTokens.ADMIN_SCOPE);
		writeEnvironmentFile();
		return this;
	}

	/**
	 * Settings every worker started from now on gets on top of the stack's own, as
	 * environment variables (for example
	 * {@code SPRING_KAFKA_CONSUMER_MAX_POLL_INTERVAL}).
	 * @param environment variables by name
	 * @return this stack
	 */
	public LocalStack withWorkerEnvironment(Map<String, String> environment) {
		this.extraWorkerEnvironment.putAll(environment);
		return this;
	}

	/**
	 * Settings the API gets on top of the stack's own, as environment variables (for
	 * example {@code SLUICE_API_JOBS_CHUNKSIZE}); call before {@link #start()}.
	 * @param environment variables by name
	 * @return this stack
	 */
	public LocalStack withApiEnvironment(Map<String, String> environment) {
		this.extraApiEnvironment.putAll(environment);
		return this;
	}

	/**
	 * Code every worker started from now on gets ahead of its own class path (Spring
	 * Boot's {@code loader.path}), unless it is given its own; call before
	 * {@link #start()} for the first workers too.
	 * @param classPath a directory or jar
	 * @return this stack
	 */
	public LocalStack withWorkerClassPath(Path classPath) {
		this.extraWorkerClassPath = classPath;
		return this;
	}

	/**
	 * Starts one more worker and waits until it is ready.
	 * @return the new worker
	 */
	public ServiceProcess addWorker() {
		return addWorker(Map.of(), null);
	}

	/**
	 * Starts one more worker with settings of its own and, optionally, more code on its
	 * class path, and waits until it is ready.
	 * @param environment settings on top of every worker's
	 * @param extraClassPath a directory or jar put ahead of the worker's own class path,
	 * or {@code null}
	 * @return the new worker
	 */
	public ServiceProcess addWorker(Map<String, String> environment, Path extraClassPath) {
		ServiceProcess worker = startWorker(environment, extraClassPath);
		worker.awaitReady(READY_TIMEOUT);
		logger.info("{} ready on port {} (actuator on port {})", worker.name(), worker.port(), worker.managementPort());
		return worker;
	}

	/**
	 * Starts one more worker and returns at once, for a worker that may not become ready
	 * (one that waits for a connection lease, say).
	 * @param environment settings on top of every worker's
	 * @param extraClassPath a directory or jar put ahead of the worker's own class path,
	 * or {@code null}
	 * @return the new worker, starting
	 */
	public ServiceProcess startWorker(Map<String, String> environment, Path extraClassPath) {
		ServiceProcess worker = newWorker(environment, extraClassPath);
		worker.start();
		return worker;
	}

	/**
	 * Starts the (first) API instance again on its port, after it stopped or was killed,
	 * and waits until it is ready.
	 */
	public void restartApi() {
		ServiceProcess api = api();
		api.start();
		api.awaitReady(READY_TIMEOUT);
		logger.info("API ready again on port {}", api.port());
	}

	private ServiceProcess newWorker(Map<String, String> environment, Path extraClassPath) {
		String name = "worker-" + (this.workers.size() + 1);
		Map<String, String> workerEnvironment = workerEnvironment();
		workerEnvironment.putAll(environment);
		int port = FreePorts.findOtherThan(takenPorts());
		int managementPort = FreePorts
			.findOtherThan(IntStream.concat(IntStream.of(takenPorts()), IntStream.of(port)).toArray());
		ServiceProcess worker = new ServiceProcess(name, this.settings.javaExecutable(), this.workerJar,
				workerEnvironment, port, managementPort,
				this.settings.directory().resolve("logs").resolve(name + ".log"),
				(extraClassPath != null) ? extraClassPath : this.extraWorkerClassPath);
		this.workers.add(worker);
		return worker;
	}

	/**
	 * The ports handed out so far, and every API instance's: a port not yet bound is
	 * still free, and must not be handed out twice.
	 */
	private int[] takenPorts() {
		IntStream.Builder taken = IntStream.builder();
		for (int instance = 0; instance < this.settings.apiInstances(); instance++) {
			taken.add(this.settings.apiPort(instance));
		}
		Stream.concat(this.apis.stream(), this.workers.stream())
			.forEach((process) -> taken.add(process.port()).add(process.managementPort()));
		return taken.build().toArray();
	}

	public String apiUrl() {
		return "http://127.0.0.1:" + this.settings.apiPort();
	}

	/**
	 * A bearer token for the API, subject {@code local-user}, with the issuer and
	 * audience the API is started with, valid for 24 hours (the API's longest lifetime).
	 */
	public String token() {
		return this.token;
	}

	/** When {@link #token()} expires (to the second). */
	public Instant tokenExpiresAt() {
		return this.tokenExpiresAt;
	}

	/** The database and broker the API and the workers use. */
	public Infrastructure infrastructure() {
		return this.infrastructure;
	}

	/** The first API instance, on {@code --port}; {@code null} until launched. */
	public ServiceProcess api() {
		return this.apis.isEmpty() ? null : this.apis.get(0);
	}

	/** Every API instance, the first on {@code --port}, the others on the next ports. */
	public List<ServiceProcess> apis() {
		return List.copyOf(this.apis);
	}

	/** The base URL of every API instance, in port order. */
	public List<String> apiUrls() {
		return this.apis.stream().map((api) -> "http://127.0.0.1:" + api.port()).toList();
	}

	public List<ServiceProcess> workers() {
		return List.copyOf(this.workers);
	}

	public LocalSettings settings() {
		return this.settings;
	}

	Path environmentFile() {
		return this.settings.directory().resolve("local.env");
	}

	/**
	 * Starts again the API or a worker that exited, on the same port and appending to the
	 * same log, unless this stack is being closed; returns at once.
	 * @param process the API or one of the workers
	 * @return whether it was started; {@code false} once {@link #close()} has begun
	 */
	synchronized boolean restart(ServiceProcess process) {
		if (this.closing) {
			return false;
		}
		process.start();
		return true;
	}

	/** Whether {@link #close()} has begun. */
	boolean isClosing() {
		return this.closing;
	}

	/** A part that died on its own, if any; none while the stack is being closed. */
	public Optional<ServiceProcess> deadProcess() {
		if (this.closing) {
			return Optional.empty();
		}
		Optional<ServiceProcess> deadApi = this.apis.stream().filter((api) -> !api.isAlive()).findFirst();
		if (deadApi.isPresent()) {
			return deadApi;
		}
		return this.workers.stream().filter((worker) -> !worker.isAlive()).findFirst();
	}

	/**
	 * Stops the workers first, all at once, so that each gives back its connection lease
	 * while PostgreSQL still runs; then the API; then Kafka and PostgreSQL, if this stack
	 * started them. No part is started again from the first moment on.
	 */
	@Override
	public void close() {
		synchronized (this) {
			this.closing = true;
		}
		this.workers.forEach(ServiceProcess::requestStop);
		for (ServiceProcess worker : this.workers) {
			worker.close();
		}
		this.apis.forEach(ServiceProcess::requestStop);
		this.apis.forEach(ServiceProcess::close);
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

	private Map<String, String> commonEnvironment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("SPRING_DATASOURCE_URL", this.infrastructure.jdbcUrl());
		environment.put("SPRING_DATASOURCE_USERNAME", this.infrastructure.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", this.infrastructure.password());
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.infrastructure.bootstrapServers());
		environment.put("SLUICE_KAFKA_PARTITIONS", String.valueOf(this.settings.partitions()));
		// callbacks to a receiver on this machine, over plain http (ADR 0041)
		environment.put("SLUICE_WEBHOOK_ALLOW_PRIVATE", "true");
		return environment;
	}

	private Map<String, String> apiEnvironment() {
		Map<String, String> environment = commonEnvironment();
		environment.put("SLUICE_AUTH_JWT_SECRET", this.settings.jwtSecret());
		// the API checks both, so the printed token, minted to match, is all it accepts
		environment.put("SLUICE_AUTH_ISSUER", DevTokens.ISSUER);
		environment.put("SLUICE_AUTH_AUDIENCE", DevTokens.AUDIENCE);
		environment.put("SLUICE_API_POOLSIZE", String.valueOf(this.settings.apiPoolSize()));
		environment.putAll(this.extraApiEnvironment);
		return environment;
	}

	private Map<String, String> workerEnvironment() {
		Map<String, String> environment = commonEnvironment();
		environment.put("SLUICE_WORKER_CONCURRENCY", String.valueOf(this.settings.workerConcurrency()));
		environment.put("SLUICE_WEBHOOK_SECRET", this.webhookSecret);
		environment.putAll(this.extraWorkerEnvironment);
		return environment;
	}

	private static String webhookSecret() {
		String secret = System.getenv("SLUICE_WEBHOOK_SECRET");
		return (secret == null || secret.isBlank()) ? DevTokens.randomSecret() : secret;
	}

	private Path executableJar(String module, String artifact) {
		Path target = this.settings.home().resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(artifact + "-") && name.endsWith("-exec.jar");
			}).findFirst().orElseThrow(() -> missingJar(target));
		}
		catch (IOException ex) {
			throw missingJar(target);
		}
	}

	private static IllegalStateException missingJar(Path target) {
		return new IllegalStateException("No executable jar in " + target.toAbsolutePath()
				+ ": build first with ./mvnw package -DskipTests (./sluice-local does this for you)");
	}

	private void writeEnvironmentFile() {
		PostgresAddress postgres = PostgresAddress.of(this.infrastructure.jdbcUrl());
		String content = """
				# Written by the Sluice local launcher. Load it with: set -a; . %s; set +a
				SLUICE_API_URL=%s
				# Every API instance (--api-instances), comma-separated; the first is SLUICE_API_URL
				SLUICE_API_URLS=%s
				SLUICE_TOKEN=%s
				# An operator's token (scope sluice:admin) for /admin/albums: hand albums over, share them
				SLUICE_ADMIN_TOKEN=%s
				# The HS256 secret the API checks tokens with, for this local stack only: sluice token --sub NAME mints more
				SLUICE_AUTH_JWT_SECRET=%s
				SLUICE_KAFKA_BOOTSTRAP=%s
				# The key of the webhooks' Sluice-Signature: check callbacks received with it
				SLUICE_WEBHOOK_SECRET=%s
				PGHOST=%s
				PGPORT=%d
				PGUSER=%s
				PGDATABASE=%s
				# For Sluice's own commands, such as the dead-letter re-drive (java -jar sluice-worker.jar redrive)
				SPRING_DATASOURCE_URL=%s
				SPRING_DATASOURCE_USERNAME=%s
				SPRING_DATASOURCE_PASSWORD=%s
				SPRING_KAFKA_BOOTSTRAP_SERVERS=%s
				"""
			.formatted(environmentFile(), apiUrl(), String.join(",", apiUrls()), this.token, this.adminToken,
					this.settings.jwtSecret(), this.infrastructure.bootstrapServers(), this.webhookSecret,
					postgres.host(), postgres.port(), this.infrastructure.username(), postgres.database(),
					this.infrastructure.jdbcUrl(), this.infrastructure.username(),
					(this.infrastructure.password() != null) ? this.infrastructure.password() : "",
					this.infrastructure.bootstrapServers());
		try {
			Files.writeString(environmentFile(), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + environmentFile(), ex);
		}
	}

}
