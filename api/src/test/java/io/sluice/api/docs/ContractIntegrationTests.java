package io.sluice.api.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published contract, {@code docs/openapi.yaml}, is what the running API serves at
 * {@code /v3/api-docs.yaml} (ADR 0043): code first, the file a checked snapshot. The
 * served document is written to {@code api/target/openapi.yaml} on every run, so that an
 * intended change is taken by copying it over the contract.
 */
class ContractIntegrationTests extends ApiIntegrationTest {

	static final Path CONTRACT = Path.of("..", "docs", "openapi.yaml");

	private static final Path SERVED = Path.of("target", "openapi.yaml");

	@Test
	void servesThePublishedContract() throws IOException {
		Response response = api().get("/v3/api-docs.yaml", null);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		Files.writeString(SERVED, response.body(), StandardCharsets.UTF_8);

		Yaml yaml = new Yaml();
		Object served = yaml.load(response.body());
		Object published = yaml.load(Files.readString(CONTRACT, StandardCharsets.UTF_8));
		// compared as trees, not text; reported as a verdict rather than as the two
		// documents, which run to thousands of lines
		assertThat(served.equals(published))
			.as("the API serves a document other than %s; if the change is meant, copy %s over it (diff the two to "
					+ "see what changed)", CONTRACT.normalize(), SERVED.toAbsolutePath())
			.isTrue();
	}

}
