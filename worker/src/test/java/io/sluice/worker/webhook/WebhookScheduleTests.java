package io.sluice.worker.webhook;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocketFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.webhook.CallbackUrlRule;
import io.sluice.common.webhook.DeliveryState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedule's life: Spring stops the lifecycle of a test context it pauses and starts
 * it again when the context is used (and an operator may stop and start a context too),
 * so a stopped schedule must send again once started, on sender threads of its own.
 */
class WebhookScheduleTests {

	private final WebhookReceiver receiver = WebhookReceiver.start();

	private final Deliveries deliveries = new Deliveries();

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void sendsAgainAfterAStopAndAStart() {
		WebhookProperties properties = new WebhookProperties("schedule-tests-secret-0123456789abcdef",
				Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofMillis(50), 2);
		WebhookSender sender = new WebhookSender(this.deliveries,
				new CallbackPost(new CallbackUrlRule(true), InetAddress::getAllByName, Duration.ofSeconds(1),
						Duration.ofSeconds(1), (SSLSocketFactory) SSLSocketFactory.getDefault()),
				new WebhookSignature(properties.secret()),
				new DeliveryBackoff(properties.initialBackoff(), properties.maxBackoff(), () -> 0.5), properties,
				Clock.systemUTC(), new SimpleMeterRegistry());
		WebhookSchedule schedule = new WebhookSchedule(sender, () -> true, properties);

		schedule.start();
		this.deliveries.due(this.receiver.url("/first"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.deliveries.delivered.size() == 1);
		schedule.stop();
		assertThat(schedule.isRunning()).isFalse();
		schedule.start();
		this.deliveries.due(this.receiver.url("/second"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.deliveries.delivered.size() == 2);
		schedule.stop();

		assertThat(this.receiver.received()).extracting(WebhookReceiver.Received::target)
			.containsExactly("/first", "/second");
	}

	/** Deliveries handed out as the test makes them due, outcomes kept. */
	private static final class Deliveries extends WebhookDeliveries {

		private final Queue<WebhookDeliveries.Delivery> due = new ConcurrentLinkedQueue<>();

		private final List<UUID> delivered = new CopyOnWriteArrayList<>();

		Deliveries() {
			super(null);
		}

		void due(String url) {
			this.due.add(new Delivery(UUID.randomUUID(), UUID.randomUUID(), url, "{}", 0));
		}

		@Override
		List<Delivery> claim(int limit, Duration lease) {
			List<Delivery> claimed = new ArrayList<>();
			Delivery next;
			while (claimed.size() < limit && (next = this.due.poll()) != null) {
				claimed.add(next);
			}
			return claimed;
		}

		@Override
		void recordDelivered(UUID id, int status) {
			this.delivered.add(id);
		}

		@Override
		DeliveryState recordFailure(UUID id, Integer status, String error, Duration wait, Duration maxAge) {
			return DeliveryState.PENDING;
		}

		@Override
		long countPending() {
			return this.due.size();
		}

	}

}
