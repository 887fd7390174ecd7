package io.sluice.api.security.owasp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP API Security Top 10 (2023), API9: Improper Inventory Management. The inventory of
 * what the API serves is its OpenAPI document: every request mapping the running
 * application holds (read from Spring MVC's {@link RequestMappingHandlerMapping}) is an
 * operation of the document, every operation of the document is served, nothing else
 * answers (no old version, no framework console, no static file beyond the page's three),
 * and every operation that is not public declares the bearer scheme and answers 401
 * without a token.
 */
class Api9InventoryManagementIntegrationTests extends ApiIntegrationTest {

	/**
	 * Handlers that are not API operations, and why: the document itself and Swagger UI
	 * (springdoc), and the error page every failed request is forwarded to.
	 */
	private static final Set<String> INFRASTRUCTURE = Set.of("org.springdoc.",
			"io.sluice.api.web.ProblemErrorController");

	/** Operations meant to answer without a token: none, today. */
	private static final Set<String> PUBLIC_OPERATIONS = Set.of();

	/** The only files served from the static resource locations: the page. */
	private static final Set<String> PAGE = Set.of("index.html", "page.js", "page.css");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void documentsEveryOperationTheApplicationServesAndServesEveryDocumentedOne() {
		Set<String> served = new TreeSet<>();
		List<String> anyMethod = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (isInfrastructure(handler)) {
				return;
			}
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (methods.isEmpty()) {
				anyMethod.add(info + " (" + handler + ")");
			}
			for (String path : patterns(info)) {
				methods.forEach((method) -> served.add(method.name() + " " + path));
			}
		});

		assertThat(anyMethod).as("mappings that answer every HTTP method").isEmpty();
		assertThat(served).as("operations served").isNotEmpty().contains("POST /api/v1/jobs", "GET /api/v1/jobs/{id}");
		assertThat(documentedOperations()).as("operations in /v3/api-docs").isEqualTo(served);
	}

	@Test
	void declaresTheBearerSchemeOnEveryOperationThatIsNotPublic() {
		JsonNode document = api().get("/v3/api-docs", null).json();
		JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
		assertThat(bearer.path("type").asString()).isEqualTo("http");
		assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");

		Set<String> unsecured = new TreeSet<>();
		document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			JsonNode security = operation.getValue().has("security") ? operation.getValue().get("security")
					: document.path("security");
			boolean declaresBearer = security.valueStream().anyMatch((requirement) -> requirement.has("bearer"));
			if (!declaresBearer) {
				unsecured.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
			}
		}));
		assertThat(unsecured).as("operations without the bearer scheme").isEqualTo(PUBLIC_OPERATIONS);
	}

	@Test
	void refusesEveryDocumentedOperationWithoutAToken() {
		String anyJob = UUID.randomUUID().toString();
		for (String operation : documentedOperations()) {
			if (PUBLIC_OPERATIONS.contains(operation)) {
				continue;
			}
			String method = operation.substring(0, operation.indexOf(' '));
			String path = operation.substring(operation.indexOf(' ') + 1)
				.replace("{id}", anyJob)
				.replace("{albumId}", "1")
				.replace("{owner}", "api9-owner");
			Response response = api().send(method, path, null, "application/json",
					method.equals("POST") ? aJob().withPhotos(1).toJson() : null);

			assertThat(response.status()).as(operation + ": " + response).isEqualTo(401);
			assertThat(response.contentType()).as(operation).startsWith("application/problem+json");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v0/jobs", "/api/v2/jobs", "/api/jobs", "/jobs", "/v2/api-docs", "/swagger-resources",
			"/h2-console", "/console", "/administrator", "/manage", "/jolokia", "/heapdump", "/env", "/metrics",
			"/prometheus", "/health", "/trace", "/.git/config", "/.env", "/application.yml", "/WEB-INF/web.xml",
			"/api/v1/jobs/export", "/api/v1/debug", "/graphql", "/error" })
	void servesNothingThatIsNotInTheInventory(String path) {
		assertProblem(api().get(path, api().tokenFor("api9-prober")), 404);
	}

	/**
	 * The one document Spring Security serves besides the API (RFC 9728, its protected
	 * resource metadata), which says only what is true of this API: bearer tokens in the
	 * header, the scopes it knows, no authorization server in secret mode, and no
	 * certificate-bound tokens, which it does not check.
	 */
	@Test
	void describesItselfTruthfullyAtTheProtectedResourceMetadataAddress() {
		Response metadata = api().get("/.well-known/oauth-protected-resource", null);

		assertThat(metadata.status()).as(metadata.toString()).isEqualTo(200);
		JsonNode document = metadata.json();
		assertThat(document.propertyNames()).containsExactlyInAnyOrder("resource", "resource_name",
				"bearer_methods_supported", "scopes_supported");
		assertThat(document.get("resource").asString()).isEqualTo("http://127.0.0.1:" + this.port);
		assertThat(document.get("resource_name").asString()).isEqualTo("Sluice");
		assertThat(document.get("bearer_methods_supported").values()).extracting(JsonNode::asString)
			.containsExactly("header");
		assertThat(document.get("scopes_supported").values()).extracting(JsonNode::asString)
			.containsExactly("sluice:read", "sluice:write", "sluice:admin");
	}

	@Test
	void servesNoStaticFileButThePage() throws IOException {
		Set<String> files = new TreeSet<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		// Spring Boot's static locations; META-INF/resources holds Swagger UI's webjar,
		// which springdoc serves under /swagger-ui/ only
		for (String location : List.of("static", "public", "resources")) {
			for (Resource resource : resolver.getResources("classpath*:/" + location + "/**")) {
				if (resource.isReadable()) {
					files.add(resource.getFilename());
				}
			}
		}

		assertThat(files).isEqualTo(PAGE);
		for (String file : PAGE) {
			assertThat(api().get("/" + file, null).status()).as(file).isEqualTo(200);
		}
	}

	private Set<String> documentedOperations() {
		Set<String> documented = new TreeSet<>();
		api().get("/v3/api-docs", null)
			.json()
			.path("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.propertyNames()
				.stream()
				.filter((name) -> Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace")
					.contains(name))
				.forEach((method) -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
		return documented;
	}

	private static Set<String> patterns(RequestMappingInfo info) {
		return (info.getPathPatternsCondition() != null) ? info.getPathPatternsCondition().getPatternValues()
				: info.getPatternValues();
	}

	private static boolean isInfrastructure(HandlerMethod handler) {
		String type = handler.getBeanType().getName();
		return INFRASTRUCTURE.stream().anyMatch(type::startsWith);
	}

}
