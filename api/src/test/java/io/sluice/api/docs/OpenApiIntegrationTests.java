package io.sluice.api.docs;

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

		for (String status : new String[] { "400", "401", "403", "413", "415", "422", "429", "500", "503" }) {
			assertThat(problemSchemaOf(submit, status)).as("POST %s", status).isEqualTo("#/components/schemas/Problem");
		}
		for (String status : new String[] { "401", "403", "404", "429", "500", "503" }) {
			assertThat(problemSchemaOf(read, status)).as("GET %s", status).isEqualTo("#/components/schemas/Problem");
		}
		JsonNode cancel = document.get("paths").get("/api/v1/jobs/{id}").get("delete");
		assertThat(problemSchemaOf(cancel, "409")).isEqualTo("#/components/schemas/Problem");
		assertThat(submit.get("parameters").valueStream().map((parameter) -> parameter.get("name").asString()))
			.contains("Idempotency-Key");
		JsonNode problem = document.get("components").get("schemas").get(OpenApiConfiguration.PROBLEM);
		assertThat(problem.get("properties").propertyNames()).contains("type", "title", "status", "detail", "instance",
				"errors");
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
