package io.sluice.api.security;

import io.sluice.api.web.ProblemResponses;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * On the public port, every request needs a bearer JWT except {@code /livez} and
 * {@code /readyz} (for probes), the API documentation, the page at {@code /} with its two
 * assets (it holds no data: it sends the token the user gives it with every API request),
 * and error and async dispatches (which continue a request already checked); nothing
 * under {@code /actuator} is served there. The actuator's own port
 * ({@code management.server.port}) needs no token: it is meant to be reachable from
 * inside the network only (ADR 0034). Stateless: no session, no CSRF token (nothing is
 * authenticated by cookie). Failures answer with problem bodies; every response carries
 * {@link SecurityHeaders}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ProblemResponses problems) {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
		// An ASYNC dispatch (an event stream ending) continues a request that was
		// authorized when it came in; the bearer filter does not run on it again.
		http.authorizeHttpRequests(
				(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
					.permitAll()
					.requestMatchers("/livez", "/readyz", "/error", "/v3/api-docs", "/v3/api-docs/**",
							"/swagger-ui.html", "/swagger-ui/**", "/", "/index.html", "/page.js", "/page.css")
					.permitAll()
					.anyRequest()
					.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new OwnerAuthenticationConverter()))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.headers(SecurityHeaders::apply)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		return http.build();
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
			.headers(SecurityHeaders::apply)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Bean
	@Conditional(SecretKeyJwtDecoders.NoExternalIssuerCondition.class)
	JwtDecoder secretKeyJwtDecoder(AuthProperties properties) {
		return SecretKeyJwtDecoders.forSecret(properties.jwtSecret());
	}

}
