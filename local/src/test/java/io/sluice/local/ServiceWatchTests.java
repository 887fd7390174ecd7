package io.sluice.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sluice.local.ServiceWatch.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceWatchTests {

	private static final Readiness READY = new Readiness(200, Map.of());

	private static final Readiness WAITING = new Readiness(503,
			Map.of("lease", "DOWN", "listeners", "DOWN", "readinessState", "UP"));

	private static final Readiness DATABASE_DOWN = new Readiness(503, Map.of("db", "DOWN", "readinessState", "UP"));

	private final ServiceWatch watch = new ServiceWatch(new ServiceProcess("worker-1", "java", Path.of("worker.jar"),
			Map.of(), 8082, 8083, Path.of("worker-1.log")), Status.STARTING);

	@Test
	void countsReadyAtOnce() {
		assertThat(this.watch.observe(Readiness.NO_ANSWER)).isFalse();
		assertThat(this.watch.observe(READY)).isTrue();
		assertThat(this.watch.status()).isEqualTo(Status.READY);
		assertThat(this.watch.hasSettled()).isTrue();
		assertThat(this.watch.statusLine()).matches("worker-1 +ready +http://127.0.0.1:8082/readyz");
	}

	@Test
	void showsWaitingForALeaseOnlyOnceTwoProbesInARowSeeIt() {
		assertThat(this.watch.observe(WAITING)).isFalse();
		assertThat(this.watch.observe(READY)).isTrue();
		assertThat(this.watch.observe(WAITING)).isFalse();
		assertThat(this.watch.status()).isEqualTo(Status.READY);
		assertThat(this.watch.observe(WAITING)).isTrue();
		assertThat(this.watch.status()).isEqualTo(Status.WAITING_FOR_LEASE);
		assertThat(this.watch.statusLine()).contains("waiting for a connection lease");
	}

	@Test
	void isStartingUntilReadyOrWaitingAndNotReadyAfter() {
		this.watch.observe(DATABASE_DOWN);
		this.watch.observe(DATABASE_DOWN);
		assertThat(this.watch.status()).isEqualTo(Status.STARTING);
		assertThat(this.watch.hasSettled()).isFalse();
		this.watch.observe(READY);
		this.watch.observe(DATABASE_DOWN);
		assertThat(this.watch.observe(DATABASE_DOWN)).isTrue();
		assertThat(this.watch.status()).isEqualTo(Status.NOT_READY);
	}

	@Test
	void countsExitsBeforeReadyAsFailedStartsInARow() {
		assertThat(this.watch.exited(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.watch.failedStartsInARow()).isEqualTo(1);
		assertThat(this.watch.hasSettled()).as("an exit settles the start").isTrue();
		assertThat(this.watch.statusLine()).contains("exited with code 1, starting again").contains("worker-1.log");
		assertThat(this.watch.isRestartPending()).isTrue();
		this.watch.restarted();
		assertThat(this.watch.exited(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.watch.failedStartsInARow()).isEqualTo(2);
		this.watch.restarted();
		this.watch.observe(READY);
		assertThat(this.watch.exited(137)).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.watch.failedStartsInARow()).isZero();
	}

}
