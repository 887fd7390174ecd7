package io.sluice.worker.reconcile;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.worker.budget.ConnectionLease;
import io.sluice.worker.budget.SpareConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Runs a {@link Reconciler} in every worker unless
 * {@code sluice.worker.reconciler.enabled=false}. A tick borrows one connection from the
 * worker's pool of {@code C + 1} for a few milliseconds, sharing the spare connection
 * with health checks, and taking turns at it with retention ({@link SpareConnection}):
 * the pool, and so the fleet-wide connection budget, is unchanged. Its Kafka clients (one
 * admin client, one group-less consumer) are built from the application's Kafka settings,
 * kept, and closed when the worker stops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sluice.worker.reconciler.enabled", matchIfMissing = true)
class ReconcilerConfiguration {

	@Bean
	ChunkTopicOffsets chunkTopicOffsets(KafkaAdmin kafkaAdmin, KafkaProperties kafka, ReconcilerProperties properties) {
		Object group = kafka.buildConsumerProperties().get(ConsumerConfig.GROUP_ID_CONFIG);
		if (group == null) {
			throw new IllegalStateException("spring.kafka.consumer.group-id is not set: the reconciler reads the "
					+ "workers' committed offsets and needs their group");
		}
		return ChunkTopicOffsets.connect(kafkaAdmin.getConfigurationProperties(), kafka.buildConsumerProperties(),
				group.toString(), properties.kafkaTimeout());
	}

	@Bean
	Reconciler reconciler(DataSource dataSource, JdbcClient jdbc, ChunkTopicOffsets chunkTopicOffsets,
			ReconcilerProperties properties, MeterRegistry meters) {
		return new Reconciler(new DataSourceTransactionManager(dataSource), new OpenJobs(jdbc), chunkTopicOffsets,
				properties, Clock.systemUTC(), meters);
	}

	@Bean
	ReconcilerSchedule reconcilerSchedule(Reconciler reconciler, ReconcilerProperties properties, ConnectionLease lease,
			SpareConnection spare) {
		return new ReconcilerSchedule(reconciler, lease::isHeld, spare, properties.interval(),
				properties.kafkaTimeout());
	}

}
