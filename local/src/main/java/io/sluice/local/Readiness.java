package io.sluice.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service's readiness probe ({@code /readyz}) answered.
 *
 * @param status the HTTP status, 0 without an answer
 * @param components each component's status by name, as far as the answer shows them
 */
record Readiness(int status, Map<String, String> components) {

	/** A probe that got no answer: the service is starting, or hangs. */
	static final Readiness NO_ANSWER = new Readiness(0, Map.of());

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Reads an answer.
	 * @param status the HTTP status
	 * @param body the health group's JSON, {@code components} shown
	 * @return the answer; without components when the body is no health JSON
	 */
	static Readiness of(int status, String body) {
		Map<String, String> components = new LinkedHashMap<>();
		try {
			for (Map.Entry<String, JsonNode> component : json.readTree(body).path("components").properties()) {
				components.put(component.getKey(), component.getValue().path("status").asString(""));
			}
		}
		catch (JacksonException notHealth) {
			// an answer from something else on the port: no components to show
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
