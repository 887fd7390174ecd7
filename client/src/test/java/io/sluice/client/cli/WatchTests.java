package io.sluice.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.sluice.client.cli.StubApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code sluice watch} follows a job: on its event stream, and by polling with
 * If-None-Match and Retry-After when the stream cannot be had; against a stub, whose
 * stream can be made to fail.
 */
class WatchTests {

	private static final String JOB = "/api/v1/jobs/" + StubViews.ID;

	@TempDir
	Path directory;

	private StubApi api;

	private CliRunner cli;

	@BeforeEach
	void start() throws IOException {
		this.api = new StubApi();
		this.cli = new CliRunner(this.directory).withVariable("SLUICE_API_URL", this.api.url())
			.withVariable("SLUICE_TOKEN", "t0ken");
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void followsTheEventStreamToTheJobsEnd() {
		this.api.answer("GET", JOB, Answer.json(200, StubViews.view("QUEUED", 10, 0, 0)));
		this.api.answer("GET", JOB + "/events",
				new Answer(200, Map.of("Content-Type", "text/event-stream"),
						": keep-alive\n\n" + "event: job\nid: 1\ndata: " + StubViews.view("RUNNING", 10, 4, 0) + "\n\n"
								+ "event: job\nid: 2\ndata: " + StubViews.view("COMPLETED_WITH_ERRORS", 10, 9, 1)
								+ "\n\n"));

		CliRunner.Result result = this.cli.run("watch", StubViews.ID.toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("progress: 4/10 photos (4 written, 0 duplicate, 0 failed) RUNNING\n"
				+ "progress: 10/10 photos (9 written, 0 duplicate, 1 failed) COMPLETED_WITH_ERRORS\n");
		assertThat(result.outLines()).contains("status     COMPLETED_WITH_ERRORS",
				"photos     10 photos: 9 written, 0 duplicate, 1 failed, 0 cancelled");
		assertThat(this.api.requests()).extracting(StubApi.Request::path).containsExactly(JOB, JOB + "/events");
		assertThat(this.api.requests().get(1).headers().getFirst("Accept")).isEqualTo("text/event-stream");
	}

	@Test
	void pollsWithIfNoneMatchAndRetryAfterWhenTheStreamFails() {
		this.api.answer("GET", JOB, Answer.json(200, StubViews.view("QUEUED", 10, 0, 0)),
				Answer.json(200, StubViews.view("RUNNING", 10, 5, 0), "ETag", "W/\"5\"", "Retry-After", "2"),
				new Answer(304, Map.of("ETag", "W/\"5\"", "Retry-After", "3"), ""),
				Answer.json(200, StubViews.view("COMPLETED", 10, 10, 0), "ETag", "W/\"6\""));
		this.api.answer("GET", JOB + "/events", Answer.json(503, StubViews.problem(503,
				"urn:sluice:problem:unavailable", "Service unavailable", "Too many streams on this instance.")));

		CliRunner.Result result = this.cli.run("watch", StubViews.ID.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err())
			.startsWith("sluice: the event stream of job " + StubViews.ID + " answered 503; polling instead\n");
		assertThat(this.cli.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
		assertThat(this.api.requests()).extracting((request) -> request.headers().getFirst("If-None-Match"))
			.containsExactly(null, null, null, "W/\"5\"", "W/\"5\"");
		assertThat(result.outLines()).contains("status     COMPLETED");
	}

	@Test
	void pollsOnlyWithPoll() {
		this.api.answer("GET", JOB, Answer.json(200, StubViews.view("CANCELLED", 10, 3, 0)));

		CliRunner.Result result = this.cli.run("watch", "--poll", "--json", StubViews.ID.toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(this.api.requests()).extracting(StubApi.Request::path).containsExactly(JOB, JOB);
		assertThat(result.out()).contains("\"status\":\"CANCELLED\"");
	}

}
