package io.sluice.api.security;

import java.time.Clock;
import java.util.List;

import io.sluice.api.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.StringUtils;

/**
 * On the public port, every request needs a bearer JWT except {@code /livez} and
 * {@code /readyz} (for probes), the API documentation, the page at {@code /} with its two
 * assets (it holds no data: it sends the token the user gives it with every API request),
 * and error and async dispatches (which continue a request already checked); nothing
 * under {@code /actuator} is served there. The actuator's own port
 * ({@code management.server.port}) needs no token: it is meant to be reachable from
 * inside the network only (ADR 0034). {@code /admin/**} needs the scope
 * {@code sluice:admin}; with {@code sluice.auth.require-scopes}, submitting and
 * cancelling need {@code sluice:write} and reading {@code sluice:read}. Tokens are
 * checked in full in both modes (ADR 0033). Stateless: no session, no CSRF token (nothing
 * is authenticated by cookie). Failures answer with problem bodies; every response
 * carries {@link SecurityHeaders}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

	/** Submitting and cancelling, when {@code sluice.auth.require-scopes} is on. */
	static final String WRITE_SCOPE = "sluice:write";

	/** Reading jobs, events, failures and listings, when scopes are required. */
	static final String READ_SCOPE = "sluice:read";

	/** Everything under {@code /admin}, whatever {@code require-scopes} says. */
	static final String ADMIN_SCOPE = "sluice:admin";

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ProblemResponses problems, AuthProperties properties,
			ObjectProvider<OAuth2ResourceServerProperties> resourceServerProperties) {
		String authorizationServer = resourceServerProperties.stream()
			.map((resourceServer) -> resourceServer.getJwt().getIssuerUri())
			.filter(StringUtils::hasText)
			.findFirst()
			.orElse(null);
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
		// An ASYNC dispatch (an event stream ending) continues a request that was
		// authorized when it came in; the bearer filter does not run on it again.
		http.authorizeHttpRequests((requests) -> requests
			.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/livez", "/readyz", "/error", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
					"/swagger-ui.html", "/swagger-ui/**", "/", "/index.html", "/page.js", "/page.css")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasAuthority("SCOPE_" + ADMIN_SCOPE)
			.requestMatchers(HttpMethod.POST, "/api/v1/jobs")
			.access(scope(WRITE_SCOPE, properties))
			.requestMatchers(HttpMethod.DELETE, "/api/v1/jobs/*")
			.access(scope(WRITE_SCOPE, properties))
			.requestMatchers("/api/v1/**")
			.access(scope(READ_SCOPE, properties))
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new OwnerAuthenticationConverter()))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.protectedResourceMetadata((metadata) -> metadata
					.protectedResourceMetadataCustomizer((document) -> describe(document, authorizationServer))))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.headers(SecurityHeaders::apply);
		DefaultSecurityFilterChain chain = stateless(http).build();
		answerFailuresThrough(entryPoint, chain);
		return chain;
	}

	/**
	 * Has both token filters answer every failure through the entry point, with a problem
	 * body. The bearer filter by default rethrows an
	 * {@link AuthenticationServiceException} (a token that could not be checked, say
	 * because the identity provider's keys cannot be fetched), which becomes a 500; the
	 * entry point answers it 503. The filter Spring adds for tokens sent under the DPoP
	 * scheme sets a challenge but writes no body; the entry point adds one. Neither
	 * filter can be reached through the configurers for both, so they are set here.
	 */
	private static void answerFailuresThrough(ProblemAuthenticationEntryPoint entryPoint,
			DefaultSecurityFilterChain chain) {
		for (Filter filter : chain.getFilters()) {
			if (filter instanceof BearerTokenAuthenticationFilter bearer) {
				AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(
						entryPoint);
				failures.setRethrowAuthenticationServiceException(false);
				bearer.setAuthenticationFailureHandler(failures);
			}
			else if (filter instanceof AuthenticationFilter dpop) {
				dpop.setFailureHandler(entryPoint.forDPoP(dpop.getFailureHandler()));
			}
		}
	}

	/**
	 * What {@code /.well-known/oauth-protected-resource} (RFC 9728) says, which Spring
	 * Security serves to anyone: only what is true of this API. Bearer tokens in the
	 * {@code Authorization} header (Spring's default), the scopes it knows, its name, and
	 * the identity provider's issuer as its authorization server when one is configured
	 * by {@code issuer-uri}. Spring's default also claims certificate-bound tokens
	 * ({@code tls_client_certificate_bound_access_tokens}), which this API does not
	 * check, so that claim is removed.
	 */
	private static void describe(OAuth2ProtectedResourceMetadata.Builder document, String authorizationServer) {
		document.resourceName("Sluice")
			.scopes((scopes) -> scopes.addAll(List.of(READ_SCOPE, WRITE_SCOPE, ADMIN_SCOPE)))
			.claims((claims) -> claims.remove("tls_client_certificate_bound_access_tokens"));
		if (authorizationServer != null) {
			document.authorizationServer(authorizationServer);
		}
	}

	/**
	 * The management port: open, ahead of the API's chain, which would otherwise ask the
	 * scraper and the probes for a token there.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, Environment environment) {
		http.securityMatcher(new ManagementPortRequests(environment))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.headers(SecurityHeaders::apply);
		return stateless(http).build();
	}

	/**
	 * No session, no CSRF token (nothing is authenticated by cookie), no saved requests,
	 * no login or logout pages: every request stands on its own.
	 */
	private static HttpSecurity stateless(HttpSecurity http) {
		return http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
	}

	/**
	 * Any authenticated caller, or only one whose token carries the scope when
	 * {@code sluice.auth.require-scopes} is on.
	 */
	private static AuthorizationManager<RequestAuthorizationContext> scope(String scope, AuthProperties properties) {
		return properties.requireScopes() ? AuthorityAuthorizationManager.hasAuthority("SCOPE_" + scope)
				: AuthenticatedAuthorizationManager.authenticated();
	}

	/**
	 * Spring Security's strict firewall with its own rules for header names and values,
	 * checked without regular expressions ({@link HeaderCharacters}).
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
		return firewall;
	}

	@Bean
	@Conditional(SecretKeyJwtDecoders.NoExternalIssuerCondition.class)
	JwtDecoder secretKeyJwtDecoder(AuthProperties properties) {
		return new VerifiedTokenCache(SecretKeyJwtDecoders.forSecret(properties, Clock.systemUTC()),
				properties.clockSkew(), Clock.systemUTC());
	}

	@Bean
	@Conditional(SecretKeyJwtDecoders.ExternalIssuerCondition.class)
	JwtDecoder identityProviderJwtDecoder(OAuth2ResourceServerProperties resourceServer, AuthProperties properties) {
		return new VerifiedTokenCache(
				IdentityProviderJwtDecoders.forIdentityProvider(resourceServer.getJwt(), properties, Clock.systemUTC()),
				properties.clockSkew(), Clock.systemUTC());
	}

}
