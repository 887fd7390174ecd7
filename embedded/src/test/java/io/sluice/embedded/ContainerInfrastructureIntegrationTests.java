package io.sluice.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container path for machines with Docker; skipped cleanly where no Docker daemon
 * answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfrastructureIntegrationTests {

	@Test
	void startsPostgreSqlAndKafkaInContainers() throws Exception {
		try (ContainerInfrastructure containers = ContainerInfrastructure.start()) {
			try (Connection connection = DriverManager.getConnection(containers.jdbcUrl(), containers.username(),
					containers.password());
					Statement statement = connection.createStatement();
					ResultSet version = statement.executeQuery("SHOW server_version_num")) {
				version.next();
				assertThat(version.getInt(1)).isBetween(170000, 179999);
			}
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", containers.bootstrapServers()))) {
				assertThat(admin.describeCluster().nodes().get()).hasSize(1);
			}
		}
	}

}
