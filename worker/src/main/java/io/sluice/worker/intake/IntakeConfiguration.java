package io.sluice.worker.intake;

import javax.sql.DataSource;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.worker.budget.ConnectionBudget;
import io.sluice.worker.write.UnwritableChunks;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires chunk intake: {@code C} consumer threads, each handed one poll at a time, the
 * transient retry policy, and the error handler for what the listener throws.
 *
 * <p>
 * The {@link ChunkListener} decides what is permanent and dead-letters it itself, so
 * whatever escapes it (a chunk whose database stayed unavailable for the whole retry
 * budget, a dead letter that could not be published) is only ever redelivered, with a
 * growing pause, indefinitely: never skipped, never dead-lettered by the error handler.
 * An unavailable database also pauses intake until it answers ({@link IntakePause}).
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

	/** 1 while intake is paused ({@link IntakePause}), else 0. */
	static final String INTAKE_PAUSED_GAUGE = "sluice.intake.paused";

	private static final Duration REDELIVERY_INITIAL_INTERVAL = Duration.ofSeconds(1);

	private static final Duration KAFKA_DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);

	@Bean
	ChunkCodec chunkCodec() {
		return new ChunkCodec();
	}

	@Bean
	ChunkMetrics chunkMetrics(MeterRegistry meters) {
		return new ChunkMetrics(meters);
	}

	@Bean
	static SessionBoundsApplier sessionBoundsApplier(ObjectProvider<SessionBounds> bounds) {
		return new SessionBoundsApplier(bounds);
	}

	/**
	 * The retry policy, checked with the session bounds against the consumer's poll
	 * interval: start-up fails, naming the setting, if they contradict each other.
	 */
	@Bean
	TransientRetry transientRetry(RetryProperties properties, SessionBounds bounds, KafkaProperties kafka,
			ChunkMetrics metrics) {
		TransientRetry retry = new TransientRetry(properties, metrics::retried);
		retry.checkFits(maxPollInterval(kafka));
		bounds.check(maxPollInterval(kafka));
		if (!bounds.freesLocksWithinRetryBudget(properties.maxAttempts())) {
			log.warn("sluice.worker.db.idle-in-transaction-timeout ({} ms) is longer than {} attempts of "
					+ "sluice.worker.db.lock-timeout ({} ms): a chunk stuck behind a frozen worker's row locks will "
					+ "pause intake before they are freed", bounds.idleInTransactionTimeout().toMillis(),
					properties.maxAttempts(), bounds.lockTimeout().toMillis());
		}
		return retry;
	}

	@Bean
	IntakePause intakePause(KafkaListenerEndpointRegistry registry, DataSource dataSource, RetryProperties properties,
			MeterRegistry meters) {
		IntakePause pause = new IntakePause(registry, new IntakeProbe(dataSource), properties.outageProbeInterval(),
				Clock.systemUTC());
		Gauge.builder(INTAKE_PAUSED_GAUGE, pause, (paused) -> paused.isPaused() ? 1 : 0)
			.description("1 while this worker's chunk intake is paused because the database refuses its writes, else 0")
			.register(meters);
		return pause;
	}

	/** The {@code intake} component of readiness. */
	@Bean
	IntakeHealthIndicator intakeHealthIndicator(IntakePause pause) {
		return new IntakeHealthIndicator(pause);
	}

	@Bean
	ChunkIntake chunkIntake(KafkaListenerEndpointRegistry registry, IntakePause pause) {
		return new ChunkIntake(registry, pause);
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory, DefaultErrorHandler chunkErrorHandler,
			ConnectionBudget budget) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setConcurrency(budget.consumerThreads());
		factory.setCommonErrorHandler(chunkErrorHandler);
		return factory;
	}

	@Bean
	DefaultErrorHandler chunkErrorHandler(RetryProperties properties) {
		ExponentialBackOff redelivery = new ExponentialBackOff(REDELIVERY_INITIAL_INTERVAL.toMillis(), 2.0);
		redelivery.setMaxInterval(
				Math.max(REDELIVERY_INITIAL_INTERVAL.toMillis(), properties.redeliveryMaxInterval().toMillis()));
		// An unbounded back-off and every exception retryable: the handler's recoverer,
		// which would skip the record, is never reached.
		DefaultErrorHandler handler = new DefaultErrorHandler(redelivery);
		handler.setClassifications(Map.of(), true);
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}

	@Bean
	ChunkDeadLetterer chunkDeadLetterer(ChunkCodec codec, UnwritableChunks unwritableChunks,
			KafkaTemplate<String, byte[]> deadLetterTemplate, ChunkMetrics metrics) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
				(record, exception) -> new TopicPartition(ChunkTopics.DEAD_LETTER, -1));
		return new ChunkDeadLetterer(codec, unwritableChunks, deadLetters, metrics);
	}

	/**
	 * The dead-letter producer: not transactional, records as large as the chunk topic
	 * allows, and bounded waits so a broker outage cannot block a consumer forever.
	 */
	@Bean
	ProducerFactory<String, byte[]> deadLetterProducerFactory(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ChunkTopics.MAX_RECORD_BYTES);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		return new DefaultKafkaProducerFactory<>(config);
	}

	@Bean
	KafkaTemplate<String, byte[]> deadLetterTemplate(ProducerFactory<String, byte[]> deadLetterProducerFactory) {
		return new KafkaTemplate<>(deadLetterProducerFactory);
	}

	private static Duration maxPollInterval(KafkaProperties kafka) {
		if (kafka.getConsumer().getMaxPollInterval() != null) {
			return kafka.getConsumer().getMaxPollInterval();
		}
		String configured = kafka.getConsumer().getProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
		return (configured != null) ? Duration.ofMillis(Long.parseLong(configured)) : KAFKA_DEFAULT_MAX_POLL_INTERVAL;
	}

}
