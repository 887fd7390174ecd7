package io.sluice.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a real PostgreSQL server and a real Kafka broker can be reached.
 */
public interface Infrastructure {

	String jdbcUrl();

	String username();

	String password();

	String bootstrapServers();

	/**
	 * The Spring Boot properties that point an application at this infrastructure, for
	 * {@code @DynamicPropertySource} methods and child processes.
	 * @return datasource url, username and password, and Kafka bootstrap servers, by
	 * property name
	 */
	default Map<String, String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", jdbcUrl());
		properties.put("spring.datasource.username", username());
		properties.put("spring.datasource.password", password());
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
		return properties;
	}

}
