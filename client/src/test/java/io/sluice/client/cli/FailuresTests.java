package io.sluice.client.cli;

import java.io.IOException;
import java.nio.file.Path;

import io.sluice.client.cli.StubApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice failures} reads every page, passing each page's cursor to the next. */
class FailuresTests {

	private static final String FAILURES = "/api/v1/jobs/" + StubViews.ID + "/failures";

	@TempDir
	Path directory;

	private StubApi api;

	@BeforeEach
	void start() throws IOException {
		this.api = new StubApi();
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void listsEveryPageAsCsv() {
		this.api.answer("GET", FAILURES, Answer.json(200,
				page("[" + photo(3, "bad, \\\"quoted\\\"") + "," + photo(17, "two\\nlines") + "]", "\"cursor+2\"")),
				Answer.json(200, page("[" + photo(42, "x") + "]", "null")));

		CliRunner.Result result = new CliRunner(this.directory).run("--url", this.api.url(), "--token", "t", "failures",
				"--csv", StubViews.ID.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out())
			.isEqualTo("index,url,code,message\n" + "3,https://h/3.jpg,22021,\"bad, \"\"quoted\"\"\"\n"
					+ "17,https://h/17.jpg,22021,\"two\nlines\"\n" + "42,https://h/42.jpg,22021,x\n");
		assertThat(result.err())
			.isEqualTo("sluice: job " + StubViews.ID + " is COMPLETED_WITH_ERRORS: 3 photos failed, 3 listed\n");
		assertThat(this.api.requests()).extracting(StubApi.Request::query)
			.containsExactly("limit=100", "limit=100&cursor=cursor%2B2");
	}

	private static String page(String failures, String next) {
		return "{\"jobId\":\"" + StubViews.ID + "\",\"status\":\"COMPLETED_WITH_ERRORS\",\"failed\":3,"
				+ "\"failureReason\":null,\"failures\":" + failures + ",\"next\":" + next + "}";
	}

	private static String photo(int index, String message) {
		return "{\"index\":" + index + ",\"url\":\"https://h/" + index + ".jpg\",\"code\":\"22021\",\"message\":\""
				+ message + "\"}";
	}

}
