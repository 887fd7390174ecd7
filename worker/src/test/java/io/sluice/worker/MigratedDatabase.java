package io.sluice.worker;

import java.net.URI;
import java.util.UUID;

import io.sluice.embedded.Infrastructure;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of a test class's own on the shared test server, migrated as the worker
 * migrates its database, for tests that run worker statements without a worker.
 */
public final class MigratedDatabase {

	private MigratedDatabase() {
	}

	/**
	 * Creates and migrates a database with a fresh name.
	 * @param server the shared test server
	 * @param prefix the start of the database's name
	 * @return the database's JDBC URL
	 */
	public static String create(Infrastructure server, String prefix) {
		String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(), server.username(), server.password()))
			.execute("CREATE DATABASE " + name);
		URI url = URI.create(server.jdbcUrl().substring("jdbc:".length()));
		String jdbcUrl = "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + "/" + name;
		Flyway.configure()
			.dataSource(jdbcUrl, server.username(), server.password())
			.locations("classpath:db/migration")
			.load()
			.migrate();
		return jdbcUrl;
	}

}
