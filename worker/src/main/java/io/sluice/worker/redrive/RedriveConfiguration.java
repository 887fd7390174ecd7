package io.sluice.worker.redrive;

import javax.sql.DataSource;

import io.sluice.common.chunk.ChunkCodec;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class RedriveConfiguration {

	@Bean
	DeadLetterRedrive deadLetterRedrive(KafkaProperties kafka, DataSource dataSource, JdbcClient jdbc,
			ChunkCodec codec) {
		return new DeadLetterRedrive(String.join(",", kafka.getBootstrapServers()), jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), codec);
	}

}
