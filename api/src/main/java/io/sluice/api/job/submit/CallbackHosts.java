package io.sluice.api.job.submit;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import io.sluice.common.webhook.CallbackUrlRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges the addresses a callback URL's host resolves to when its job is submitted (ADR
 * 0041), so that a URL whose name points into a private network is a 400 at once rather
 * than a delivery that never goes out. A name that does not resolve now is accepted: it
 * may by the time the job ends, and the worker judges the addresses again before every
 * attempt, which is the check that counts (a name can resolve elsewhere the second time).
 * Resolving goes through the JVM's address cache, so a client sending many jobs to one
 * receiver costs one lookup per cache period.
 */
class CallbackHosts {

	private static final Logger log = LoggerFactory.getLogger(CallbackHosts.class);

	private final CallbackUrlRule rule;

	private final Resolver resolver;

	CallbackHosts(CallbackUrlRule rule, Resolver resolver) {
		this.rule = rule;
		this.resolver = resolver;
	}

	/**
	 * Judges the addresses of a callback URL that {@link CallbackUrlRule#problem}
	 * accepted.
	 * @param url the URL
	 * @return what is wrong, or {@code null} if every address it resolves to is
	 * acceptable or it does not resolve now
	 */
	String problem(String url) {
		URI uri = CallbackUrlRule.uri(url);
		String host = CallbackUrlRule.host(uri);
		List<InetAddress> addresses;
		try {
			addresses = List.of(this.resolver.resolve(host));
		}
		catch (UnknownHostException ex) {
			log.info("Callback host {} does not resolve now; accepting it, and judging its addresses at delivery",
					host);
			return null;
		}
		return this.rule.addressProblem(host, addresses);
	}

	/** Looks a host up: {@link InetAddress#getAllByName} outside tests. */
	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

}
