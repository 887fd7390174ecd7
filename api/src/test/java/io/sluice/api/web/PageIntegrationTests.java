package io.sluice.api.web;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageIntegrationTests extends ApiIntegrationTest {

	@Test
	void servesThePageWithoutAToken() {
		Response page = api().get("/", null);

		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("<title>Sluice</title>", "src=\"page.js\"", "href=\"page.css\"",
				"aria-live=\"polite\"");
	}

	@Test
	void servesThePageAssetsWithoutAToken() {
		Response script = api().get("/page.js", null);
		Response style = api().get("/page.css", null);

		assertThat(script.status()).isEqualTo(200);
		assertThat(script.header("Content-Type")).contains("javascript");
		assertThat(script.body()).contains("/api/v1/jobs", "Idempotency-Key", "text/event-stream");
		assertThat(style.status()).isEqualTo(200);
		assertThat(style.header("Content-Type")).startsWith("text/css");
	}

	@Test
	void stillNeedsATokenForTheApi() {
		assertThat(api().get("/api/v1/jobs", null).status()).isEqualTo(401);
	}

}
