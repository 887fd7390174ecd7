package io.sluice.worker.intake;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The {@code listeners} health contributor, part of the worker's readiness: up while
 * every chunk listener container runs with all its consumer threads, down as soon as one
 * is missing, stopped, or has lost a consumer thread. A container paused for a database
 * outage ({@link IntakePause}) still runs: it is up, with {@code paused: true} in its
 * details (the database's own indicator says why).
 */
@Component("listenersHealthIndicator")
class ListenerHealthIndicator extends AbstractHealthIndicator {

	private final KafkaListenerEndpointRegistry registry;

	ListenerHealthIndicator(KafkaListenerEndpointRegistry registry) {
		super("Listener container health check failed");
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allRunning = true;
		for (String id : ChunkListener.LISTENER_IDS) {
			MessageListenerContainer container = this.registry.getListenerContainer(id);
			boolean running = container != null && container.isRunning() && container.isInExpectedState();
			allRunning &= running;
			builder.withDetail(id, details(container, running));
		}
		if (allRunning) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static Map<String, Object> details(MessageListenerContainer container, boolean running) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("running", running);
		if (container != null) {
			details.put("paused", container.isPauseRequested());
		}
		return details;
	}

}
