package io.sluice.api.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests that arrived on the actuator's own port ({@code management.server.port}).
 * Spring Boot registers the application's security filter in the management server too,
 * so the same filter chains see both ports and only the port tells them apart (paths
 * cannot: {@code /actuator/prometheus} is open on one and does not exist on the other).
 * <p>
 * Matches nothing while the management server shares the public port (or has not
 * started), so a configuration that puts the actuator back on the public port never opens
 * the API.
 */
final class ManagementPortRequests implements RequestMatcher {

	private final Environment environment;

	ManagementPortRequests(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		// read per request: a port of 0 is chosen when the server starts, after the
		// chains
		// are built
		Integer management = this.environment.getProperty("local.management.port", Integer.class);
		Integer server = this.environment.getProperty("local.server.port", Integer.class);
		return management != null && management > 0 && !management.equals(server)
				&& request.getLocalPort() == management;
	}

	@Override
	public String toString() {
		return "requests on the management port";
	}

}
