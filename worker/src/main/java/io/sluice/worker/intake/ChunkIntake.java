package io.sluice.worker.intake;

import java.util.List;

import io.sluice.worker.budget.LeasedWork;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Chunk intake as the connection lease runs it: the listener containers of the main chunk
 * topic and the express lane, which do not start with the application but once the worker
 * holds a lease, the main one with as many consumer threads as the lease allows.
 */
class ChunkIntake implements LeasedWork {

	private final KafkaListenerEndpointRegistry registry;

	private final IntakePause pause;

	ChunkIntake(KafkaListenerEndpointRegistry registry, IntakePause pause) {
		this.registry = registry;
		this.pause = pause;
	}

	@Override
	public void start(int consumerThreads) {
		if (this.registry
			.getListenerContainer(ChunkListener.LISTENER_ID) instanceof ConcurrentMessageListenerContainer<?, ?> main) {
			main.setConcurrency(consumerThreads);
		}
		containers().forEach(MessageListenerContainer::start);
	}

	@Override
	public void stop() {
		containers().forEach(MessageListenerContainer::stop);
		this.pause.abandon();
	}

	/** Both containers, found by id. */
	static List<MessageListenerContainer> containers(KafkaListenerEndpointRegistry registry) {
		return ChunkListener.LISTENER_IDS.stream().map((id) -> {
			MessageListenerContainer container = registry.getListenerContainer(id);
			if (container == null) {
				throw new IllegalStateException("No listener container " + id);
			}
			return container;
		}).toList();
	}

	private List<MessageListenerContainer> containers() {
		return containers(this.registry);
	}

}
