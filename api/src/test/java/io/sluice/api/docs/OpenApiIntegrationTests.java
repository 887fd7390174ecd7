package io.sluice.api.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiIntegrationTests extends ApiIntegrationTest {

	@Test
	void servesTheDocumentWithoutATokenGeneratedFromTheControllers() {
		Response response = api().get("/v3/api-docs", null);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode paths = response.json().get("paths");
		assertThat(paths.get("/api/v1/jobs").has("post")).isTrue();
		assertThat(paths.get("/api/v1/jobs/{id}").has("get")).isTrue();
		assertThat(response.json().get("info").get("title").asString()).isEqualTo("Sluice API");
	}

	@Test
	void declaresTheBearerSchemeForEveryOperation() {
		JsonNode document = api().get("/v3/api-docs", null).json();

		JsonNode scheme = document.get("components").get("securitySchemes").get(OpenApiConfiguration.BEARER);
		assertThat(scheme.get("type").asString()).isEqualTo("http");
		assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
		assertThat(scheme.get("bearerFormat").asString()).isEqualTo("JWT");
		assertThat(document.get("security").get(0).has(OpenApiConfiguration.BEARER)).isTrue();
	}

	@Test
	void describesEveryErrorAsAProblemAndTheIdempotencyKey() {
		JsonNode document = api().get("/v3/api-docs", null).json();
		JsonNode submit = document.get("paths").get("/api/v1/jobs").get("post");
		JsonNode read = document.get("paths").get("/api/v1/jobs/{id}").get("get");

		for (String status : new String[] { "400", "401", "403", "409", "413", "415", "422", "429", "500", "503" }) {
			assertThat(problemSchemaOf(submit, status)).as("POST %s", status).endsWith("Problem");
		}
		for (String status : new String[] { "401", "403", "404", "429", "500", "503" }) {
			assertThat(problemSchemaOf(read, status)).as("GET %s", status).endsWith("Problem");
		}
		JsonNode cancel = document.get("paths").get("/api/v1/jobs/{id}").get("delete");
		assertThat(problemSchemaOf(cancel, "409")).isEqualTo("#/components/schemas/JobTerminalProblem");
		assertThat(problemSchemaOf(submit, "422")).isEqualTo("#/components/schemas/IdempotencyKeyReusedProblem");
		assertThat(submit.get("parameters").valueStream().map((parameter) -> parameter.get("name").asString()))
			.contains("Idempotency-Key");
		JsonNode problem = document.get("components").get("schemas").get(OpenApiConfiguration.PROBLEM);
		assertThat(problem.get("properties").propertyNames()).contains("type", "title", "status", "detail", "instance");
		JsonNode invalid = document.get("components").get("schemas").get("InvalidRequestProblem").get("allOf");
		assertThat(invalid.get(0).get("$ref").asString()).isEqualTo("#/components/schemas/Problem");
		assertThat(invalid.get(1).get("required").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("errors", "errorCount");
	}

	@Test
	void namesEveryOperationAndTypesEveryParameterForGeneratedClients() {
		JsonNode document = api().get("/v3/api-docs", null).json();

		Map<String, String> operations = new TreeMap<>();
		List<String> untyped = new ArrayList<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			JsonNode operation = method.getValue();
			operations.put(operation.get("operationId").asString(), operation.get("tags").get(0).asString());
			JsonNode parameters = operation.get("parameters");
			if (parameters != null) {
				parameters.valueStream()
					.filter((parameter) -> Set.of("albumId", "limit", "id").contains(parameter.get("name").asString()))
					.filter((parameter) -> "string".equals(parameter.get("schema").path("type").asString())
							&& !"uuid".equals(parameter.get("schema").path("format").asString()))
					.forEach((parameter) -> untyped
						.add(operation.get("operationId").asString() + " " + parameter.get("name").asString()));
			}
		}));

		assertThat(operations)
			.containsExactlyInAnyOrderEntriesOf(Map.of("submitJob", "jobs", "getJob", "jobs", "cancelJob", "jobs",
					"listJobs", "jobs", "listJobFailures", "job-failures", "streamJobEvents", "job-events", "getAlbum",
					"albums", "handOverAlbum", "albums", "shareAlbum", "albums", "unshareAlbum", "albums"));
		assertThat(untyped).as("parameters that hold numbers or ids, typed as plain strings").isEmpty();
		assertThat(document.get("paths").propertyNames()).noneMatch((path) -> path.startsWith("/error"));
		assertThat(document.get("components").get("schemas").propertyNames()).doesNotContain("HttpHeaders", "MediaType",
				"ContentDisposition", "HttpRange", "SseEmitter");
		JsonNode events = document.get("paths").get("/api/v1/jobs/{id}/events").get("get");
		assertThat(events.get("responses").get("200").get("content").propertyNames())
			.containsExactly("text/event-stream");
	}

	@Test
	void servesSwaggerUiWithoutAToken() {
		Response response = api().get("/swagger-ui/index.html", null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("swagger-ui");
	}

	private static String problemSchemaOf(JsonNode operation, String status) {
		JsonNode response = operation.get("responses").get(status);
		assertThat(response).as("response %s", status).isNotNull();
		return response.get("content").get("application/problem+json").get("schema").get("$ref").asString();
	}

}
