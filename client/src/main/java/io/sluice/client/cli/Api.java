package io.sluice.client.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.ApiClient;
import io.sluice.client.api.JobFailuresApi;
import io.sluice.client.api.JobsApi;

/**
 * The API as the commands reach it: the generated client's {@link JobsApi} and
 * {@link JobFailuresApi} for every JSON request, and the same HTTP client and mapper for
 * the event stream, which the generated client cannot follow. Every request carries the
 * bearer token.
 */
final class Api {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private final URI url;

	private final String token;

	private final ObjectMapper mapper;

	private final HttpClient http;

	private final JobsApi jobs;

	private final JobFailuresApi failures;

	Api(URI url, String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri(url.toString());
		client.setConnectTimeout(CONNECT_TIMEOUT);
		client.setReadTimeout(READ_TIMEOUT);
		client.setRequestInterceptor(
				(request) -> request.header("Authorization", "Bearer " + token).header("User-Agent", "sluice-cli"));
		this.url = url;
		this.token = token;
		this.mapper = client.getObjectMapper();
		this.http = client.getHttpClient();
		this.jobs = new JobsApi(client);
		this.failures = new JobFailuresApi(client);
	}

	URI url() {
		return this.url;
	}

	String token() {
		return this.token;
	}

	ObjectMapper mapper() {
		return this.mapper;
	}

	HttpClient http() {
		return this.http;
	}

	JobsApi jobs() {
		return this.jobs;
	}

	JobFailuresApi failures() {
		return this.failures;
	}

}
