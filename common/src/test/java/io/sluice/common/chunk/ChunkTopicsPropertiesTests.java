package io.sluice.common.chunk;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChunkTopicsPropertiesTests {

	@Test
	void chunksAreKeptAWeekAndDeadLettersNinetyDays() {
		ChunkTopicsProperties defaults = bind(Map.of());

		assertThat(defaults.chunkRetentionMs()).isEqualTo(Duration.ofDays(7).toMillis());
		assertThat(defaults.deadLetterRetentionMs()).isEqualTo(Duration.ofDays(90).toMillis());
	}

	@Test
	void minusOneKeepsDeadLettersForever() {
		assertThat(bind(Map.of("dead-letter-retention", "-1")).deadLetterRetentionMs()).isEqualTo(-1);
		assertThat(bind(Map.of("dead-letter-retention", "365d")).deadLetterRetentionMs())
			.isEqualTo(Duration.ofDays(365).toMillis());
	}

	@Test
	void refusesAChunkRetentionUnderAnHour() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("chunk-retention", "59m")))
			.havingRootCause()
			.withMessageStartingWith("sluice.kafka.chunk-retention must be at least 1h");
	}

	@Test
	void refusesADeadLetterRetentionOfZeroOrBelowMinusOne() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("dead-letter-retention", "0")))
			.havingRootCause()
			.withMessageStartingWith("sluice.kafka.dead-letter-retention must be positive, or -1");
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("dead-letter-retention", "-2")))
			.havingRootCause()
			.withMessageStartingWith("sluice.kafka.dead-letter-retention must be positive, or -1");
	}

	private static ChunkTopicsProperties bind(Map<String, String> settings) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		settings.forEach((name, value) -> source.put("sluice.kafka." + name, value));
		return new Binder(source).bindOrCreate("sluice.kafka", ChunkTopicsProperties.class);
	}

}
