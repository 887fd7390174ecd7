package io.sluice.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import io.sluice.embedded.ProcessSignals;

/**
 * One Sluice application (the API or a worker) running as its own JVM from its executable
 * jar, with its output in a log file, its readiness read from {@code /readyz} on its
 * port, and its actuator ({@code /actuator/prometheus}, {@code /actuator/health}) on a
 * management port of its own.
 */
public final class ServiceProcess implements AutoCloseable {

	/**
	 * Each service's heap. Serial GC (one collector thread: the machine's cores are
	 * shared with PostgreSQL and Kafka) with a young generation large enough for several
	 * 100,000-photo requests (about 100 MB of garbage each): a young collection copies
	 * whatever is live when it runs, and with the JVM's default young generation (a third
	 * of a 512 MB heap) it ran in the middle of nearly every large request, copying that
	 * request's ~100 MB of live data for 120-170 ms on the request's critical path. See
	 * docs/adr/0012.
	 */
	static final String MAX_HEAP = "1g";

	/** See {@link #MAX_HEAP}. */
	static final String YOUNG_GENERATION = "512m";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final String java;

	private final Path jar;

	private final Map<String, String> environment;

	private final int port;

	private final int managementPort;

	private final Path log;

	private final Path extraClassPath;

	private volatile Process process;

	private volatile Instant startedAt;

	private List<String> command = List.of();

	ServiceProcess(String name, String java, Path jar, Map<String, String> environment, int port, int managementPort,
			Path log) {
		this(name, java, jar, environment, port, managementPort, log, null);
	}

	/**
	 * A service whose class path gains {@code extraClassPath} ahead of the jar's own, for
	 * code that must run inside the service (the fault suite's hooks).
	 */
	ServiceProcess(String name, String java, Path jar, Map<String, String> environment, int port, int managementPort,
			Path log, Path extraClassPath) {
		this.name = name;
		this.java = java;
		this.jar = jar;
		this.environment = environment;
		this.port = port;
		this.managementPort = managementPort;
		this.log = log;
		this.extraClassPath = extraClassPath;
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	/** The actuator's port: {@code /actuator/prometheus} and {@code /actuator/health}. */
	public int managementPort() {
		return this.managementPort;
	}

	/** Where Prometheus scrapes this service. */
	String metricsUrl() {
		return "http://127.0.0.1:" + this.managementPort + "/actuator/prometheus";
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	/** The exit code of the JVM last started, if it has exited. */
	OptionalInt exitCode() {
		Process last = this.process;
		return (last != null && !last.isAlive()) ? OptionalInt.of(last.exitValue()) : OptionalInt.empty();
	}

	/** How long ago the JVM was last started. */
	Duration sinceStart() {
		return (this.startedAt != null) ? Duration.between(this.startedAt, Instant.now()) : Duration.ZERO;
	}

	/** Starts the JVM; returns at once. */
	synchronized void start() {
		List<String> command = new ArrayList<>(List.of(this.java, "-Xmx" + MAX_HEAP, "-Xmn" + YOUNG_GENERATION,
				"-XX:+UseSerialGC", "-Dsluice.process.name=" + this.name));
		if (this.extraClassPath == null) {
			command.addAll(List.of("-jar", this.jar.toString()));
		}
		else {
			// Spring Boot's PropertiesLauncher reads the same jar and puts loader.path
			// first
			command.addAll(List.of("-Dloader.path=" + this.extraClassPath, "-cp", this.jar.toString(),
					"org.springframework.boot.loader.launch.PropertiesLauncher"));
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().putAll(this.environment);
		builder.environment().put("SERVER_PORT", String.valueOf(this.port));
		// the actuator answers without a token: on this machine only
		builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(this.managementPort));
		builder.environment().put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
		try {
			Files.createDirectories(this.log.getParent());
			this.command = List.copyOf(command);
			this.startedAt = Instant.now();
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name + " from " + this.jar, ex);
		}
	}

	/**
	 * Waits until {@code /readyz} answers 200.
	 * @param timeout how long to wait
	 * @throws IllegalStateException if the process dies or the time runs out, with its
	 * log's tail
	 */
	public void awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!isAlive()) {
				throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue()
						+ "; last lines of " + this.log + ":\n" + logTail(40));
			}
			if (isReady()) {
				return;
			}
			awaitExit(POLL_INTERVAL);
		}
		throw new IllegalStateException(this.name + " was not ready within " + timeout.toSeconds()
				+ " s; last lines of " + this.log + ":\n" + logTail(40));
	}

	/**
	 * Asks {@code /readyz} once.
	 * @return whether it answered 200; {@code false} if it answered otherwise or not at
	 * all
	 */
	public boolean isReady() {
		return readiness().isReady();
	}

	/**
	 * Asks {@code /readyz} once.
	 * @return its answer, {@link Readiness#NO_ANSWER} if there was none
	 */
	Readiness readiness() {
		HttpRequest probe = HttpRequest.newBuilder(URI.create(readinessUrl())).timeout(Duration.ofSeconds(2)).build();
		try {
			HttpResponse<String> answer = HTTP.send(probe, HttpResponse.BodyHandlers.ofString());
			return Readiness.of(answer.statusCode(), answer.body());
		}
		catch (IOException notYet) {
			return Readiness.NO_ANSWER;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while probing " + this.name, ex);
		}
	}

	/** Where this service answers its readiness probe. */
	String readinessUrl() {
		return "http://127.0.0.1:" + this.port + "/readyz";
	}

	/**
	 * Asks the JVM to stop (SIGTERM) and returns at once; {@link #stop(Duration)} waits
	 * for it.
	 */
	synchronized void requestStop() {
		if (this.process != null) {
			this.process.destroy();
		}
	}

	/** Stops the JVM gracefully (SIGTERM), killing it if it has not exited in time. */
	public synchronized void stop(Duration grace) {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Kills the JVM at once ({@code kill -9}) and waits until it is gone. */
	public synchronized void kill() {
		if (this.process != null) {
			try {
				this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Sends the JVM a signal with {@code kill}, for example {@code STOP} to freeze it and
	 * {@code CONT} to thaw it.
	 * @param signal the signal's name without {@code SIG}
	 */
	public void signal(String signal) {
		ProcessSignals.send(pid(), signal);
	}

	@Override
	public void close() {
		stop(Duration.ofSeconds(30));
	}

	/**
	 * The last lines of this service's log; never empty: without a line to show it says
	 * why, and shows the command line and whether the process runs or how it exited.
	 * @param lines how many lines at most
	 * @return the lines, or what is known instead
	 */
	public String logTail(int lines) {
		String missing;
		try {
			List<String> tail = LogTail.read(this.log, lines);
			if (!tail.isEmpty()) {
				return String.join("\n", tail);
			}
			missing = "is empty: " + this.name + " has written nothing";
		}
		catch (NoSuchFileException ex) {
			missing = "does not exist: " + this.name + " has written nothing";
		}
		catch (IOException ex) {
			missing = "cannot be read (" + ex + ")";
		}
		String command = this.command.isEmpty() ? "" : "\n  command: " + String.join(" ", this.command);
		return "(the log " + this.log + " " + missing + ")" + command + "\n  " + state();
	}

	/** Whether the JVM last started runs, or how it exited. */
	private String state() {
		Process last = this.process;
		if (last == null) {
			return "never started";
		}
		String since = " (started " + sinceStart().toSeconds() + " s ago)";
		return last.isAlive() ? "pid " + last.pid() + ", running" + since
				: "pid " + last.pid() + ", exited with code " + last.exitValue() + since;
	}

	/**
	 * Waits up to {@code timeout} for the process to exit: the pause between two
	 * readiness probes, cut short if the process dies.
	 */
	private void awaitExit(Duration timeout) {
		try {
			this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
		}
	}

}
