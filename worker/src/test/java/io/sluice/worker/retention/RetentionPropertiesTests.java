package io.sluice.worker.retention;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sluice.common.chunk.ChunkTopicsProperties;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RetentionPropertiesTests {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private final Validator validator = factory.getValidator();

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void defaultsKeepJobsForThirtyDaysAndKeysForADay() {
		RetentionProperties defaults = bind(Map.of());

		assertThat(defaults).isEqualTo(new RetentionProperties(true, Duration.ofDays(30), Duration.ofHours(24),
				Duration.ofMinutes(10), 1000, 10));
		assertThat(this.validator.validate(defaults)).isEmpty();
	}

	@Test
	void bindsEverySetting() {
		RetentionProperties bound = bind(Map.of("enabled", "false", "jobs", "14d", "idempotency-keys", "48h",
				"interval", "1m", "batch-size", "200", "batches-per-tick", "3"));

		assertThat(bound).isEqualTo(new RetentionProperties(false, Duration.ofDays(14), Duration.ofHours(48),
				Duration.ofMinutes(1), 200, 3));
		assertThat(this.validator.validate(bound)).isEmpty();
	}

	@Test
	void refusesToDeleteAJobBeforeItsKeyExpires() {
		assertThat(violations(bind(Map.of("jobs", "12h")))).containsExactly("keyReleasedBeforeItsJobIsDeleted");
	}

	@Test
	void refusesEmptyBatchesAndRetentionUnderAnHour() {
		assertThat(violations(
				bind(Map.of("jobs", "59m", "idempotency-keys", "1m", "batch-size", "0", "batches-per-tick", "0"))))
			.containsExactlyInAnyOrder("jobs", "batchSize", "batchesPerTick");
	}

	@Test
	void refusesJobsThatWouldBeDeletedWhileTheirChunksAreStillOnTheTopic() {
		ChunkTopicsProperties topics = new ChunkTopicsProperties(12, (short) 1, Duration.ofDays(7),
				Duration.ofDays(90));

		assertThatIllegalStateException()
			.isThrownBy(() -> RetentionConfiguration.requireJobsOutliveTheirChunks(bind(Map.of("jobs", "7d")), topics))
			.withMessageStartingWith(
					"sluice.retention.jobs (7d) must be longer than sluice.kafka.chunk-retention (7d)");
		assertThatNoException()
			.isThrownBy(() -> RetentionConfiguration.requireJobsOutliveTheirChunks(bind(Map.of("jobs", "8d")), topics));
	}

	@Test
	void describesDurationsAsPeopleWriteThem() {
		assertThat(RetentionCleanup.describe(Duration.ofDays(30))).isEqualTo("30d");
		assertThat(RetentionCleanup.describe(Duration.ofHours(24))).isEqualTo("24h");
		assertThat(RetentionCleanup.describe(Duration.ofMinutes(90))).isEqualTo("1h30m");
	}

	private static RetentionProperties bind(Map<String, String> settings) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		settings.forEach((name, value) -> source.put("sluice.retention." + name, value));
		return new Binder(source).bindOrCreate("sluice.retention", RetentionProperties.class);
	}

	private List<String> violations(RetentionProperties properties) {
		return this.validator.validate(properties)
			.stream()
			.map(ConstraintViolation::getPropertyPath)
			.map(Object::toString)
			.toList();
	}

}
