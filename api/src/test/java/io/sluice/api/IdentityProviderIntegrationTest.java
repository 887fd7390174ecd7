package io.sluice.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The API as production runs it with an identity provider: tokens verified against the
 * {@link TestIdentityProvider}'s JWK set, found by OpenID discovery from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, which is also the issuer
 * required ({@code sluice.auth.issuer} is unset); the audience stays {@code sluice-api};
 * and scopes required ({@code sluice.auth.require-scopes=true}). Every test class
 * extending this shares one application context, the second of the API's integration
 * tests.
 */
@TestPropertySource(properties = "sluice.auth.require-scopes=true")
public abstract class IdentityProviderIntegrationTest extends ApiIntegrationTest {

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIdentityProvider.shared()::issuer);
		registry.add("sluice.auth.issuer", () -> "");
	}

	protected TestIdentityProvider identityProvider() {
		return TestIdentityProvider.shared();
	}

}
