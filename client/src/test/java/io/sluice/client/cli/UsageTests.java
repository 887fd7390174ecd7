package io.sluice.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sluice.client.cli.StubApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code sluice} refuses before it sends anything (exit code 1), and where options
 * go.
 */
class UsageTests {

	@TempDir
	Path directory;

	private StubApi api;

	private CliRunner cli;

	@BeforeEach
	void start() throws IOException {
		this.api = new StubApi();
		this.cli = new CliRunner(this.directory);
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void exitsWith1OnUsageErrors() throws IOException {
		Files.writeString(this.directory.resolve("photos.txt"), "url\nhttps://h/a.jpg\n");
		Files.writeString(this.directory.resolve("bad.csv"), "url,caption\nhttps://h/a.jpg,\"open\n");
		CliRunner withToken = this.cli.withVariable("SLUICE_TOKEN", "t").withVariable("SLUICE_API_URL", this.api.url());

		assertUsage(this.cli.run(), "sluice: Missing a command: submit, status, watch, cancel, failures, ls or token");
		assertUsage(this.cli.run("--bogus"), "sluice: Unknown option: '--bogus'");
		assertUsage(this.cli.run("submit", "photos.csv"), "sluice: Missing required option: '--album=ID'");
		assertUsage(this.cli.run("status", "not-a-uuid"), "sluice: Invalid value for positional parameter at index 0");
		assertUsage(this.cli.run("ls", "--status", "DONE"), "sluice: Invalid value for option '--status'");
		assertUsage(withToken.run("submit", "--album", "1", "photos.txt"),
				"sluice: Cannot tell the format of photos.txt from its name: pass --format csv, ndjson or json");
		assertUsage(withToken.run("submit", "--album", "1", "missing.csv"), "sluice: No such file: missing.csv");
		assertUsage(withToken.run("submit", "--album", "1", "bad.csv"),
				"sluice: bad.csv line 2: a quoted field is never closed");
		assertUsage(withToken.run("submit", "--album", "0", "photos.txt"),
				"sluice: --album must be a positive album id");
		assertUsage(withToken.run("submit", "--album", "1", "--format", "csv", "-"), "sluice: - holds no photos");
		assertUsage(withToken.run("token", "--sub", "alice"), "sluice: No secret to sign with");
		assertUsage(withToken.run("token", "--sub", "alice", "--ttl", "25h"),
				"sluice: --ttl must be positive and at most 24h");
		assertThat(this.api.requests()).isEmpty();
	}

	@Test
	void exitsWith1WithoutAToken() {
		assertUsage(this.cli.run("status", StubViews.ID.toString()), "sluice: No bearer token: pass --token");
	}

	@Test
	void takesTheCommonOptionsBeforeOrAfterTheCommand() {
		this.api.answer("GET", "/api/v1/jobs/" + StubViews.ID, Answer.json(200, StubViews.view("RUNNING", 10, 5, 0)));

		CliRunner.Result after = this.cli.run("status", StubViews.ID.toString(), "--url", this.api.url(), "--token",
				"after");
		CliRunner.Result before = this.cli.run("--url", this.api.url(), "--token", "before", "status",
				StubViews.ID.toString());

		assertThat(after.exitCode()).as(after.toString()).isZero();
		assertThat(before.exitCode()).as(before.toString()).isZero();
		assertThat(this.api.requests()).extracting((request) -> request.headers().getFirst("Authorization"))
			.containsExactly("Bearer after", "Bearer before");
		assertThat(after.outLines()).contains("status     RUNNING",
				"photos     10 photos: 5 written, 0 duplicate, 0 failed, 0 cancelled");
	}

	@Test
	void readsPhotosFromStandardInput() {
		this.api.answer("POST", "/api/v1/jobs", Answer.json(202, StubViews.view("QUEUED", 1, 0, 0)));

		CliRunner.Result result = this.cli.withVariable("SLUICE_API_URL", this.api.url())
			.withVariable("SLUICE_TOKEN", "t")
			.withStdin("{\"url\":\"https://h/a.jpg\",\"caption\":\"Ünïcode\"}\n".getBytes(StandardCharsets.UTF_8))
			.run("submit", "--album", "42", "--format", "ndjson", "--no-wait", "-");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(this.api.requests().get(0).body())
			.isEqualTo("{\"albumId\":42,\"photos\":[{\"caption\":\"Ünïcode\",\"url\":\"https://h/a.jpg\"}]}");
	}

	private static void assertUsage(CliRunner.Result result, String message) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).as(result.toString()).startsWith(message);
		assertThat(result.out()).isEmpty();
	}

}
