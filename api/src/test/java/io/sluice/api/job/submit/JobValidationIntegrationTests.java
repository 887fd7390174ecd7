package io.sluice.api.job.submit;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.JobRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JobValidationIntegrationTests extends ApiIntegrationTest {

	private static final String OK = "{\"url\": \"https://cdn.example.com/ok.jpg\"}";

	@Autowired
	private JdbcTemplate jdbc;

	static Stream<Arguments> rules() {
		String longUrl = "https://cdn.example.com/" + "a".repeat(2_049 - 24);
		return Stream.of(
				// the job's own fields: no index
				arguments("albumId missing", "{\"photos\": [" + OK + "]}", null, "albumId", "is required"),
				arguments("albumId zero", body("0", OK), null, "albumId", "positive"),
				arguments("albumId negative", body("-5", OK), null, "albumId", "positive"),
				arguments("albumId a string", body("\"42\"", OK), null, "albumId", "integer"),
				arguments("albumId a fraction", body("1.5", OK), null, "albumId", "integer"),
				arguments("albumId a boolean", body("true", OK), null, "albumId", "integer"),
				arguments("albumId out of range", body("123456789012345678901234567890", OK), null, "albumId", "range"),
				arguments("photos missing", "{\"albumId\": 7}", null, "photos", "is required"),
				arguments("photos empty", "{\"albumId\": 7, \"photos\": []}", null, "photos", "at least 1"),
				arguments("photos not an array", "{\"albumId\": 7, \"photos\": " + OK + "}", null, "photos", "array"),
				// a property the request does not define, misspelt or not (ADR 0044)
				arguments("callback misspelt",
						"{\"albumId\": 7, \"photos\": [" + OK
								+ "], \"calback\": {\"url\": \"https://h.example.com/\"}}",
						null, "calback", "did you mean 'callback'?"),
				arguments("albumId in other case", "{\"albumid\": 7, \"photos\": [" + OK + "]}", null, "albumid",
						"did you mean 'albumId'?"),
				arguments("a property of no kind", "{\"albumId\": 7, \"photos\": [" + OK + "], \"tags\": []}", null,
						"tags", "is not a property of this object; its properties are albumId, callback, photos"),
				arguments("callback's url misspelt",
						"{\"albumId\": 7, \"photos\": [" + OK
								+ "], \"callback\": {\"uri\": \"https://h.example.com/\"}}",
						null, "callback.uri", "did you mean 'url'?"),
				arguments("callback's url not a string",
						"{\"albumId\": 7, \"photos\": [" + OK + "], \"callback\": {\"url\": 5}}", null, "callback.url",
						"string"),
				arguments("too many photos", aJob().inAlbum(7).withPhotos(2_001).toJson(), null, "photos",
						"at most 2000"),
				// one photo's fields: its index
				arguments("photo null", body("7", OK + ", null"), 1, null, "JSON object"),
				arguments("photo not an object", body("7", OK + ", \"https://cdn.example.com/a.jpg\""), 1, null,
						"JSON object"),
				arguments("url missing", body("7", OK + ", {\"caption\": \"no url\"}"), 1, "url", "is required"),
				arguments("url not a string", body("7", OK + ", {\"url\": 17}"), 1, "url", "string"),
				arguments("url relative", body("7", OK + ", " + OK + ", {\"url\": \"photos/a.jpg\"}"), 2, "url",
						"absolute"),
				arguments("url not http", body("7", OK + ", {\"url\": \"ftp://cdn.example.com/a.jpg\"}"), 1, "url",
						"http or https"),
				arguments("url without host", body("7", OK + ", {\"url\": \"https:///a.jpg\"}"), 1, "url", "host"),
				arguments("url too long", body("7", OK + ", {\"url\": \"" + longUrl + "\"}"), 1, "url", "2048"),
				arguments("url with a control character",
						body("7", OK + ", {\"url\": \"https://cdn.example.com/a\\n.jpg\"}"), 1, "url", "control"),
				arguments("caption too long",
						body("7", OK + ", {\"url\": \"https://h/a.jpg\", \"caption\": \"" + "x".repeat(2_001) + "\"}"),
						1, "caption", "2000"),
				arguments("caption with NUL",
						body("7", OK + ", {\"url\": \"https://h/a.jpg\", \"caption\": \"a\\u0000b\"}"), 1, "caption",
						"U+0000"),
				arguments("caption misspelt",
						body("7", OK + ", " + OK + ", {\"url\": \"https://h/a.jpg\", \"captoin\": \"Beach\"}"), 2,
						"captoin", "(did you mean 'caption'?); its properties are caption, url"),
				arguments("caption not a string", body("7", OK + ", {\"url\": \"https://h/a.jpg\", \"caption\": 5}"), 1,
						"caption", "string"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void answersEachBrokenRuleWithAProblemNamingIndexAndField(String rule, String json, Integer index, String field,
			String message) {
		Response response = api().postJob(api().tokenFor("validator"), json);

		JsonNode problem = assertProblem(response, 400);
		JsonNode error = problem.get("errors").get(0);
		assertThat(error.get("index").isNull() ? null : error.get("index").asInt()).as("index").isEqualTo(index);
		assertThat(error.get("field").isNull() ? null : error.get("field").asString()).as("field").isEqualTo(field);
		assertThat(error.get("message").asString()).as("message").contains(message);
		assertThat(problem.get("errorCount").asInt()).isOne();
	}

	@Test
	void listsEveryBrokenRuleInOrderAndStoresNothing() {
		long album = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		JobRequests job = aJob().inAlbum(album)
			.withPhotos(3)
			.withPhoto("ftp://cdn.example.com/3.jpg", null)
			.withPhotos(3)
			.withPhoto("https://cdn.example.com/7.jpg", "x".repeat(2_001));

		Response response = api().postJob(api().tokenFor("validator"), job.toJson());

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-request");
		assertThat(problem.get("errorCount").asInt()).isEqualTo(2);
		assertThat(problem.get("errors")).hasSize(2);
		assertThat(problem.get("errors").get(0).get("index").asInt()).isEqualTo(3);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("url");
		assertThat(problem.get("errors").get(1).get("index").asInt()).isEqualTo(7);
		assertThat(problem.get("errors").get(1).get("field").asString()).isEqualTo("caption");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE album_id = ?", Integer.class, album))
			.isZero();
	}

	@Test
	void capsTheErrorsListAndCountsEveryError() {
		JobRequests job = aJob();
		for (int i = 0; i < 150; i++) {
			job.withPhoto("not a url " + i, null);
		}

		JsonNode problem = assertProblem(api().postJob(api().tokenFor("validator"), job.toJson()), 400);

		assertThat(problem.get("errors")).hasSize(100);
		assertThat(problem.get("errorCount").asInt()).isEqualTo(150);
		assertThat(problem.get("errors").get(99).get("index").asInt()).isEqualTo(99);
	}

	@Test
	void answersMalformedJsonWithAProblemNotAStackTrace() {
		Response response = api().postJob(api().tokenFor("validator"), "{\"albumId\": 7, \"photos\": [");

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:malformed-body");
		assertThat(problem.get("errors").get(0).get("message").asString()).contains("not valid JSON");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void answersAnEmptyBodyWithAProblem() {
		assertProblem(api().postJob(api().tokenFor("validator"), ""), 400);
	}

	@Test
	void answersAJsonNullBodyWithAProblem() {
		JsonNode problem = assertProblem(api().postJob(api().tokenFor("validator"), "null"), 400);

		assertThat(problem.get("errors").get(0).get("message").asString()).contains("JSON object");
	}

	@Test
	void refusesABodyOverTheLimitWithContentLength() {
		byte[] body = oversizedBody();

		Response response = api().postJobBytes(api().tokenFor("validator"), body);

		JsonNode problem = assertProblem(response, 413);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:body-too-large");
	}

	@Test
	void refusesAChunkedBodyOverTheLimitAsItIsRead() {
		byte[] body = oversizedBody();

		Response response = api().postJobChunked(api().tokenFor("validator"), body);

		JsonNode problem = assertProblem(response, 413);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:body-too-large");
	}

	@Test
	void acceptsAChunkedBodyUnderTheLimit() {
		byte[] body = aJob().withPhotos(10).toJson().getBytes(StandardCharsets.UTF_8);

		Response response = api().postJobChunked(api().tokenFor("validator"), body);

		assertThat(response.status()).as(response.toString()).isEqualTo(202);
	}

	@Test
	void answersAnUnsupportedContentTypeWithAProblem() {
		Response response = api().send("POST", "/api/v1/jobs", api().tokenFor("validator"), "text/plain", "hello");

		assertProblem(response, 415);
	}

	@Test
	void answersAnUnsupportedMethodWithAProblem() {
		Response response = api().send("PUT", "/api/v1/jobs", api().tokenFor("validator"), "application/json", "{}");

		assertProblem(response, 405);
	}

	@Test
	void answersAnUnknownPathWithAProblem() {
		Response response = api().get("/api/v1/nothing-here", api().tokenFor("validator"));

		assertProblem(response, 404);
	}

	private static byte[] oversizedBody() {
		// about 390 KB of otherwise valid JSON; the limit in these tests is 256 KB
		JobRequests job = aJob();
		for (int i = 0; i < 200; i++) {
			job.withPhoto("https://cdn.example.com/big/" + i + ".jpg", "y".repeat(1_900));
		}
		return job.toJson().getBytes(StandardCharsets.UTF_8);
	}

	private static String body(String albumId, String photos) {
		return "{\"albumId\": " + albumId + ", \"photos\": [" + photos + "]}";
	}

}
