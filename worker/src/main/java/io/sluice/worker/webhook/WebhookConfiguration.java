package io.sluice.worker.webhook;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLSocketFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.webhook.CallbackProperties;
import io.sluice.worker.budget.ConnectionLease;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivers the final views of jobs to their callback URLs (ADR 0041), in every worker
 * that holds a connection lease (not in the re-drive command). Each statement borrows one
 * connection from the worker's pool of {@code C + 1} for a few milliseconds, sharing the
 * spare connection with health checks and the reconciler, and none is held while a
 * receiver is waited for: the pool, and so the fleet-wide connection budget, is
 * unchanged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sluice.worker.lease.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CallbackProperties.class)
class WebhookConfiguration {

	@Bean
	WebhookSchedule webhookSchedule(JdbcClient jdbc, WebhookProperties properties, CallbackProperties callbacks,
			ConnectionLease lease, MeterRegistry meters) {
		CallbackPost post = new CallbackPost(callbacks.rule(), InetAddress::getAllByName, properties.connectTimeout(),
				properties.readTimeout(), (SSLSocketFactory) SSLSocketFactory.getDefault());
		WebhookSignature signature = new WebhookSignature(properties.hasSecret() ? properties.secret() : "unused");
		WebhookSender sender = new WebhookSender(
				new WebhookDeliveries(jdbc), post, signature, new DeliveryBackoff(properties.initialBackoff(),
						properties.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
				properties, Clock.systemUTC(), meters);
		return new WebhookSchedule(sender, lease::isHeld, properties);
	}

}
