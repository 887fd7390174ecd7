package io.sluice.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.TestStack;
import io.sluice.embedded.Infrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice} end to end, against the whole local stack: each command run in-process
 * as a user would run it, with the API's URL and a token of an owner of the test's own,
 * and one through the real {@code java -jar}. Two database rules make outcomes the API
 * cannot be asked for: a photo under {@code /cli-rejected/} breaks a check constraint
 * (the database rejects it, so its job ends COMPLETED_WITH_ERRORS; a NUL caption, the
 * usual example, never gets past the API's validator), and one under {@code /cli-held/}
 * fails its chunk's write with a transient error (a serialization failure), which the
 * workers retry until its job is cancelled.
 */
@ExtendWith(TestStack.class)
class SluiceCliIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path directory;

	private CliRunner cli;

	private String token;

	@BeforeAll
	static void addDatabaseRules() throws SQLException {
		try (Connection connection = database(); Statement statement = connection.createStatement()) {
			statement.execute(
					"""
							DO $$ BEGIN
							    ALTER TABLE photo ADD CONSTRAINT cli_tests_rejected CHECK (url NOT LIKE '%/cli-rejected/%') NOT VALID;
							EXCEPTION WHEN duplicate_object THEN NULL;
							END $$""");
			statement.execute("""
					CREATE OR REPLACE FUNCTION cli_tests_held() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
					    RAISE EXCEPTION 'held by SluiceCliIntegrationTests' USING ERRCODE = '40001';
					END $$""");
			statement.execute("DROP TRIGGER IF EXISTS cli_tests_held ON photo");
			statement.execute("CREATE TRIGGER cli_tests_held BEFORE INSERT ON photo FOR EACH ROW "
					+ "WHEN (NEW.url LIKE '%/cli-held/%') EXECUTE FUNCTION cli_tests_held()");
		}
	}

	@BeforeEach
	void owner() {
		this.token = TestStack.token("cli-" + UUID.randomUUID());
		this.cli = new CliRunner(this.directory).sleepingForReal()
			.withVariable("SLUICE_API_URL", TestStack.stack().apiUrl())
			.withVariable("SLUICE_TOKEN", this.token);
	}

	@Test
	void submitsCsvNdjsonAndJsonAndWritesEveryPhoto() throws Exception {
		long csvAlbum = album();
		long ndjsonAlbum = album();
		long jsonAlbum = album();
		write("photos.csv",
				"url,caption\r\n" + "https://img.example/cli/1.jpg,Plain\r\n"
						+ "https://img.example/cli/2.jpg,\"With, a comma and \"\"quotes\"\"\"\r\n"
						+ "https://img.example/cli/3.jpg,\"Two\nlines\"\r\n" + "https://img.example/cli/4.jpg,\r\n");
		write("photos.ndjson", "{\"url\":\"https://img.example/cli/1.jpg\",\"caption\":\"Ünïcödé 😀\"}\n"
				+ "{\"url\":\"https://img.example/cli/2.jpg\"}\n");
		write("photos.json", "{\"photos\": [{\"url\": \"https://img.example/cli/1.jpg\"},"
				+ " {\"url\": \"https://img.example/cli/2.jpg\"}, {\"url\": \"https://img.example/cli/3.jpg\"}]}");

		CliRunner.Result csv = this.cli.run("submit", "--album", String.valueOf(csvAlbum), "photos.csv");
		CliRunner.Result ndjson = this.cli.run("submit", "--album", String.valueOf(ndjsonAlbum), "--poll",
				"photos.ndjson");
		CliRunner.Result json = this.cli.run("submit", "--album", String.valueOf(jsonAlbum), "photos.json");

		assertCompleted(csv, 4);
		assertCompleted(ndjson, 2);
		assertCompleted(json, 3);
		assertThat(csv.err()).contains("progress: 4/4 photos (4 written, 0 duplicate, 0 failed) COMPLETED\n")
			.contains(csv.outLines().get(0) + " COMPLETED: 4 photos: 4 written, 0 duplicate, 0 failed, 0 cancelled");
		assertThat(captions(csvAlbum)).containsExactly("Plain", "With, a comma and \"quotes\"", "Two\nlines", null);
		assertThat(captions(ndjsonAlbum)).containsExactly("Ünïcödé 😀", null);
	}

	@Test
	void splitsAFileAboveMaxPhotosIntoJobsAndReplaysThemWhenRunAgain() throws Exception {
		long album = album();
		write("photos.csv", photosCsv("cli", 5));

		CliRunner.Result first = this.cli.run("submit", "--album", String.valueOf(album), "--max-photos", "2",
				"photos.csv");
		CliRunner.Result again = this.cli.run("submit", "--album", String.valueOf(album), "--max-photos", "2",
				"photos.csv");

		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.outLines()).hasSize(3).doesNotHaveDuplicates();
		assertThat(first.err()).contains("sluice: 5 photos in 3 jobs of at most 2 photos and 32MB each\n")
			.contains("progress: 5/5 photos (5 written, 0 duplicate, 0 failed) 3 jobs: 3 COMPLETED\n");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.outLines()).isEqualTo(first.outLines());
		assertThat(again.err()).contains("submit part 1 of 3: job " + first.outLines().get(0)
				+ " was submitted before with this content: replayed, not duplicated");
		assertThat(written(first.outLines())).containsExactly(2, 2, 1);
		CliRunner.Result listed = this.cli.run("ls", "--album", String.valueOf(album), "--json");
		assertThat(listed.outLines()).hasSize(3);
		assertThat(count("SELECT count(*) FROM photo WHERE album_id = ?", album)).isEqualTo(5);
	}

	@Test
	void splitsAFileWhoseBodyWouldOutgrowMaxBodySizeIntoJobs() throws Exception {
		long album = album();
		write("photos.csv", photosCsv("cli-bytes", 1_500));

		CliRunner.Result submitted = this.cli.run("submit", "--album", String.valueOf(album), "--max-body-size", "64KB",
				"photos.csv");

		assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
		int jobs = submitted.outLines().size();
		assertThat(jobs).as("a 1,500-photo body is over 64 KB").isGreaterThan(1);
		assertThat(submitted.err())
			.contains("sluice: 1500 photos in " + jobs + " jobs of at most 100000 photos and 64KB each\n");
		assertThat(written(submitted.outLines()).stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_500);
		assertThat(count("SELECT count(*) FROM photo WHERE album_id = ?", album)).isEqualTo(1_500);
	}

	@Test
	void exitsWith2WhenTheDatabaseRejectsPhotosAndListsThemAsCsv() throws Exception {
		long album = album();
		write("photos.csv",
				"url,caption\nhttps://img.example/cli/" + album + "/0.jpg,Fine\n" + "https://img.example/cli-rejected/"
						+ album + "/1.jpg,\"Rejected, \"\"quoted\"\"\"\n" + "https://img.example/cli/" + album
						+ "/2.jpg,Fine\n");

		CliRunner.Result submitted = this.cli.run("submit", "--album", String.valueOf(album), "photos.csv");

		assertThat(submitted.exitCode()).as(submitted.toString()).isEqualTo(2);
		String id = submitted.outLines().get(0);
		assertThat(submitted.err()).contains(id + " COMPLETED_WITH_ERRORS: 3 photos: 2 written, 0 duplicate, 1 failed")
			.contains("sluice failures " + id + " lists the photos that failed");
		assertThat(this.cli.run("status", id).exitCode()).isEqualTo(2);
		CliRunner.Result failures = this.cli.run("failures", "--csv", id);
		assertThat(failures.exitCode()).as(failures.toString()).isZero();
		assertThat(failures.out()).startsWith("index,url,code,message\n" + "1,https://img.example/cli-rejected/" + album
				+ "/1.jpg,23514,\"SQLState 23514: ERROR: new row for relation \"\"photo\"\" violates check "
				+ "constraint \"\"cli_tests_rejected\"\"\n");
		assertThat(failures.err())
			.isEqualTo("sluice: job " + id + " is COMPLETED_WITH_ERRORS: 1 photos failed, 1 listed\n");
		CliRunner.Result table = this.cli.run("failures", id);
		assertThat(table.outLines()).hasSize(2);
		assertThat(table.outLines().get(1)).startsWith("1  23514  https://img.example/cli-rejected/" + album
				+ "/1.jpg  SQLState 23514: ERROR: new row for relation \"photo\" violates check constraint "
				+ "\"cli_tests_rejected\" Detail: Failing row contains");
	}

	@Test
	void cancelsAJobThatRunsAndExitsWith3AndCannotCancelAJobThatEnded() throws Exception {
		long album = album();
		write("held.csv",
				"url\nhttps://img.example/cli-held/" + album + "/0.jpg\nhttps://img.example/cli/" + album + "/1.jpg\n");
		write("fast.csv", "url\nhttps://img.example/cli/" + album + "/fast.jpg\n");

		String held = this.cli.run("submit", "--album", String.valueOf(album), "--no-wait", "held.csv")
			.outLines()
			.get(0);
		CliRunner.Result cancelled;
		try {
			cancelled = this.cli.run("cancel", held);
		}
		finally {
			// a chunk left held would be retried for ever, ahead of other jobs of its
			// partition
			this.cli.run("cancel", held);
		}
		CliRunner.Result watched = this.cli.run("watch", held);
		CliRunner.Result fast = this.cli.run("submit", "--album", String.valueOf(album), "fast.csv");
		CliRunner.Result refused = this.cli.run("cancel", fast.outLines().get(0));

		assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
		assertThat(cancelled.outLines()).contains("status     CANCELLED");
		assertThat(watched.exitCode()).as(watched.toString()).isEqualTo(3);
		assertThat(this.cli.run("status", held).exitCode()).isEqualTo(3);
		assertThat(fast.exitCode()).as(fast.toString()).isZero();
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
		assertThat(refused.err())
			.startsWith("sluice: cancel job " + fast.outLines().get(0) + ": 409 Job already ended\n")
			.endsWith("  job " + fast.outLines().get(0) + " ended COMPLETED\n");
	}

	@Test
	void printsTheProblemsOfARefusedSubmitNamingTheFileLines() throws Exception {
		write("bad.csv",
				"url,caption\nhttps://img.example/cli/0.jpg,Fine\n\"ftp://img.example/cli/1.jpg\",\"Two\nlines\"\n"
						+ "https://img.example/cli/2.jpg,Fine\nnot a url,x\n");

		CliRunner.Result result = this.cli.run("submit", "--album", String.valueOf(album()), "bad.csv");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
		assertThat(result.err()).isEqualTo(
				"""
						sluice: submit: 400 Invalid job request
						  The job request breaks 2 rule(s); see errors. Nothing was stored.
						  bad.csv line 3 (photo 1) url: must use the http or https scheme, not 'ftp'
						  bad.csv line 6 (photo 3) url: must be an absolute http or https URL (Illegal character in path at index 3)
						""");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void listsTheCallersJobsByStatusAndAlbum() throws Exception {
		long first = album();
		long second = album();
		write("a.csv", photosCsv("cli-a", 2));
		write("b.csv", photosCsv("cli-b", 1));
		List<String> ids = new ArrayList<>();
		ids.addAll(this.cli.run("submit", "--album", String.valueOf(first), "--max-photos", "1", "a.csv").outLines());
		ids.addAll(this.cli.run("submit", "--album", String.valueOf(second), "b.csv").outLines());

		CliRunner.Result byAlbum = this.cli.run("ls", "--album", String.valueOf(first));
		CliRunner.Result byStatus = this.cli.run("ls", "--status", "COMPLETED,FAILED", "--album",
				String.valueOf(second));
		CliRunner.Result cancelled = this.cli.run("ls", "--status", "CANCELLED");
		CliRunner.Result limited = this.cli.run("ls", "--limit", "2", "--page-size", "1");
		CliRunner.Result all = this.cli.run("ls", "--all", "--page-size", "1");

		assertThat(ids).hasSize(3);
		assertThat(byAlbum.outLines()).hasSize(3).first().isEqualTo(Views.HEADER);
		assertThat(byAlbum.out()).contains(ids.get(0), ids.get(1)).doesNotContain(ids.get(2));
		assertThat(byStatus.outLines()).hasSize(2);
		assertThat(byStatus.outLines().get(1)).startsWith(ids.get(2) + "  COMPLETED ");
		assertThat(cancelled.outLines()).containsExactly(Views.HEADER);
		assertThat(limited.outLines()).hasSize(3);
		assertThat(all.outLines()).hasSize(4);
		assertThat(all.outLines().subList(1, 4)).extracting((line) -> line.substring(0, 36))
			.containsExactly(ids.get(2), ids.get(1), ids.get(0));
	}

	@Test
	void mintsATokenTheApiAcceptsFromTheSecretInLocalEnv() {
		Path env = TestStack.stack().settings().directory().resolve("local.env");
		CliRunner bare = new CliRunner(this.directory);

		CliRunner.Result minted = bare.run("--env-file", env.toString(), "token", "--sub", "cli-" + UUID.randomUUID(),
				"--ttl", "10m");
		CliRunner.Result listed = bare.run("--env-file", env.toString(), "--token", minted.out().strip(), "ls");
		CliRunner.Result withFileToken = bare.run("--env-file", env.toString(), "ls", "--limit", "1");
		CliRunner.Result forged = bare.run("--env-file", env.toString(), "--token",
				new DevToken("intruder", DevToken.SCOPES, java.time.Duration.ofMinutes(5), DevToken.ISSUER,
						DevToken.AUDIENCE)
					.sign("another secret of at least thirty-two bytes", java.time.Instant.now()),
				"ls");

		assertThat(minted.exitCode()).as(minted.toString()).isZero();
		assertThat(minted.out()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n");
		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.outLines()).containsExactly(Views.HEADER);
		assertThat(withFileToken.exitCode()).as(withFileToken.toString()).isZero();
		assertThat(forged.exitCode()).as(forged.toString()).isEqualTo(4);
		assertThat(forged.err()).startsWith("sluice: list jobs: 401 Invalid bearer token\n");
	}

	@Test
	void runsAsAnExecutableJar() throws Exception {
		write("photos.csv", photosCsv("cli-jar", 2));
		String id = this.cli.run("submit", "--album", String.valueOf(album()), "photos.csv").outLines().get(0);

		Jar own = jar("status", id, "--url", TestStack.stack().apiUrl(), "--token", this.token);
		Jar another = jar("status", id, "--url", TestStack.stack().apiUrl(), "--token",
				TestStack.token("cli-" + UUID.randomUUID()));

		assertThat(own.exitCode()).as(own.output()).isZero();
		assertThat(own.output()).contains("status     COMPLETED\n",
				"photos     2 photos: 2 written, 0 duplicate, 0 failed, 0 cancelled\n");
		// another owner's job is not found, exactly like an unknown one
		assertThat(another.exitCode()).as(another.output()).isEqualTo(4);
		assertThat(another.output()).startsWith("sluice: get job " + id + ": 404 Not Found\n");
	}

	private static Jar jar(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
				Path.of("target", "sluice-client.jar").toAbsolutePath().toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Jar(process.exitValue(), output);
	}

	private record Jar(int exitCode, String output) {
	}

	private void assertCompleted(CliRunner.Result result, int photos) throws Exception {
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.outLines()).hasSize(1);
		assertThat(written(result.outLines())).containsExactly(photos);
	}

	private List<Integer> written(List<String> ids) throws Exception {
		List<Integer> written = new ArrayList<>();
		for (String id : ids) {
			// each job's figures as sluice status --json prints them
			written.add(statusJson(id).get("photos").get("written").asInt());
		}
		return written;
	}

	private JsonNode statusJson(String id) throws IOException {
		CliRunner.Result status = this.cli.run("status", "--json", id);
		assertThat(status.exitCode()).as(status.toString()).isIn(0, 2, 3);
		return JSON.readTree(status.out());
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static String photosCsv(String path, int photos) {
		StringBuilder csv = new StringBuilder("url,caption\n");
		long batch = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		for (int i = 0; i < photos; i++) {
			csv.append("https://img.example/")
				.append(path)
				.append('/')
				.append(batch)
				.append('/')
				.append(i)
				.append(".jpg,Photo ")
				.append(i)
				.append('\n');
		}
		return csv.toString();
	}

	private static long album() {
		return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
	}

	private static List<String> captions(long album) throws SQLException {
		List<String> captions = new ArrayList<>();
		try (Connection connection = database();
				PreparedStatement query = connection
					.prepareStatement("SELECT caption FROM photo WHERE album_id = ? ORDER BY url")) {
			query.setLong(1, album);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					captions.add(rows.getString(1));
				}
			}
		}
		return captions;
	}

	private static long count(String sql, long album) throws SQLException {
		try (Connection connection = database(); PreparedStatement query = connection.prepareStatement(sql)) {
			query.setLong(1, album);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static Connection database() throws SQLException {
		Infrastructure infrastructure = TestStack.stack().infrastructure();
		return DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.username(),
				infrastructure.password());
	}

}
