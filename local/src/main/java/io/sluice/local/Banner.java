package io.sluice.local;

import java.util.List;

/**
 * What the launcher prints once everything is ready: where things are, each worker's
 * state, the connection figures, and commands to paste.
 */
final class Banner {

	/**
	 * The workers' setting of the fleet's connection budget (ADR 0026), which they
	 * inherit from the launcher's environment.
	 */
	private static final String CONNECTION_BUDGET = "SLUICE_DB_CONNECTION_BUDGET";

	/** The workers' budget when {@link #CONNECTION_BUDGET} is not set. */
	private static final int DEFAULT_CONNECTION_BUDGET = 20;

	/** Connections of the budget no worker may lease: they are kept for starting ones. */
	private static final int KEPT_FOR_STARTING_WORKERS = 2;

	/** Lines under a heading start where the heading's value does. */
	private static final String INDENT = "               ";

	private Banner() {
	}

	/**
	 * The banner.
	 * @param stack the stack, its API ready
	 * @param workerLines one line per worker: its name, state and where to look
	 * @return the text to print
	 */
	static String ready(LocalStack stack, List<String> workerLines) {
		LocalSettings settings = stack.settings();
		String api = stack.apiUrl();
		PostgresAddress postgres = PostgresAddress.of(stack.infrastructure().jdbcUrl());
		return """

				Sluice is ready.
				  API          %1$s   (ready: %1$s/readyz)%17$s
				  Page         %1$s/#token=%11$s
				               (open it in a browser: submit, watch and cancel jobs; the token stays in that tab)
				  Token        expires %15$s (24 hours; restart the launcher for a new one)
				  PostgreSQL   %12$s:%2$d  database %3$s, user %13$s
				  Kafka        %4$s
				  Workers      %5$d x %6$d consumer threads%14$s
				  Metrics      %16$s
				  Connections  %7$s
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
					settings.workers(), settings.workerConcurrency(), connections(stack), settings.apiPoolSize(),
					settings.directory().resolve("logs"), stack.environmentFile(), stack.token(), postgres.host(),
					stack.infrastructure().username(),
					workerLines.stream().map((line) -> "\n" + INDENT + line).reduce("", String::concat),
					stack.tokenExpiresAt(), metrics(stack), otherApis(stack));
	}

	/**
	 * The API instances after the first, one line each, with what a client must know of
	 * them: rate limits are counted per instance.
	 */
	private static String otherApis(LocalStack stack) {
		List<String> urls = stack.apiUrls();
		StringBuilder lines = new StringBuilder();
		for (String url : urls.subList(1, urls.size())) {
			lines.append("\n").append(INDENT).append(url).append("   (ready: ").append(url).append("/readyz)");
		}
		if (urls.size() > 1) {
			lines.append("\n")
				.append(INDENT)
				.append("(")
				.append(urls.size())
				.append(" instances: each counts rate limits and event streams on its own)");
		}
		return lines.toString();
	}

	/**
	 * Where Prometheus finds each service: its management port, which answers without a
	 * token and so listens on 127.0.0.1 only.
	 */
	private static String metrics(LocalStack stack) {
		StringBuilder lines = new StringBuilder(stack.api().metricsUrl() + "   (API)");
		for (ServiceProcess api : stack.apis().subList(1, stack.apis().size())) {
			lines.append("\n").append(INDENT).append(api.metricsUrl()).append("   (").append(api.name()).append(")");
		}
		for (ServiceProcess worker : stack.workers()) {
			lines.append("\n")
				.append(INDENT)
				.append(worker.metricsUrl())
				.append("   (")
				.append(worker.name())
				.append(")");
		}
		return lines.toString();
	}

	/**
	 * The most connections Sluice may hold: every worker's whole lease, or the workers'
	 * budget when that is smaller and some of them wait.
	 */
	private static String connections(LocalStack stack) {
		LocalSettings settings = stack.settings();
		int budget = connectionBudget();
		int wanted = settings.workers() * (settings.workerConcurrency() + 1);
		String workers = settings.workers() + " workers x (" + settings.workerConcurrency() + " threads + 1)";
		if (wanted <= budget - KEPT_FOR_STARTING_WORKERS) {
			return "at most " + settings.connectionCap() + " = " + apiPools(settings) + " + " + workers;
		}
		return "at most " + (settings.apiConnections() + budget) + " = " + apiPools(settings) + " + "
				+ CONNECTION_BUDGET + " " + budget + " (" + KEPT_FOR_STARTING_WORKERS + " kept for starting workers); "
				+ workers + " want " + wanted + ", so some wait";
	}

	private static String apiPools(LocalSettings settings) {
		return (settings.apiInstances() == 1) ? "API pool " + settings.apiPoolSize()
				: settings.apiInstances() + " API pools x " + settings.apiPoolSize();
	}

	private static int connectionBudget() {
		String budget = System.getenv(CONNECTION_BUDGET);
		try {
			return (budget != null) ? Integer.parseInt(budget.strip()) : DEFAULT_CONNECTION_BUDGET;
		}
		catch (NumberFormatException ex) {
			// the workers refuse to start, and say why
			return DEFAULT_CONNECTION_BUDGET;
		}
	}

}
