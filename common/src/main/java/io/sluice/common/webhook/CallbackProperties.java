package io.sluice.common.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which callback URLs a job may name, checked by the API when a job is submitted and by
 * the worker again before each delivery (ADR 0041).
 *
 * @param allowPrivate whether a callback URL may point at a private, loopback,
 * link-local, unique-local, multicast, reserved or unspecified address, and may use plain
 * http; only for a receiver on the same machine or network, as the local launcher has
 */
@ConfigurationProperties("sluice.webhook")
public record CallbackProperties(@DefaultValue("false") boolean allowPrivate) {

	/** The rule these settings make. */
	public CallbackUrlRule rule() {
		return new CallbackUrlRule(this.allowPrivate);
	}

}
