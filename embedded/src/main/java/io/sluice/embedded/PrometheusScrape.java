package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One scrape of an application's {@code /actuator/prometheus}, in the text format, with
 * just enough parsing to read a sample by its name and labels.
 */
public final class PrometheusScrape {

	/** HikariCP's own meters that the dashboard and the alerts read, by sample name. */
	public static final List<String> POOL_SAMPLES = List.of("hikaricp_connections_active", "hikaricp_connections_idle",
			"hikaricp_connections_pending", "hikaricp_connections_max", "hikaricp_connections_timeout_total",
			"hikaricp_connections_acquire_seconds_count");

	private final String text;

	private PrometheusScrape(String text) {
		this.text = text;
	}

	/**
	 * Scrapes {@code http://127.0.0.1:port/actuator/prometheus}.
	 * @param port the application's HTTP port
	 * @return the scrape
	 * @throws IllegalStateException if the endpoint does not answer 200
	 */
	public static PrometheusScrape of(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"/actuator/prometheus answered " + response.statusCode() + ": " + response.body());
			}
			return new PrometheusScrape(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while scraping", ex);
		}
	}

	/** The whole scrape, as the endpoint sent it. */
	public String text() {
		return this.text;
	}

	/**
	 * The samples (lines) of a metric whose labels include all the given ones.
	 * @param name the sample's name, e.g. {@code sluice_photos_total}
	 * @param labels labels the sample must carry, with these values
	 * @return the matching sample lines
	 */
	public List<String> samples(String name, Map<String, String> labels) {
		return this.text.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> labels.entrySet()
				.stream()
				.allMatch((label) -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
			.toList();
	}

	/**
	 * The value of the one sample of a metric with the given labels.
	 * @param name the sample's name
	 * @param labels labels the sample must carry
	 * @return its value, or empty if there is no such sample
	 * @throws IllegalStateException if more than one sample matches
	 */
	public OptionalDouble value(String name, Map<String, String> labels) {
		List<String> samples = samples(name, labels);
		if (samples.size() > 1) {
			throw new IllegalStateException("More than one sample of " + name + " with " + labels + ": " + samples);
		}
		if (samples.isEmpty()) {
			return OptionalDouble.empty();
		}
		String line = samples.get(0);
		return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
	}

}
