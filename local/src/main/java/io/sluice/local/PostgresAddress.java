package io.sluice.local;

import java.net.URI;

/**
 * Host, port and database of a PostgreSQL JDBC URL, for {@code psql}'s {@code PG*}
 * variables and the banner.
 *
 * @param host the server's host
 * @param port the server's port (5432 when the URL names none)
 * @param database the database name
 */
record PostgresAddress(String host, int port, String database) {

	private static final String PREFIX = "jdbc:postgresql://";

	static PostgresAddress of(String jdbcUrl) {
		if (!jdbcUrl.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
		}
		URI uri = URI.create("postgresql://" + jdbcUrl.substring(PREFIX.length()));
		String path = (uri.getPath() != null) ? uri.getPath() : "";
		String database = path.startsWith("/") ? path.substring(1) : path;
		return new PostgresAddress(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432, database);
	}

}
