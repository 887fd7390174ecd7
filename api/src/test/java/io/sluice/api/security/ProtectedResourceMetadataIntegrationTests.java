package io.sluice.api.security;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.IdentityProviderIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an identity provider, the protected resource metadata (RFC 9728) names it as the
 * API's authorization server, so that a client can find where to get a token; the rest is
 * as in secret mode ({@code Api9InventoryManagementIntegrationTests}).
 */
class ProtectedResourceMetadataIntegrationTests extends IdentityProviderIntegrationTest {

	@Test
	void namesTheIdentityProviderAsTheAuthorizationServer() {
		Response metadata = api().get("/.well-known/oauth-protected-resource", null);

		assertThat(metadata.status()).as(metadata.toString()).isEqualTo(200);
		JsonNode document = metadata.json();
		assertThat(document.get("authorization_servers").values()).extracting(JsonNode::asString)
			.containsExactly(identityProvider().issuer());
		assertThat(document.has("tls_client_certificate_bound_access_tokens")).isFalse();
		assertThat(document.get("scopes_supported").values()).extracting(JsonNode::asString)
			.containsExactly("sluice:read", "sluice:write", "sluice:admin");
	}

}
