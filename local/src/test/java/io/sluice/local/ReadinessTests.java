package io.sluice.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness answers as a worker gives them: {@code /readyz} with
 * {@code show-components: always}.
 */
class ReadinessTests {

	private static final String READY = """
			{"components":{"db":{"status":"UP"},"kafka":{"status":"UP"},"lease":{"status":"UP"},\
			"listeners":{"status":"UP"},"readinessState":{"status":"UP"}},"status":"UP"}""";

	private static final String WAITING_FOR_LEASE = """
			{"components":{"db":{"status":"UP"},"kafka":{"status":"UP"},"lease":{"status":"DOWN"},\
			"listeners":{"status":"DOWN"},"readinessState":{"status":"UP"}},"status":"DOWN"}""";

	/**
	 * With {@code show-details: always}: each component's details come before its status.
	 */
	private static final String WAITING_FOR_LEASE_WITH_DETAILS = """
			{"components":{"db":{"details":{"database":"PostgreSQL","status":"the last lease request"},\
			"status":"UP"},"lease":{"details":{"connections":0,"waiting":"the fleet's budget of 5 connections \
			is taken","wanted":3},"status":"DOWN"},"listeners":{"status":"DOWN"},\
			"readinessState":{"status":"UP"}},"status":"DOWN"}""";

	private static final String STARTING = """
			{"components":{"db":{"status":"UP"},"kafka":{"status":"UP"},"lease":{"status":"DOWN"},\
			"listeners":{"status":"DOWN"},"readinessState":{"status":"OUT_OF_SERVICE"}},"status":"DOWN"}""";

	private static final String DATABASE_DOWN = """
			{"components":{"db":{"status":"DOWN"},"kafka":{"status":"UP"},"lease":{"status":"UP"},\
			"listeners":{"status":"UP"},"readinessState":{"status":"UP"}},"status":"DOWN"}""";

	@Test
	void isReadyWhenTheProbeAnswers200() {
		Readiness readiness = Readiness.of(200, READY);
		assertThat(readiness.isReady()).isTrue();
		assertThat(readiness.isWaitingForLease()).isFalse();
		assertThat(readiness.down()).isEmpty();
	}

	@Test
	void waitsForALeaseWhenOnlyTheLeaseKeepsAStartedWorkerDown() {
		Readiness readiness = Readiness.of(503, WAITING_FOR_LEASE);
		assertThat(readiness.isReady()).isFalse();
		assertThat(readiness.isWaitingForLease()).isTrue();
		assertThat(readiness.down()).containsExactly("lease DOWN", "listeners DOWN");
	}

	@Test
	void readsComponentsWhoseDetailsAreShown() {
		Readiness readiness = Readiness.of(503, WAITING_FOR_LEASE_WITH_DETAILS);
		assertThat(readiness.isWaitingForLease()).isTrue();
		assertThat(readiness.components()).containsEntry("db", "UP").containsEntry("lease", "DOWN");
	}

	@Test
	void doesNotWaitForALeaseWhileStillStarting() {
		assertThat(Readiness.of(503, STARTING).isWaitingForLease()).isFalse();
	}

	@Test
	void namesTheComponentsThatAreDown() {
		Readiness readiness = Readiness.of(503, DATABASE_DOWN);
		assertThat(readiness.isWaitingForLease()).isFalse();
		assertThat(readiness.down()).containsExactly("db DOWN");
	}

	@Test
	void knowsNothingWithoutAnAnswer() {
		assertThat(Readiness.NO_ANSWER.isReady()).isFalse();
		assertThat(Readiness.NO_ANSWER.isWaitingForLease()).isFalse();
		assertThat(Readiness.of(404, "<html>Not found</html>").down()).isEmpty();
	}

}
