package io.sluice.worker.reconcile;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerPropertiesTests {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private final Validator validator = factory.getValidator();

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void defaultsAreGenerousAndValid() {
		ReconcilerProperties defaults = bind(Map.of());

		assertThat(defaults).isEqualTo(new ReconcilerProperties(true, Duration.ofSeconds(30), Duration.ofMinutes(5),
				Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(5)));
		assertThat(this.validator.validate(defaults)).isEmpty();
	}

	@Test
	void bindsEverySetting() {
		ReconcilerProperties bound = bind(Map.of("enabled", "false", "interval", "5s", "pending-timeout", "2m",
				"stall-warning", "3m", "stall-timeout", "20m", "kafka-timeout", "2s"));

		assertThat(bound).isEqualTo(new ReconcilerProperties(false, Duration.ofSeconds(5), Duration.ofMinutes(2),
				Duration.ofMinutes(3), Duration.ofMinutes(20), Duration.ofSeconds(2)));
		assertThat(this.validator.validate(bound)).isEmpty();
	}

	@Test
	void refusesAPendingTimeoutNearThePublishTimeout() {
		assertThat(violations(bind(Map.of("pending-timeout", "10s", "interval", "5s"))))
			.containsExactly("pendingTimeout");
	}

	@Test
	void refusesAStallWarningThatIsNotBeforeTheStallTimeout() {
		assertThat(violations(bind(Map.of("stall-warning", "1h", "stall-timeout", "1h"))))
			.containsExactly("stallWarningBeforeStallTimeout");
	}

	@Test
	void refusesAnIntervalThatCannotWatchAJobOverSeveralTicks() {
		assertThat(violations(bind(Map.of("interval", "5m")))).containsExactly("intervalShorterThanTimeouts");
	}

	@Test
	void refusesAnIntervalUnderASecond() {
		assertThat(violations(bind(Map.of("interval", "100ms", "kafka-timeout", "100ms")))).containsExactly("interval");
	}

	@Test
	void refusesAKafkaTimeoutLongerThanTheInterval() {
		assertThat(violations(bind(Map.of("interval", "2s")))).containsExactly("kafkaTimeoutWithinInterval");
		assertThat(violations(bind(Map.of("interval", "5s", "kafka-timeout", "5s")))).isEmpty();
	}

	@Test
	void toleratesTwoSkippedTicksInOneWatch() {
		assertThat(bind(Map.of("interval", "10s")).maxObservationGap()).isEqualTo(Duration.ofSeconds(30));
	}

	private static ReconcilerProperties bind(Map<String, String> settings) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		settings.forEach((name, value) -> source.put("sluice.worker.reconciler." + name, value));
		return new Binder(source).bindOrCreate("sluice.worker.reconciler", ReconcilerProperties.class);
	}

	private java.util.List<String> violations(ReconcilerProperties properties) {
		return this.validator.validate(properties)
			.stream()
			.map(ConstraintViolation::getPropertyPath)
			.map(Object::toString)
			.toList();
	}

}
