package io.sluice.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.api.AlbumsApi;
import io.sluice.client.api.JobFailuresApi;
import io.sluice.client.api.JobsApi;
import io.sluice.client.model.Album;
import io.sluice.client.model.FailedPhoto;
import io.sluice.client.model.FailureList;
import io.sluice.client.model.IdempotencyKeyReusedProblem;
import io.sluice.client.model.InvalidRequestProblem;
import io.sluice.client.model.JobList;
import io.sluice.client.model.JobRequest;
import io.sluice.client.model.JobStatus;
import io.sluice.client.model.JobTerminalProblem;
import io.sluice.client.model.JobView;
import io.sluice.client.model.PhotoRequest;
import io.sluice.client.model.Problem;
import io.sluice.embedded.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Sluice through the Java client generated from its contract, {@code docs/openapi.yaml},
 * and nothing else: what a back end that integrates with Sluice would write. If the
 * contract and the API drift apart, these calls stop compiling or start failing.
 */
@ExtendWith(TestStack.class)
class GeneratedClientIntegrationTests {

	private static final Duration JOB_END = Duration.ofSeconds(90);

	private final String owner = "client-" + UUID.randomUUID();

	private final ApiClient client = clientFor(TestStack.token(this.owner));

	private final JobsApi jobs = new JobsApi(this.client);

	private final ObjectMapper json = this.client.getObjectMapper();

	@Test
	void submitsWithAnIdempotencyKeyAndReplaysIt() throws Exception {
		JobRequest request = job(album(), 30, Set.of());
		String key = UUID.randomUUID().toString();

		ApiResponse<JobView> first = this.jobs.submitJobWithHttpInfo(request, key);
		ApiResponse<JobView> replay = this.jobs.submitJobWithHttpInfo(request, key);

		assertThat(first.getStatusCode()).isEqualTo(202);
		assertThat(first.getHeaders().get("location")).containsExactly("/api/v1/jobs/" + first.getData().getId());
		assertThat(first.getHeaders()).doesNotContainKey("idempotent-replayed");
		assertThat(replay.getStatusCode()).isEqualTo(202);
		assertThat(replay.getData().getId()).isEqualTo(first.getData().getId());
		assertThat(replay.getHeaders().get("idempotent-replayed")).containsExactly("true");
		JobView done = awaitEnd(first.getData().getId());
		assertThat(done.getStatus()).isEqualTo(JobStatus.COMPLETED);
		assertThat(done.getPhotos().getWritten()).isEqualTo(30);
		assertThat(this.jobs.listJobs(null, request.getAlbumId(), null, null).getJobs()).hasSize(1);

		ApiException reused = catchThrowableOfType(ApiException.class,
				() -> this.jobs.submitJob(job(request.getAlbumId(), 31, Set.of()), key));
		assertThat(reused.getCode()).isEqualTo(422);
		IdempotencyKeyReusedProblem problem = this.json.readValue(reused.getResponseBody(),
				IdempotencyKeyReusedProblem.class);
		assertThat(problem.getType()).hasToString("urn:sluice:problem:idempotency-key-reused");
		assertThat(problem.getJobId()).isEqualTo(first.getData().getId());
		assertThat(problem.getKeyExpiresAt()).isAfter(done.getCreatedAt());
	}

	@Test
	void getsAJobAndAnswers304ForTheViewTheClientHas() throws Exception {
		JobView submitted = this.jobs.submitJob(job(album(), 5, Set.of()), null);
		awaitEnd(submitted.getId());

		ApiResponse<JobView> read = this.jobs.getJobWithHttpInfo(submitted.getId(), null);
		String etag = read.getHeaders().get("etag").get(0);
		ApiException notModified = catchThrowableOfType(ApiException.class,
				() -> this.jobs.getJob(submitted.getId(), etag));

		assertThat(read.getData().getStatus()).isEqualTo(JobStatus.COMPLETED);
		assertThat(read.getData().getFinishedAt()).isNotNull();
		assertThat(read.getData().getEtaSeconds()).isZero();
		assertThat(notModified.getCode()).as("the generated client reports 304 as an ApiException").isEqualTo(304);
		assertThat(notModified.getResponseHeaders().firstValue("etag")).hasValue(etag);
	}

	@Test
	void listsJobsWithFiltersAPageAtATime() throws Exception {
		long album = album();
		List<UUID> submitted = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			submitted.add(this.jobs.submitJob(job(album, 2, Set.of()), null).getId());
		}
		UUID elsewhere = this.jobs.submitJob(job(album(), 2, Set.of()), null).getId();
		submitted.forEach(this::awaitEnd);
		awaitEnd(elsewhere);

		List<UUID> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JobList page = this.jobs.listJobs(List.of(JobStatus.COMPLETED, JobStatus.FAILED), album, 2, cursor);
			page.getJobs().forEach((view) -> paged.add(view.getId()));
			cursor = page.getNext();
			pages++;
		}
		while (cursor != null);

		List<UUID> newestFirst = new ArrayList<>(submitted);
		Collections.reverse(newestFirst);
		assertThat(paged).as("newest first, each once").containsExactlyElementsOf(newestFirst);
		assertThat(pages).isEqualTo(2);
		assertThat(this.jobs.listJobs(List.of(JobStatus.RUNNING), album, null, null).getJobs()).isEmpty();
		assertThat(this.jobs.listJobs(null, null, 100, null).getJobs()).extracting(JobView::getId)
			.containsAll(submitted)
			.contains(elsewhere);
	}

	@Test
	void readsTheFailuresOfAJobThatEndedWithErrors() throws Exception {
		Set<Integer> poisoned = Set.of(3, 7, 11);
		JobView submitted = this.jobs.submitJob(job(album(), 20, poisoned), null);
		JobView done = awaitEnd(submitted.getId());

		List<FailedPhoto> failures = new ArrayList<>();
		String cursor = null;
		do {
			FailureList page = new JobFailuresApi(this.client).listJobFailures(submitted.getId(), 2, cursor);
			assertThat(page.getStatus()).isEqualTo(JobStatus.COMPLETED_WITH_ERRORS);
			assertThat(page.getFailed()).isEqualTo(3);
			failures.addAll(page.getFailures());
			cursor = page.getNext();
		}
		while (cursor != null);

		assertThat(done.getStatus()).isEqualTo(JobStatus.COMPLETED_WITH_ERRORS);
		assertThat(done.getPhotos().getWritten()).isEqualTo(17);
		assertThat(done.getPhotos().getFailed()).isEqualTo(3);
		assertThat(failures).extracting(FailedPhoto::getIndex).containsExactly(3, 7, 11);
		assertThat(failures).extracting(FailedPhoto::getCode).containsOnly("23514");
		assertThat(failures.get(0).getUrl()).contains(TestStack.POISON);
	}

	@Test
	void cancelsARunningJobAndRefusesToCancelAnEndedOne() throws Exception {
		// large enough that the workers are still at it when the cancel arrives
		JobView running = this.jobs.submitJob(job(album(), 20_000, Set.of()), null);
		ApiResponse<JobView> cancelled = this.jobs.cancelJobWithHttpInfo(running.getId());
		JobView again = this.jobs.cancelJob(running.getId());
		JobView finished = this.jobs.submitJob(job(album(), 3, Set.of()), null);
		awaitEnd(finished.getId());

		ApiException refused = catchThrowableOfType(ApiException.class, () -> this.jobs.cancelJob(finished.getId()));

		assertThat(cancelled.getStatusCode()).isEqualTo(202);
		JobView view = cancelled.getData();
		assertThat(view.getStatus()).isEqualTo(JobStatus.CANCELLED);
		assertThat(view.getPhotos().getWritten() + view.getPhotos().getDuplicate() + view.getPhotos().getFailed()
				+ view.getPhotos().getCancelled())
			.isEqualTo(20_000);
		assertThat(view.getPhotos().getCancelled()).isPositive();
		assertThat(again.getStatus()).isEqualTo(JobStatus.CANCELLED);
		assertThat(again.getPhotos()).isEqualTo(view.getPhotos());
		assertThat(refused.getCode()).isEqualTo(409);
		JobTerminalProblem problem = this.json.readValue(refused.getResponseBody(), JobTerminalProblem.class);
		assertThat(problem.getType()).hasToString("urn:sluice:problem:job-terminal");
		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getJobId()).isEqualTo(finished.getId());
		assertThat(problem.getJobStatus()).isEqualTo(JobStatus.COMPLETED);
		assertThat(problem.getInstance()).hasToString("/api/v1/jobs/" + finished.getId());
	}

	@Test
	void readsTheFieldsOfAProblem() throws Exception {
		JobRequest invalid = job(album(), 3, Set.of());
		invalid.getPhotos().get(1).setUrl("ftp://example.com/1.jpg");

		ApiException refused = catchThrowableOfType(ApiException.class, () -> this.jobs.submitJob(invalid, null));
		ApiException unknown = catchThrowableOfType(ApiException.class,
				() -> this.jobs.getJob(UUID.randomUUID(), null));
		ApiException unauthenticated = catchThrowableOfType(ApiException.class,
				() -> new JobsApi(clientFor("not-a-token")).listJobs(null, null, null, null));

		assertThat(refused.getCode()).isEqualTo(400);
		assertThat(refused.getResponseHeaders().firstValue("content-type")).hasValue("application/problem+json");
		InvalidRequestProblem problem = this.json.readValue(refused.getResponseBody(), InvalidRequestProblem.class);
		assertThat(problem.getType()).hasToString("urn:sluice:problem:invalid-request");
		assertThat(problem.getErrorCount()).isEqualTo(1);
		assertThat(problem.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getIndex()).isEqualTo(1);
			assertThat(error.getField()).isEqualTo("url");
			assertThat(error.getMessage()).isNotBlank();
		});
		assertThat(unknown.getCode()).isEqualTo(404);
		assertThat(this.json.readValue(unknown.getResponseBody(), Problem.class).getType()).hasToString("about:blank");
		assertThat(unauthenticated.getCode()).isEqualTo(401);
		assertThat(this.json.readValue(unauthenticated.getResponseBody(), Problem.class).getType())
			.hasToString("urn:sluice:problem:invalid-token");
	}

	@Test
	void showsAnOperatorWhoOwnsAnAlbum() throws Exception {
		long album = album();
		awaitEnd(this.jobs.submitJob(job(album, 1, Set.of()), null).getId());
		String operator = DevTokens.mint(TestStack.secret(), "client-operator", Duration.ofHours(1),
				DevTokens.ADMIN_SCOPE);

		Album read = new AlbumsApi(clientFor(operator)).getAlbum(album);
		ApiException forbidden = catchThrowableOfType(ApiException.class,
				() -> new AlbumsApi(this.client).getAlbum(album));

		assertThat(read.getAlbumId()).isEqualTo(album);
		assertThat(read.getOwner()).isEqualTo(this.owner);
		assertThat(read.getSharedWith()).isEmpty();
		assertThat(forbidden.getCode()).isEqualTo(403);
	}

	private JobView awaitEnd(UUID id) {
		return await().atMost(JOB_END)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.jobs.getJob(id, null), (view) -> view.getFinishedAt() != null);
	}

	private static ApiClient clientFor(String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri(TestStack.stack().apiUrl());
		client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		return client;
	}

	private static long album() {
		return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
	}

	private static JobRequest job(long album, int photos, Set<Integer> poisoned) {
		String run = UUID.randomUUID().toString();
		return new JobRequest().albumId(album)
			.photos(IntStream.range(0, photos)
				.mapToObj((i) -> new PhotoRequest()
					.url("https://img.example/client/" + (poisoned.contains(i) ? "poison/" : "") + run + "/" + i
							+ ".jpg")
					.caption("Photo " + i))
				.collect(Collectors.toCollection(ArrayList::new)));
	}

}
