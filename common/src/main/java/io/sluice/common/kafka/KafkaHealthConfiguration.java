package io.sluice.common.kafka;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The {@code kafka} health contributor of the API and the worker, which both import this
 * and list {@code kafka} in their readiness group. Its admin client is named
 * {@code <spring.application.name>-health}.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaHealthConfiguration {

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin,
			@Value("${spring.application.name:sluice}") String applicationName) {
		return new KafkaHealthIndicator(kafkaAdmin, applicationName + "-health");
	}

}
