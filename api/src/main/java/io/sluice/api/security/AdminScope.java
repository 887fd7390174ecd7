package io.sluice.api.security;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Lets a request through only if its bearer token grants the scope {@value #SCOPE}: the
 * token's {@code scope} claim (a space-separated string, or a list) or its {@code scp}
 * claim (a list, or a string) names it. Read from the token itself rather than from
 * authorities, so that it holds however the token's scopes are mapped to authorities. Not
 * for the owners' own endpoints: they need no scope.
 */
final class AdminScope implements AuthorizationManager<RequestAuthorizationContext> {

	/** The scope of the operators' endpoints under {@code /admin}. */
	static final String SCOPE = "sluice:admin";

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		return new AuthorizationDecision(grants(authentication.get()));
	}

	static boolean grants(Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
			return false;
		}
		Jwt jwt = token.getToken();
		return scopes(jwt.getClaims().get("scope")).contains(SCOPE)
				|| scopes(jwt.getClaims().get("scp")).contains(SCOPE);
	}

	private static List<String> scopes(Object claim) {
		if (claim instanceof String text) {
			return List.of(text.trim().split("\\s+"));
		}
		if (claim instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

}
