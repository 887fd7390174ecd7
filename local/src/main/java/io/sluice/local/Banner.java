package io.sluice.local;

/**
 * What the launcher prints once everything is ready: where things are, the connection
 * figures, and commands to paste.
 */
final class Banner {

	private Banner() {
	}

	static String ready(LocalStack stack) {
		LocalSettings settings = stack.settings();
		String api = stack.apiUrl();
		PostgresAddress postgres = PostgresAddress.of(stack.infrastructure().jdbcUrl());
		return """

				Sluice is ready.
				  API          %1$s   (health: %1$s/actuator/health/readiness)
				  Page         %1$s/#token=%11$s
				               (open it in a browser: submit, watch and cancel jobs; the token stays in that tab)
				  PostgreSQL   %12$s:%2$d  database %3$s, user %13$s
				  Kafka        %4$s
				  Workers      %5$d x %6$d consumer threads
				  Connections  at most %7$d = API pool %8$d + %5$d workers x (%6$d threads + 1)
				  Logs         %9$s
				  Environment  %10$s  (set -a; . %10$s; set +a  -- then psql needs no arguments)

				Submit a job (paste this):

				  curl -si -X POST %1$s/api/v1/jobs \\
				    -H 'Authorization: Bearer %11$s' \\
				    -H 'Content-Type: application/json' \\
				    -d '{"albumId": 42, "photos": [{"url": "https://example.com/a.jpg", "caption": "First"}, {"url": "https://example.com/b.jpg"}]}'

				Then follow it with the Location header it returns:

				  curl -s %1$s/api/v1/jobs/<id> -H 'Authorization: Bearer %11$s'

				Press Ctrl-C to stop everything.
				"""
			.formatted(api, postgres.port(), postgres.database(), stack.infrastructure().bootstrapServers(),
					settings.workers(), settings.workerConcurrency(), settings.connectionCap(), settings.apiPoolSize(),
					settings.directory().resolve("logs"), stack.environmentFile(), stack.token(), postgres.host(),
					stack.infrastructure().username());
	}

}
