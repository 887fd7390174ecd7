package io.sluice.api.security;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Makes the token's {@code sub} claim the caller's name, which is the owner of the jobs
 * the caller creates. A token without a subject is refused (401) rather than accepted as
 * an anonymous owner.
 */
class OwnerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new InvalidBearerTokenException("The bearer token has no subject (sub) claim");
		}
		return new JwtAuthenticationToken(jwt, List.of(), subject);
	}

}
