package io.sluice.api.job.submit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.sluice.common.webhook.CallbackUrlRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackHostsTests {

	private final List<String> looked = new ArrayList<>();

	@Test
	void refusesANameThatResolvesToAPrivateAddress() {
		CallbackHosts hosts = new CallbackHosts(new CallbackUrlRule(false),
				resolvingTo("93.184.216.34", "10.20.30.40"));
		assertThat(hosts.problem("https://hooks.example.com:8443/sluice"))
			.isEqualTo("must not point at a private address: hooks.example.com resolves to 10.20.30.40");
		assertThat(this.looked).containsExactly("hooks.example.com");
	}

	@Test
	void acceptsANameThatResolvesToPublicAddressesOnly() {
		CallbackHosts hosts = new CallbackHosts(new CallbackUrlRule(false), resolvingTo("93.184.216.34"));
		assertThat(hosts.problem("https://hooks.example.com/sluice")).isNull();
	}

	@Test
	void acceptsANameThatDoesNotResolveNow() {
		CallbackHosts hosts = new CallbackHosts(new CallbackUrlRule(false), (host) -> {
			throw new UnknownHostException(host);
		});
		assertThat(hosts.problem("https://not-yet.example.com/sluice")).isNull();
	}

	@Test
	void looksUpAnIpv6LiteralWithoutItsBrackets() {
		CallbackHosts hosts = new CallbackHosts(new CallbackUrlRule(false), resolvingTo("2606:4700::1111"));
		assertThat(hosts.problem("https://[2606:4700::1111]/sluice")).isNull();
		assertThat(this.looked).containsExactly("2606:4700::1111");
	}

	private CallbackHosts.Resolver resolvingTo(String... addresses) {
		return (host) -> {
			this.looked.add(host);
			InetAddress[] resolved = new InetAddress[addresses.length];
			for (int i = 0; i < addresses.length; i++) {
				resolved[i] = InetAddress.getByName(addresses[i]);
			}
			return resolved;
		};
	}

}
