package io.sluice.api.job.submit.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts the first transactional producer in the background once the application is
 * ready, so that the first job does not pay for {@code initTransactions} (on a fresh
 * broker that also creates the transaction state topic). A failure is only logged: the
 * next job tries again.
 */
@Component
class ProducerWarmup {

	private static final Logger log = LoggerFactory.getLogger(ProducerWarmup.class);

	private final KafkaTemplate<String, byte[]> kafka;

	ProducerWarmup(KafkaTemplate<String, byte[]> kafka) {
		this.kafka = kafka;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		Thread warmup = new Thread(() -> {
			try {
				this.kafka.executeInTransaction((operations) -> null);
				log.info("Kafka transactional producer ready");
			}
			catch (RuntimeException ex) {
				log.warn("Kafka transactional producer not ready yet ({}); the first job will try again",
						ex.getMessage());
			}
		}, "sluice-producer-warmup");
		warmup.setDaemon(true);
		warmup.start();
	}

}
