package io.sluice.api.job.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/jobs}: each test lists the jobs of an owner of its own.
 */
class JobHistoryIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void pagesThroughTheCallersJobsNewestFirstWithoutGapsOrRepeats() {
		String token = api().tokenFor("history-" + UUID.randomUUID());
		List<String> submitted = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			submitted.add(submit(token, aJob().withPhotos(1).toJson()));
		}
		// three jobs created at the same instant: their ids order them
		List<String> tied = submitted.subList(2, 5);
		this.jdbc.update("UPDATE import_job SET created_at = (SELECT created_at FROM import_job WHERE id = ?::uuid) "
				+ "WHERE id = ANY(?::uuid[])", tied.get(1), tied.toArray(String[]::new));
		List<String> expected = new ArrayList<>(List.of(submitted.get(6), submitted.get(5)));
		expected.addAll(tied.stream().sorted(Comparator.reverseOrder()).toList());
		expected.addAll(List.of(submitted.get(1), submitted.get(0)));

		List<String> listed = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String query = "/api/v1/jobs?limit=2";
		while (query != null) {
			Response page = api().get(query, token);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			JsonNode body = page.json();
			assertThat(body.propertyNames()).containsExactly("jobs", "next");
			body.get("jobs").forEach((job) -> listed.add(job.get("id").asString()));
			pageSizes.add(body.get("jobs").size());
			query = body.get("next").isNull() ? null : "/api/v1/jobs?limit=2&cursor=" + body.get("next").asString();
		}

		assertThat(pageSizes).containsExactly(2, 2, 2, 1);
		assertThat(listed).containsExactlyElementsOf(expected);
	}

	@Test
	void listsTwentyJobsUnlessAskedForUpToAHundred() {
		String token = api().tokenFor("history-" + UUID.randomUUID());
		for (int i = 0; i < 21; i++) {
			submit(token, aJob().withPhotos(1).toJson());
		}

		JsonNode first = api().get("/api/v1/jobs", token).json();
		JsonNode rest = api().get("/api/v1/jobs?cursor=" + first.get("next").asString(), token).json();
		JsonNode all = api().get("/api/v1/jobs?limit=100", token).json();

		assertThat(first.get("jobs").size()).isEqualTo(20);
		assertThat(rest.get("jobs").size()).isEqualTo(1);
		assertThat(rest.get("next").isNull()).isTrue();
		assertThat(all.get("jobs").size()).isEqualTo(21);
		assertThat(all.get("next").isNull()).isTrue();
		JsonNode job = all.get("jobs").get(0);
		assertThat(job.propertyNames()).containsExactly("id", "albumId", "status", "photos", "createdAt", "updatedAt",
				"finishedAt", "failureReason", "etaSeconds");
	}

	@Test
	void filtersByRepeatedOrCommaSeparatedStatusesAndByAlbum() {
		String token = api().tokenFor("history-" + UUID.randomUUID());
		long album = 4_242;
		long other = 4_343;
		String queued = submit(token, aJob().inAlbum(album).withPhotos(1).toJson());
		String cancelledInAlbum = submit(token, aJob().inAlbum(album).withPhotos(1).toJson());
		String cancelledElsewhere = submit(token, aJob().inAlbum(other).withPhotos(1).toJson());
		String completed = submit(token, aJob().inAlbum(other).withPhotos(1).toJson());
		api().delete("/api/v1/jobs/" + cancelledInAlbum, token);
		api().delete("/api/v1/jobs/" + cancelledElsewhere, token);
		this.jdbc.update("UPDATE import_job SET status = 'COMPLETED', written = 1, chunks_done = 1, "
				+ "finished_at = now() WHERE id = ?::uuid", completed);

		assertThat(ids("/api/v1/jobs?status=CANCELLED", token)).containsExactly(cancelledElsewhere, cancelledInAlbum);
		assertThat(ids("/api/v1/jobs?status=QUEUED&status=COMPLETED", token)).containsExactly(completed, queued);
		assertThat(ids("/api/v1/jobs?status=QUEUED,CANCELLED", token)).containsExactly(cancelledElsewhere,
				cancelledInAlbum, queued);
		assertThat(ids("/api/v1/jobs?albumId=" + album, token)).containsExactly(cancelledInAlbum, queued);
		assertThat(ids("/api/v1/jobs?albumId=" + other + "&status=COMPLETED", token)).containsExactly(completed);
		assertThat(ids("/api/v1/jobs?status=FAILED", token)).isEmpty();
	}

	@Test
	void filtersApplyOnEveryPage() {
		String token = api().tokenFor("history-" + UUID.randomUUID());
		List<String> inAlbum = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			inAlbum.add(0, submit(token, aJob().inAlbum(77).withPhotos(1).toJson()));
			submit(token, aJob().inAlbum(78).withPhotos(1).toJson());
		}

		JsonNode first = api().get("/api/v1/jobs?albumId=77&limit=3", token).json();
		JsonNode second = api().get("/api/v1/jobs?albumId=77&limit=3&cursor=" + first.get("next").asString(), token)
			.json();

		List<String> listed = new ArrayList<>();
		first.get("jobs").forEach((job) -> listed.add(job.get("id").asString()));
		second.get("jobs").forEach((job) -> listed.add(job.get("id").asString()));
		assertThat(listed).containsExactlyElementsOf(inAlbum);
		assertThat(second.get("next").isNull()).isTrue();
	}

	@Test
	void showsNoOneElsesJobs() {
		String alice = api().tokenFor("history-" + UUID.randomUUID());
		String bob = api().tokenFor("history-" + UUID.randomUUID());
		String alicesJob = submit(alice, aJob().withPhotos(1).toJson());
		submit(alice, aJob().withPhotos(1).toJson());
		JsonNode alicesFirstPage = api().get("/api/v1/jobs?limit=1", alice).json();

		assertThat(ids("/api/v1/jobs", bob)).isEmpty();
		assertThat(ids("/api/v1/jobs?limit=1&cursor=" + alicesFirstPage.get("next").asString(), bob))
			.as("another owner's cursor")
			.isEmpty();
		assertThat(ids("/api/v1/jobs?limit=1&cursor=" + alicesFirstPage.get("next").asString(), alice))
			.containsExactly(alicesJob);
	}

	@ParameterizedTest
	@CsvSource({ "limit=0, limit", "limit=101, limit", "limit=ten, limit", "limit=, limit", "status=DONE, status",
			"status=QUEUED%2Cdone, status", "albumId=0, albumId", "albumId=x, albumId", "cursor=%21%21, cursor",
			"cursor=ZmFpbHVyZXN8Mw, cursor", "cursor=am9ic3wxfDJ8bm90LWEtdXVpZA, cursor" })
	void refusesAMalformedParameterNamingIt(String query, String parameter) {
		Response response = api().get("/api/v1/jobs?" + query, api().tokenFor("history-" + UUID.randomUUID()));

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-query");
		assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
		assertThat(problem.get("errorCount").asInt()).isEqualTo(1);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(parameter);
		assertThat(problem.get("errors").get(0).get("index").isNull()).isTrue();
	}

	private String submit(String token, String body) {
		Response created = api().postJob(token, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		return created.json().get("id").asString();
	}

	private List<String> ids(String query, String token) {
		Response response = api().get(query, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("jobs").forEach((job) -> ids.add(job.get("id").asString()));
		return ids;
	}

}
