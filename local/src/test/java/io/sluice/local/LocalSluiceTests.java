package io.sluice.local;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's answers to a command line it does not run, from its own process: what it
 * prints and its exit code.
 */
class LocalSluiceTests {

	@TempDir
	Path directory;

	@Test
	void printsEveryOptionOnHelpAndExitsWithZero() {
		LauncherProcess launcher = LauncherProcess.run(this.directory.resolve("out.txt"), "--help");
		assertThat(launcher.exitCode()).isZero();
		assertThat(launcher.output()).isEqualTo(LauncherOptions.help() + System.lineSeparator());
	}

	@Test
	void refusesAnUnknownOptionWithExitCode2() {
		LauncherProcess launcher = LauncherProcess.run(this.directory.resolve("out.txt"), "--worker=3");
		assertThat(launcher.exitCode()).isEqualTo(LocalSluice.USAGE).isEqualTo(2);
		assertThat(launcher.output()).isEqualTo("sluice-local: Unknown option --worker (did you mean --workers?)\n"
				+ "The options are listed by ./sluice-local --help" + System.lineSeparator());
	}

	@Test
	void refusesAMalformedValueWithExitCode2() {
		LauncherProcess launcher = LauncherProcess.run(this.directory.resolve("out.txt"), "--home=" + this.directory,
				"--workers=many");
		assertThat(launcher.exitCode()).isEqualTo(2);
		assertThat(launcher.output()).startsWith("sluice-local: --workers takes a whole number, not 'many'\n");
	}

	@Test
	void refusesInOneLineAPlatformWithoutPostgresBinariesBeforeStartingAnything() {
		LauncherProcess launcher = LauncherProcess.run(this.directory.resolve("out.txt"),
				List.of("-Dos.name=Windows 11", "-Dos.arch=amd64"), "--home=" + this.directory,
				"--dir=" + this.directory.resolve("data"));

		assertThat(launcher.exitCode()).isEqualTo(1);
		assertThat(launcher.output()).isEqualTo("sluice-local: the embedded PostgreSQL has no binaries for windows "
				+ "x86_64 (it runs on Linux (glibc) or macOS, on x86-64 or arm64); run Sluice with Docker instead "
				+ "(docker compose up, see the README)" + System.lineSeparator());
		assertThat(this.directory.resolve("data")).doesNotExist();
	}

}
