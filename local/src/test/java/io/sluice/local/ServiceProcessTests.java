package io.sluice.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.embedded.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * What the launcher says about a process that has written nothing: {@code true} stands in
 * for {@code java}, takes the JVM's arguments and exits at once, silent.
 */
class ServiceProcessTests {

	@TempDir
	Path directory;

	@Test
	void showsTheCommandAndTheExitCodeWhenTheLogIsEmpty() {
		Path log = this.directory.resolve("logs").resolve("quiet.log");
		ServiceProcess quiet = silentProcess(log);
		quiet.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> !quiet.isAlive());

		assertThat(quiet.logTail(40)).startsWith("(the log " + log + " is empty: quiet has written nothing)")
			.contains("command: true -Xmx1g ")
			.contains("-jar " + this.directory.resolve("quiet.jar"))
			.containsPattern("pid \\d+, exited with code 0 \\(started \\d+ s ago\\)");
		assertThatIllegalStateException().isThrownBy(() -> quiet.awaitReady(Duration.ofSeconds(10)))
			.withMessageStartingWith("quiet exited with code 0; last lines of " + log + ":\n(the log ");
	}

	@Test
	void saysSoWhenThereIsNoLogYet() {
		Path log = this.directory.resolve("never.log");
		assertThat(silentProcess(log).logTail(40))
			.isEqualTo("(the log " + log + " does not exist: quiet has written nothing)\n  never started");
	}

	private ServiceProcess silentProcess(Path log) {
		return new ServiceProcess("quiet", "true", this.directory.resolve("quiet.jar"), Map.of(), FreePorts.find(),
				FreePorts.find(), log);
	}

}
