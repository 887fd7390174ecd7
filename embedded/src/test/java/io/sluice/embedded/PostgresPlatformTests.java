package io.sluice.embedded;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresPlatformTests {

	@ParameterizedTest
	@CsvSource({ "Linux, amd64, linux, x86_64", "Linux, aarch64, linux, arm_64", "Mac OS X, x86_64, darwin, x86_64",
			"Mac OS X, aarch64, darwin, arm_64" })
	void shipsBinariesForEveryDevelopersLaptop(String osName, String osArch, String os, String arch) {
		PostgresPlatform platform = new PostgresPlatform(PostgresPlatform.osName(osName),
				PostgresPlatform.archName(osArch), false);

		assertThat(platform).isEqualTo(new PostgresPlatform(os, arch, false));
		assertThat(platform.unsupportedReason()).isNull();
		assertThat(getClass().getClassLoader().getResource(platform.binaryResource())).isNotNull();
	}

	@Test
	void runsOnThisMachine() {
		assertThat(PostgresPlatform.current().unsupportedReason()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "Windows 11, amd64, false, windows x86_64", "Linux, amd64, true, linux x86_64 (musl)",
			"Linux, x86, false, linux x86_32", "SunOS, sparcv9, false, sunos sparcv9" })
	void saysInOneLineWhereItHasNone(String osName, String osArch, boolean musl, String named) {
		String reason = new PostgresPlatform(PostgresPlatform.osName(osName), PostgresPlatform.archName(osArch), musl)
			.unsupportedReason();

		assertThat(reason).isEqualTo("the embedded PostgreSQL has no binaries for " + named + " (it runs on "
				+ PostgresPlatform.SUPPORTED + "); run Sluice with Docker instead (docker compose up, see the README)")
			.doesNotContain("\n");
	}

}
