package io.sluice.worker.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.worker.reconcile.Reconciler.Tick;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.awaitility.Awaitility.await;

/**
 * A reconciler for tests in other packages: real statements on a real database and real
 * questions to a real broker, but its own clock, moved by the test, so that hours of
 * watching take milliseconds. Its timeouts are {@link #PROPERTIES}.
 */
public final class TestReconciler {

	/**
	 * Tick every 10 s; PENDING fails after 1 min, stalls warn after 2 min, fail after 5;
	 * Kafka gets 3 s of real time per tick.
	 */
	public static final ReconcilerSettings PROPERTIES = new ReconcilerSettings(Duration.ofSeconds(10),
			Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(3));

	/** The advisory lock key of every reconciler. */
	public static final long LOCK_KEY = OpenJobs.LOCK_KEY;

	/**
	 * Kafka clients by broker and group, shared by test reconcilers: they hold no watch.
	 */
	private static final Map<String, ChunkTopicOffsets> offsets = new HashMap<>();

	private final MovableClock clock = new MovableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Reconciler reconciler;

	private TestReconciler(DataSource dataSource, ChunkTopicOffsets offsets) {
		ReconcilerProperties properties = new ReconcilerProperties(true, PROPERTIES.interval(),
				PROPERTIES.pendingTimeout(), PROPERTIES.stallWarning(), PROPERTIES.stallTimeout(),
				PROPERTIES.kafkaTimeout());
		this.reconciler = new Reconciler(new DataSourceTransactionManager(dataSource),
				new OpenJobs(JdbcClient.create(dataSource)), offsets, properties, this.clock, this.meters);
	}

	/**
	 * A reconciler with its own memory and clock, as in one more worker.
	 * @param dataSource the database
	 * @param bootstrapServers the broker
	 * @param workerGroup the consumer group of the workers whose offsets it reads
	 */
	public static TestReconciler on(DataSource dataSource, String bootstrapServers, String workerGroup) {
		ChunkTopicOffsets shared;
		synchronized (offsets) {
			shared = offsets.computeIfAbsent(bootstrapServers + "/" + workerGroup,
					(key) -> ChunkTopicOffsets.connect(
							Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
							Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), workerGroup,
							PROPERTIES.kafkaTimeout()));
		}
		return new TestReconciler(dataSource, shared);
	}

	/**
	 * One tick, retried while another reconciler (the worker's own) holds the lock.
	 * @return how many jobs it failed
	 */
	public int tick() {
		return await().atMost(Duration.ofSeconds(30))
			.until(this.reconciler::tick, (tick) -> tick.outcome() == Tick.Outcome.ACTED)
			.failed();
	}

	/**
	 * One tick as it comes, lock busy or not.
	 * @return how many jobs it failed, or -1 if another reconciler held the lock
	 */
	public int tickOnce() {
		Tick tick = this.reconciler.tick();
		return (tick.outcome() == Tick.Outcome.ACTED) ? tick.failed() : -1;
	}

	/**
	 * Keeps watching for a while: moves the clock one interval at a time, ticking after
	 * each step, as a reconciler running without interruption would.
	 * @return how many jobs it failed meanwhile
	 */
	public int watchFor(Duration duration) {
		int failed = 0;
		for (Duration watched = Duration.ZERO; watched.compareTo(duration) < 0; watched = watched
			.plus(PROPERTIES.interval())) {
			this.clock.advance(PROPERTIES.interval());
			failed += tick();
		}
		return failed;
	}

	/**
	 * Starts watching and keeps at it until one more interval would reach the timeout:
	 * the last tick before a verdict.
	 */
	public void watchJustShortOf(Duration timeout) {
		tick();
		watchFor(timeout.minus(PROPERTIES.interval()));
	}

	/** Moves the clock without ticking, as while the reconciler was stopped. */
	public void pauseFor(Duration duration) {
		this.clock.advance(duration);
	}

	/** The {@value Reconciler#STALLED_GAUGE} gauge after the latest tick. */
	public double stalledGauge() {
		return this.meters.get(Reconciler.STALLED_GAUGE).gauge().value();
	}

	/**
	 * The timeouts of every test reconciler.
	 *
	 * @param interval its interval
	 * @param pendingTimeout its pending timeout
	 * @param stallWarning its stall warning
	 * @param stallTimeout its stall timeout
	 * @param kafkaTimeout the real time one tick may wait for Kafka
	 */
	public record ReconcilerSettings(Duration interval, Duration pendingTimeout, Duration stallWarning,
			Duration stallTimeout, Duration kafkaTimeout) {

	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2030-01-01T00:00:00Z");

		synchronized void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public synchronized Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
