package io.sluice.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScaleSettingsTests {

	@Test
	void measuresTwoAndTenMillisecondsWithOneToSixWorkersOfTwoThreadsByDefault() {
		ScaleSettings settings = ScaleSettings.of(Map.of("home", "/repo"));
		assertThat(settings.distancesMs()).containsExactly(2, 10);
		assertThat(settings.maxWorkers()).isEqualTo(6);
		assertThat(settings.workerConcurrency()).isEqualTo(2);
		assertThat(settings.repetitions()).isEqualTo(3);
		assertThat(settings.photos()).isEqualTo(100_000);
		assertThat(settings.out().toString()).isEqualTo("/repo/bench/target");
	}

	@Test
	void givesEveryWorkerItsFullLeaseUnderTheBudget() {
		assertThat(ScaleSettings.of(Map.of()).connectionBudget()).as("the workers' default budget").isEqualTo(20);
		assertThat(ScaleSettings.of(Map.of("max-workers", "4", "worker-concurrency", "1")).connectionBudget())
			.isEqualTo(10);
	}

	@Test
	void readsDistancesAndRefusesNegativeOnes() {
		assertThat(ScaleSettings.of(Map.of("distances", "0, 5,50")).distancesMs()).containsExactly(0, 5, 50);
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleSettings.of(Map.of("distances", "-1")))
			.withMessageContaining("--distances");
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleSettings.of(Map.of("distances", "far")))
			.withMessageContaining("--distances");
	}

	@Test
	void acceptsTheScaleOptionsOnTheCommandLine() {
		assertThat(SluiceBench.parse(
				new String[] { "--scenario=scale", "--distances=2,10", "--max-workers=6", "--worker-concurrency=2" }))
			.containsEntry("scenario", "scale")
			.containsEntry("distances", "2,10");
	}

}
