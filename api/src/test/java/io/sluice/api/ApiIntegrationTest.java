package io.sluice.api;

import io.sluice.embedded.DevTokens;
import io.sluice.embedded.TestInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API on a random port against the shared real PostgreSQL and Kafka. Every test class
 * extending this shares one application context; limits are lowered so that the tests
 * stay small: at most 2,000 photos a job, chunks of 100, bodies up to 256 KB (large above
 * 200 KB, at most 4 MB of bodies in flight), at most 30 event streams polled every 100 ms
 * with a heartbeat every second, jobs counted by status every 500 ms. Tokens are HS256
 * and must name the issuer {@value DevTokens#ISSUER} and the audience
 * {@value DevTokens#AUDIENCE}, as {@link DevTokens} mints them. The actuator answers on a
 * random management port of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sluice.auth.jwt-secret=" + ApiIntegrationTest.SECRET,
				// every token is checked for both, as the launcher runs the API
				"sluice.auth.issuer=" + DevTokens.ISSUER, "sluice.auth.audience=" + DevTokens.AUDIENCE,
				"sluice.api.jobs.max-photos=2000", "sluice.api.jobs.chunk-size=100",
				"sluice.api.jobs.max-body-size=256KB",
				// request bodies in flight: above the 2,000-photo jobs other tests send
				// at once, within reach of a few held requests
				"sluice.api.limits.large-body-threshold=200KB", "sluice.api.limits.max-body-bytes-in-flight=4MB",
				// generous: the machine is shared and slow; the timeout has its own test
				"sluice.api.publish.timeout=60s",
				// event streams: changes and heartbeats quick enough to wait for, a cap
				// to reach
				"sluice.api.events.poll-interval=100ms", "sluice.api.events.heartbeat-interval=1s",
				"sluice.api.events.max-streams=30",
				// the sluice.jobs gauge: counted often enough to wait for
				"sluice.api.metrics.jobs-interval=500ms",
				// the actuator on a port of its own, as in production (ADR 0034)
				"management.server.port=0" })
public abstract class ApiIntegrationTest {

	/** The HS256 secret the API under test trusts. */
	public static final String SECRET = "sluice-api-integration-tests-secret-0123456789";

	@LocalServerPort
	protected int port;

	/**
	 * The actuator's own port: {@code /actuator/prometheus}, {@code /actuator/health}.
	 */
	@LocalManagementPort
	protected int managementPort;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	protected ApiClient api() {
		return new ApiClient(this.port, SECRET);
	}

	/** A client of the management port. */
	protected ApiClient management() {
		return new ApiClient(this.managementPort, SECRET);
	}

}
