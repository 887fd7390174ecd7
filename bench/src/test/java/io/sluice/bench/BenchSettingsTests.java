package io.sluice.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchSettingsTests {

	@Test
	void defaultsToThreeSizesThreeTimesOnEmbeddedInfrastructure() {
		BenchSettings settings = BenchSettings.of(Map.of("home", "/repo"), Map.of());
		assertThat(settings.sizes()).containsExactly(1_000, 10_000, 100_000);
		assertThat(settings.repetitions()).isEqualTo(3);
		assertThat(settings.fairnessJobPhotos()).isEqualTo(100_000);
		assertThat(settings.out()).isEqualTo(Path.of("/repo/bench/target"));
		assertThat(settings.external()).isNull();
	}

	@Test
	void smokeRunsOneThousandPhotosOnceWithASmallerFairnessJob() {
		BenchSettings settings = BenchSettings.of(Map.of("smoke", "true", "out", "/tmp/x"), Map.of());
		assertThat(settings.sizes()).containsExactly(1_000);
		assertThat(settings.repetitions()).isEqualTo(1);
		assertThat(settings.fairnessJobPhotos()).isEqualTo(10_000);
		assertThat(settings.out()).isEqualTo(Path.of("/tmp/x"));
	}

	@Test
	void readsSizesAndRepetitions() {
		BenchSettings settings = BenchSettings.of(Map.of("sizes", "500, 20_000", "repetitions", "5"), Map.of());
		assertThat(settings.sizes()).isEqualTo(List.of(500, 20_000));
		assertThat(settings.repetitions()).isEqualTo(5);
	}

	@Test
	void runsTheChosenVariantsInReportOrder() {
		BenchSettings settings = BenchSettings.of(Map.of("variants", "sluice, ceiling"), Map.of());
		assertThat(settings.variants()).containsExactly("ceiling", "sluice");
		assertThat(BenchSettings.of(Map.of(), Map.of()).variants()).containsExactly("ceiling", "tuned-batch", "naive",
				"sluice");
	}

	@Test
	void refusesVariantsWithoutTheCeilingOrUnknownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("variants", "sluice"), Map.of()))
			.withMessageContaining("must include ceiling");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.of(Map.of("variants", "ceiling,fast"), Map.of()))
			.withMessageContaining("'fast' is not one of ceiling, tuned-batch, naive, sluice");
	}

	@Test
	void warmsSluiceUpWithFullSizeJobsExceptInTheSmokeRun() {
		assertThat(BenchSettings.of(Map.of(), Map.of()).sluiceWarmUpJobs()).isEqualTo(8);
		assertThat(BenchSettings.of(Map.of("smoke", "true"), Map.of()).sluiceWarmUpJobs()).isZero();
		assertThat(BenchSettings.of(Map.of("warm-up-jobs", "0"), Map.of()).sluiceWarmUpJobs()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("warm-up-jobs", "-1"), Map.of()))
			.withMessageContaining("--warm-up-jobs");
	}

	@Test
	void refusesSizesOneJobCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("sizes", "200000"), Map.of()))
			.withMessageContaining("between 1 and 100000");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("sizes", "ten"), Map.of()))
			.withMessageContaining("'ten'");
	}

	@Test
	void usesAnExistingDatabaseAndBrokerFromTheEnvironment() {
		BenchSettings settings = BenchSettings.of(Map.of(),
				Map.of("SLUICE_BENCH_JDBC_URL", "jdbc:postgresql://db:5432/sluice", "SLUICE_BENCH_USER", "bench",
						"SLUICE_BENCH_PASSWORD", "secret", "SLUICE_BENCH_KAFKA_BOOTSTRAP", "kafka:9092"));
		assertThat(settings.external().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/sluice");
		assertThat(settings.external().username()).isEqualTo("bench");
		assertThat(settings.external().password()).isEqualTo("secret");
		assertThat(settings.external().bootstrapServers()).isEqualTo("kafka:9092");
		assertThat(settings.external().toString()).doesNotContain("secret");
	}

	@Test
	void refusesHalfAnExternalSetup() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.of(Map.of(), Map.of("SLUICE_BENCH_JDBC_URL", "jdbc:postgresql://db/x")))
			.withMessageContaining("SLUICE_BENCH_KAFKA_BOOTSTRAP");
	}

	@Test
	void runsBothScenariosWithEverythingElseUnlessOnlyOneIsAskedFor() {
		BenchSettings all = BenchSettings.of(Map.of(), Map.of());
		assertThat(all.only()).isNull();
		assertThat(all.submitsOnly()).isFalse();
		assertThat(all.watchersOnly()).isFalse();
		assertThat(all.submitJobsPerOwner()).isEqualTo(40);
		assertThat(all.watchers()).isEqualTo(1_000);
		BenchSettings smoke = BenchSettings.of(Map.of("smoke", "true"), Map.of());
		assertThat(smoke.submitJobsPerOwner()).isEqualTo(2);
		assertThat(smoke.watchers()).isEqualTo(20);

		BenchSettings submits = BenchSettings
			.of(SluiceBench.parse(new String[] { "--only=submits", "--submit-jobs=5" }), Map.of());
		assertThat(submits.submitsOnly()).isTrue();
		assertThat(submits.watchersOnly()).isFalse();
		assertThat(submits.submitJobsPerOwner()).isEqualTo(5);
		BenchSettings watchers = BenchSettings
			.of(SluiceBench.parse(new String[] { "--only=watchers", "--watchers=50" }), Map.of());
		assertThat(watchers.watchersOnly()).isTrue();
		assertThat(watchers.submitsOnly()).isFalse();
		assertThat(watchers.watchers()).isEqualTo(50);
	}

	@Test
	void refusesUnknownScenariosAndWatchersOnlyWithoutWatchers() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("only", "fairness"), Map.of()))
			.withMessageContaining("--only takes 'submits' or 'watchers', not 'fairness'");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("only", "true"), Map.of()))
			.withMessageContaining("not 'true'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.of(Map.of("only", "watchers", "watchers", "0"), Map.of()))
			.withMessageContaining("--only=watchers needs at least one watcher");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("watchers", "1001"), Map.of()))
			.withMessageContaining("--watchers must be between 0 and 1000");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.of(Map.of("submit-jobs", "0"), Map.of()))
			.withMessageContaining("--submit-jobs must be at least 1");
	}

	@Test
	void refusesUnknownOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> SluiceBench.parse(new String[] { "--size=10" }))
			.withMessageContaining("--size");
	}

}
