package io.sluice.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny identity provider for the tests, over real HTTP on loopback: OpenID discovery at
 * {@code /.well-known/openid-configuration} and its JWK set (one RSA and one P-256 key)
 * at {@code /jwks}. One per test JVM, started on first use; it lives as long as the JVM.
 */
public final class TestIdentityProvider {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static TestIdentityProvider shared;

	private final RSAKey rsaKey;

	private final ECKey ecKey;

	private final String issuer;

	private TestIdentityProvider() throws IOException, JOSEException {
		this.rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		this.ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/idp";
		String discovery = JSON.writeValueAsString(Map.of("issuer", this.issuer, "jwks_uri", this.issuer + "/jwks",
				"id_token_signing_alg_values_supported", List.of("RS256", "ES256")));
		String jwks = jwkSet();
		server.createContext("/idp/.well-known/openid-configuration", (exchange) -> answer(exchange, discovery));
		server.createContext("/idp/jwks", (exchange) -> answer(exchange, jwks));
		server.setExecutor(Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "test-identity-provider");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
	}

	/** The identity provider of this JVM, started on first use. */
	public static synchronized TestIdentityProvider shared() {
		if (shared == null) {
			try {
				shared = new TestIdentityProvider();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return shared;
	}

	/** Its JWK set's JSON: the public halves of its keys. */
	public String jwkSet() {
		return new JWKSet(List.<JWK>of(this.rsaKey.toPublicJWK(), this.ecKey.toPublicJWK())).toString();
	}

	/** The issuer URI, also the {@code iss} its tokens carry. */
	public String issuer() {
		return this.issuer;
	}

	/** The RSA key pair whose public half the JWK set publishes. */
	public RSAKey rsaKey() {
		return this.rsaKey;
	}

	/** The P-256 key pair whose public half the JWK set publishes. */
	public ECKey ecKey() {
		return this.ecKey;
	}

	/**
	 * A token as this provider would issue it: issuer set, RS256.
	 * @param owner the subject
	 * @param scopes space-separated scopes, or {@code null} for none
	 * @return the token
	 */
	public String tokenFor(String owner, String scopes) {
		return Tokens.aToken().forSubject(owner).issuedBy(this.issuer).withScope(scopes).signedWith(this.rsaKey);
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
