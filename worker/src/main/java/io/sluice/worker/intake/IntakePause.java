package io.sluice.worker.intake;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.sluice.common.db.DatabaseFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Stops chunk intake while the database is unavailable and starts it again as soon as it
 * answers. A chunk whose transient failures outlived the retry budget {@link #pause
 * pauses} every consumer thread of this worker, the express lane's included (they share
 * the database, so none could write either); a probe then asks the database
 * {@code SELECT 1} every {@code probe-interval} and resumes intake on the first answer.
 * While paused the consumers keep polling Kafka, so they keep their partitions, and
 * nothing is retried, logged per attempt or dead-lettered; the failed chunk is
 * redelivered after the resume.
 *
 * <p>
 * The probe borrows one connection of the worker's pool, which is idle while intake is
 * paused, so the connection budget holds.
 */
public class IntakePause implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(IntakePause.class);

	private final KafkaListenerEndpointRegistry registry;

	private final DataSource dataSource;

	private final Duration probeInterval;

	private final ScheduledExecutorService probe;

	private Instant pausedAt;

	private int probes;

	IntakePause(KafkaListenerEndpointRegistry registry, DataSource dataSource, Duration probeInterval) {
		this.registry = registry;
		this.dataSource = dataSource;
		this.probeInterval = probeInterval;
		this.probe = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "intake-probe");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Pauses intake, unless it is paused already, and starts probing the database.
	 * @param cause the failure that outlived the retry budget, for the log
	 */
	synchronized void pause(Throwable cause) {
		if (this.pausedAt != null) {
			return;
		}
		this.pausedAt = Instant.now();
		this.probes = 0;
		containers().forEach(MessageListenerContainer::pause);
		log.warn("Database unavailable beyond the retry budget, pausing chunk intake and probing it every {} ms: {}",
				this.probeInterval.toMillis(), DatabaseFailure.describe(cause));
		scheduleProbe();
	}

	/** Whether intake is paused now, waiting for the database. */
	public synchronized boolean isPaused() {
		return this.pausedAt != null;
	}

	private void scheduleProbe() {
		this.probe.schedule(this::probe, this.probeInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void probe() {
		synchronized (this) {
			if (this.pausedAt == null) {
				return;
			}
		}
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(Math.max(1, (int) this.probeInterval.toSeconds()));
			statement.execute("SELECT 1");
		}
		catch (SQLException | RuntimeException ex) {
			synchronized (this) {
				this.probes++;
				log.debug("Database still unavailable (probe {}): {}", this.probes, ex.toString());
			}
			scheduleProbe();
			return;
		}
		resume();
	}

	private synchronized void resume() {
		if (this.pausedAt == null) {
			return;
		}
		Duration paused = Duration.between(this.pausedAt, Instant.now());
		this.pausedAt = null;
		containers().forEach(MessageListenerContainer::resume);
		log.info("Database answered again after {} ms ({} failed probes), resuming chunk intake", paused.toMillis(),
				this.probes);
	}

	/**
	 * Forgets a pause without resuming intake, once intake has stopped because the worker
	 * lost its connection lease: the probe stops borrowing connections, and intake starts
	 * unpaused when the lease is granted again.
	 */
	synchronized void abandon() {
		if (this.pausedAt == null) {
			return;
		}
		this.pausedAt = null;
		containers().forEach(MessageListenerContainer::resume);
		log.info("Chunk intake stopped while paused for the database; no longer probing it");
	}

	private List<MessageListenerContainer> containers() {
		return ChunkIntake.containers(this.registry);
	}

	@Override
	public void destroy() {
		this.probe.shutdownNow();
	}

}
