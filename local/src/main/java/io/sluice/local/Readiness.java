package io.sluice.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's readiness probe ({@code /actuator/health/readiness}) answered.
 *
 * @param status the HTTP status, 0 without an answer
 * @param components each component's status by name, as far as the answer shows them
 */
record Readiness(int status, Map<String, String> components) {

	/** A probe that got no answer: the service is starting, or hangs. */
	static final Readiness NO_ANSWER = new Readiness(0, Map.of());

	/**
	 * The components of a health group answer, {@code "db":{"status":"UP"}}: the launcher
	 * has no JSON library, and needs nothing deeper.
	 */
	private static final Pattern COMPONENT = Pattern
		.compile("\"([A-Za-z][\\w-]*)\"\\s*:\\s*\\{\\s*\"status\"\\s*:\\s*\"([A-Z_]+)\"");

	static Readiness of(int status, String body) {
		Map<String, String> components = new LinkedHashMap<>();
		Matcher component = COMPONENT.matcher((body != null) ? body : "");
		while (component.find()) {
			components.put(component.group(1), component.group(2));
		}
		return new Readiness(status, Map.copyOf(components));
	}

	boolean isReady() {
		return this.status == 200;
	}

	/**
	 * Whether this is a worker that has started and lacks only a lease of the fleet's
	 * connection budget (ADR 0026): its {@code lease} component is down while its own
	 * {@code readinessState} is up. A worker still starting is down in
	 * {@code readinessState} too, and is not waiting yet.
	 */
	boolean isWaitingForLease() {
		return this.status == 503 && "DOWN".equals(this.components.get("lease"))
				&& "UP".equals(this.components.get("readinessState"));
	}

	/** The components that are not up, for a status line. */
	List<String> down() {
		return this.components.entrySet()
			.stream()
			.filter((component) -> !"UP".equals(component.getValue()))
			.map((component) -> component.getKey() + " " + component.getValue())
			.sorted()
			.toList();
	}

}
