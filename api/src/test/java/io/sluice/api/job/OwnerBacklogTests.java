package io.sluice.api.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerBacklogTests {

	private static final long CAP = 300_000;

	private static final int EXPECTED_RATE = 5_000;

	@Test
	void admitsAJobThatFillsTheCapExactly() {
		OwnerBacklog backlog = new OwnerBacklog(200_000, 0, 10);

		assertThat(backlog.admits(100_000, CAP)).isTrue();
		assertThat(backlog.admits(100_001, CAP)).isFalse();
		assertThat(new OwnerBacklog(0, 0, 0).admits(100_000, CAP)).isTrue();
	}

	@Test
	void waitsForTheExcessToDrainAtTheMeasuredRate() {
		// 50,000 photos processed in 100 s: 500 photos/s; the new job needs 20,000 to
		// drain
		OwnerBacklog backlog = new OwnerBacklog(270_000, 50_000, 100);

		assertThat(backlog.drainRate(EXPECTED_RATE)).isEqualTo(500.0);
		assertThat(backlog.secondsUntilRoomFor(50_000, CAP, EXPECTED_RATE)).isEqualTo(40);
		assertThat(backlog.secondsUntilRoomFor(30_001, CAP, EXPECTED_RATE)).as("rounded up").isEqualTo(1);
		assertThat(backlog.secondsUntilRoomFor(30_501, CAP, EXPECTED_RATE)).isEqualTo(2);
	}

	@Test
	void assumesTheExpectedRateUntilAPhotoHasBeenProcessed() {
		OwnerBacklog backlog = new OwnerBacklog(300_000, 0, 30);

		assertThat(backlog.drainRate(EXPECTED_RATE)).isEqualTo(5_000.0);
		assertThat(backlog.secondsUntilRoomFor(100_000, CAP, EXPECTED_RATE)).isEqualTo(20);
	}

	@Test
	void boundsTheWaitToBetweenASecondAndAnHour() {
		OwnerBacklog fast = new OwnerBacklog(299_999, 1_000_000, 1);
		OwnerBacklog stuck = new OwnerBacklog(300_000, 1, 86_400);

		assertThat(fast.secondsUntilRoomFor(2, CAP, EXPECTED_RATE)).isEqualTo(1);
		assertThat(stuck.secondsUntilRoomFor(100_000, CAP, EXPECTED_RATE)).isEqualTo(3_600);
	}

}
