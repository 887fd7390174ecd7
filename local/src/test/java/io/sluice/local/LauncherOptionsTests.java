package io.sluice.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.local.LauncherOptions.Option;
import io.sluice.local.LauncherOptions.UsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LauncherOptionsTests {

	@TempDir
	Path home;

	@Test
	void helpListsEveryOptionWithItsDefault() {
		String help = LauncherOptions.help();
		for (Option option : LauncherOptions.ALL) {
			assertThat(help).as(option.name())
				.containsPattern("(?m)^  --" + option.name() + "=" + option.value() + " +.+ \\["
						+ Pattern.quote(option.byDefault()) + "\\]$");
		}
		assertThat(help).contains("--workers=N", "[2]", "--port=N", "[8080]", "--worker-concurrency=N",
				"--api-pool-size=N", "[4]", "--partitions=N", "[12]", "--dir=PATH", "--home=PATH", "-h, --help",
				"SLUICE_DB_CONNECTION_BUDGET");
	}

	@Test
	void theOperationsGuideListsEveryOptionWithItsDefault() {
		List<String> rows = RepositoryFiles
			.section(RepositoryFiles.find().text("docs/operations.md"), "Running locally")
			.stream()
			.filter((line) -> line.startsWith("| `--"))
			.map((line) -> line.replace("`", ""))
			.toList();
		assertThat(rows).hasSameSizeAs(LauncherOptions.ALL);
		for (Option option : LauncherOptions.ALL) {
			assertThat(rows).as(option.name())
				.contains("| " + option.synopsis() + " | " + option.byDefault() + " | " + option.meaning() + " |");
		}
	}

	@Test
	void takesTheDefaultsWithoutOptions() {
		LocalSettings settings = LauncherOptions.parse("--home=" + this.home).settings("secret");
		assertThat(settings).isEqualTo(LocalSettings.defaults(this.home, this.home.resolve(".sluice"), "secret"));
	}

	@Test
	void takesAValueAfterAnEqualsSignOrAsTheNextArgumentAndTheLastOneWins() {
		LocalSettings settings = LauncherOptions
			.parse("--home", this.home.toString(), "--workers", "3", "--port=9090", "--workers=4",
					"--worker-concurrency=1", "--api-pool-size=6", "--api-instances=3", "--partitions=3",
					"--dir=" + this.home.resolve("d"))
			.settings("secret");
		assertThat(settings.apiInstances()).isEqualTo(3);
		assertThat(settings.apiPort(2)).isEqualTo(9092);
		assertThat(settings.connectionCap()).isEqualTo(3 * 6 + 4 * 2);
		assertThat(settings.workers()).isEqualTo(4);
		assertThat(settings.apiPort()).isEqualTo(9090);
		assertThat(settings.workerConcurrency()).isEqualTo(1);
		assertThat(settings.apiPoolSize()).isEqualTo(6);
		assertThat(settings.partitions()).isEqualTo(3);
		assertThat(settings.directory()).isEqualTo(this.home.resolve("d"));
	}

	@Test
	void asksForHelpWithEitherSpelling() {
		assertThat(LauncherOptions.parse("--help").helpAsked()).isTrue();
		assertThat(LauncherOptions.parse("--workers=3", "-h").helpAsked()).isTrue();
		assertThat(LauncherOptions.parse("--workers=3").helpAsked()).isFalse();
	}

	@Test
	void refusesAnUnknownOption() {
		assertRefused("Unknown option --worker (did you mean --workers?)", "--worker=3");
		assertRefused("Unknown option --partition (did you mean --partitions?)", "--partition", "3");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> LauncherOptions.parse("--verbose"))
			.withMessage("Unknown option --verbose");
	}

	@Test
	void refusesAnArgumentThatIsNoOption() {
		assertRefused("Unexpected argument '3': every option starts with --", "3");
		assertRefused("Unexpected argument '-w'", "-w");
	}

	@Test
	void refusesAnOptionWithoutItsValue() {
		assertRefused("--workers=N needs a value", "--workers");
		assertRefused("--workers=N needs a value", "--workers=");
		assertRefused("--port=N needs a value", "--port", "--workers=2");
		assertRefused("--help takes no value", "--help=yes");
	}

	@Test
	void refusesAValueThatIsNotAWholeNumber() {
		assertSettingsRefused("--workers takes a whole number, not 'two'", "--workers=two");
		assertSettingsRefused("--port takes a whole number, not '80.5'", "--port=80.5");
	}

	@Test
	void refusesAValueOutOfItsRange() {
		assertSettingsRefused("--workers must be at least 1, not 0", "--workers=0");
		assertSettingsRefused("--worker-concurrency must be at least 1, not -2", "--worker-concurrency", "-2");
		assertSettingsRefused("--port must be a TCP port, at most 65535, not 70000", "--port=70000");
		assertSettingsRefused("--api-pool-size must be at least 1, not 0", "--api-pool-size=0");
		assertSettingsRefused("--api-instances must be at least 1, not 0", "--api-instances=0");
		assertSettingsRefused("--port must be a TCP port, at most 65535 for the last of 3 API instances, not 65536",
				"--port=65534", "--api-instances=3");
		assertSettingsRefused("--partitions must be at least 1, not 0", "--partitions=0");
	}

	@Test
	void refusesADirectoryThatCannotBeCreated() throws Exception {
		Path file = Files.createFile(this.home.resolve("a-file"));
		assertSettingsRefused("--dir " + file.resolve("sluice") + " cannot be created",
				"--dir=" + file.resolve("sluice"));
	}

	private static void assertRefused(String message, String... args) {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> LauncherOptions.parse(args))
			.withMessageContaining(message);
	}

	private void assertSettingsRefused(String message, String... args) {
		String[] withHome = Stream.concat(Stream.of("--home=" + this.home), Stream.of(args)).toArray(String[]::new);
		LauncherOptions options = LauncherOptions.parse(withHome);
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> options.settings("secret"))
			.withMessageContaining(message);
	}

}
