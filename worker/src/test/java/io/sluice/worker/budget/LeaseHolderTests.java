package io.sluice.worker.budget;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseHolderTests {

	private static final String PROCESS = ProcessHandle.current().pid() + "/";

	@Test
	void namesTheSessionsAfterTheApplicationTheProcessAndTheHoldersRandomPart() {
		LeaseHolder holder = LeaseHolder.forThisProcess("sluice-worker");

		String random = holder.name().substring(holder.name().lastIndexOf('/') + 1);
		assertThat(random).hasSize(8);
		assertThat(holder.name()).endsWith("/" + PROCESS + random);
		assertThat(holder.applicationName()).isEqualTo("sluice-worker/" + PROCESS + random);
	}

	@Test
	void cutsALongApplicationNameSoThatPostgresqlKeepsTheWholeSessionName() {
		LeaseHolder holder = LeaseHolder.forThisProcess("w".repeat(100));

		assertThat(holder.applicationName()).hasSize(LeaseHolder.MAX_APPLICATION_NAME)
			.startsWith("www")
			.endsWith(holder.name().substring(holder.name().indexOf('/' + PROCESS)));
	}

	@Test
	void replacesWhatIsNotPrintableAsciiSoThatEveryCharacterIsOneByte() {
		assertThat(LeaseHolder.forThisProcess("sluice-wörker").applicationName()).startsWith("sluice-w?rker/");
	}

	@Test
	void givesEveryHolderItsOwnName() {
		assertThat(LeaseHolder.forThisProcess("sluice-worker"))
			.isNotEqualTo(LeaseHolder.forThisProcess("sluice-worker"));
	}

}
