package io.sluice.common.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackUrlRuleTests {

	private final CallbackUrlRule strict = new CallbackUrlRule(false);

	private final CallbackUrlRule local = new CallbackUrlRule(true);

	@ParameterizedTest
	@ValueSource(strings = { "https://hooks.example.com/sluice", "https://hooks.example.com:8443/a/b?c=d&e=%20f",
			"HTTPS://Hooks.Example.com", "https://93.184.216.34/hook", "https://[2606:4700::1111]/hook" })
	void acceptsPublicHttpsUrls(String url) {
		assertThat(this.strict.problem(url)).isNull();
	}

	@Test
	void refusesEachKindOfAddressWrittenInTheUrl() {
		assertThat(this.strict.problem("https://10.1.2.3/hook"))
			.isEqualTo("must not point at a private address (10.1.2.3)");
		assertThat(this.strict.problem("https://127.0.0.1:8443/hook"))
			.isEqualTo("must not point at a loopback address (127.0.0.1)");
		assertThat(this.strict.problem("https://[::1]/hook")).isEqualTo("must not point at a loopback address ([::1])");
		assertThat(this.strict.problem("https://169.254.169.254/latest/meta-data/")).isEqualTo(
				"must not point at a link-local address, where cloud metadata services answer (169.254.169.254)");
		assertThat(this.strict.problem("https://[fe80::1]/")).startsWith("must not point at a link-local address");
		assertThat(this.strict.problem("https://[fd00::1]/"))
			.isEqualTo("must not point at a unique-local IPv6 address ([fd00::1])");
		assertThat(this.strict.problem("https://224.0.0.1/"))
			.isEqualTo("must not point at a multicast address (224.0.0.1)");
		assertThat(this.strict.problem("https://0.0.0.0/"))
			.isEqualTo("must not point at the unspecified address (0.0.0.0)");
		assertThat(this.strict.problem("https://[::]/")).isEqualTo("must not point at the unspecified address ([::])");
		assertThat(this.strict.problem("https://[::ffff:127.0.0.1]/"))
			.isEqualTo("must not point at a loopback address ([::ffff:127.0.0.1])");
		assertThat(this.strict.problem("https://localhost:8443/hook"))
			.isEqualTo("must not point at a loopback address: localhost is this machine");
		assertThat(this.strict.problem("https://api.localhost/hook"))
			.startsWith("must not point at a loopback address");
	}

	@Test
	void refusesNumericHostsThatAreNoDottedQuad() {
		assertThat(this.strict.problem("https://2130706433/")).isEqualTo(
				"must name a host by name, by a dotted-quad IPv4 address or by a bracketed IPv6 address, not '2130706433'");
		assertThat(this.strict.problem("https://0177.0.0.1/")).startsWith("must name a host by name");
		assertThat(this.strict.problem("https://127.1/")).startsWith("must name a host by name");
	}

	@Test
	void refusesWhatIsNoPlainHttpsUrl() {
		assertThat(this.strict.problem(null)).isEqualTo("is required");
		assertThat(this.strict.problem("http://hooks.example.com/")).isEqualTo("must use the https scheme, not 'http'");
		assertThat(this.strict.problem("ftp://hooks.example.com/")).isEqualTo("must use the https scheme, not 'ftp'");
		assertThat(this.strict.problem("/relative")).startsWith("must be an absolute https URL");
		assertThat(this.strict.problem("mailto:ops@example.com")).startsWith("must be an absolute https URL");
		assertThat(this.strict.problem("https://user:secret@hooks.example.com/")).isEqualTo(
				"must not carry a user name or password; the receiver checks the Sluice-Signature header instead");
		assertThat(this.strict.problem("https://hooks.example.com/#top"))
			.isEqualTo("must not have a fragment (#...): it is never sent");
		assertThat(this.strict.problem("https:///path")).startsWith("must name a host");
		assertThat(this.strict.problem("https://hooks.example.com/a b")).startsWith("must be printable ASCII");
		assertThat(this.strict.problem("https://hooks.example.com/\u00e9")).startsWith("must be printable ASCII");
		assertThat(this.strict.problem("https://hooks.example.com:0/"))
			.isEqualTo("must name a port between 1 and 65535, not 0");
		assertThat(this.strict.problem("https://hooks.example.com/" + "a".repeat(2048)))
			.isEqualTo("must be at most 2048 characters long (it has 2074)");
		assertThat(this.strict.problem("https://hooks.example.com/" + "a".repeat(2048 - 26))).isNull();
	}

	@Test
	void allowsPrivateAddressesAndPlainHttpOnlyWhenToldTo() throws UnknownHostException {
		assertThat(this.local.problem("http://127.0.0.1:8089/hook")).isNull();
		assertThat(this.local.problem("http://localhost:8089/hook")).isNull();
		assertThat(this.local.problem("https://10.0.0.1/hook")).isNull();
		assertThat(this.local.problem("ftp://127.0.0.1/")).isEqualTo("must use the https scheme, not 'ftp'");
		assertThat(this.local.problem("http://user@127.0.0.1/")).startsWith("must not carry a user name");
		assertThat(this.local.addressProblem("hooks.internal", List.of(InetAddress.getByName("10.0.0.7")))).isNull();
	}

	@Test
	void judgesEveryResolvedAddress() throws UnknownHostException {
		List<InetAddress> rebound = List.of(InetAddress.getByName("93.184.216.34"),
				InetAddress.getByName("169.254.169.254"));
		assertThat(this.strict.addressProblem("hooks.example.com", rebound)).isEqualTo(
				"must not point at a link-local address, where cloud metadata services answer: hooks.example.com resolves to 169.254.169.254");
		assertThat(this.strict.addressProblem("hooks.example.com", List.of(InetAddress.getByName("93.184.216.34"))))
			.isNull();
	}

}
