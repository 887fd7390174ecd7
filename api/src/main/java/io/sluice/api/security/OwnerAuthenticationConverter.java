package io.sluice.api.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Makes the token's {@code sub} claim the caller's name, which is the owner of the jobs
 * the caller creates, and each scope in its {@code scope} and {@code scp} claims (a
 * space-separated string or a list, as identity providers differ) an authority
 * {@code SCOPE_<scope>}, such as {@code SCOPE_sluice:write}. A token without a subject is
 * refused (401) rather than accepted as an anonymous owner.
 */
class OwnerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private static final List<String> SCOPE_CLAIMS = List.of("scope", "scp");

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new InvalidBearerTokenException("The bearer token has no subject (sub).");
		}
		return new JwtAuthenticationToken(jwt, authorities(jwt), subject);
	}

	private static List<GrantedAuthority> authorities(Jwt jwt) {
		Set<String> scopes = new LinkedHashSet<>();
		for (String claim : SCOPE_CLAIMS) {
			Object value = jwt.getClaims().get(claim);
			if (value instanceof String text) {
				scopes.addAll(List.of(text.trim().split("\\s+")));
			}
			else if (value instanceof Collection<?> values) {
				values.forEach((scope) -> scopes.add(String.valueOf(scope)));
			}
		}
		scopes.remove("");
		return scopes.stream().<GrantedAuthority>map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList();
	}

}
