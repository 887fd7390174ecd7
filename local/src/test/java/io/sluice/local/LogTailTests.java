package io.sluice.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LogTailTests {

	@TempDir
	Path directory;

	@Test
	void readsTheLastLinesOfALogLargerThanItReads() throws Exception {
		Path log = this.directory.resolve("large.log");
		Files.writeString(log,
				IntStream.range(0, 100_000).mapToObj((i) -> "line " + i).collect(Collectors.joining("\n")));
		assertThat(LogTail.read(log, 3)).containsExactly("line 99997", "line 99998", "line 99999");
	}

	@Test
	void readsAShortLogWhole() throws Exception {
		Path log = Files.writeString(this.directory.resolve("short.log"), "first\nsecond\n");
		assertThat(LogTail.read(log, 40)).containsExactly("first", "second");
	}

	@Test
	void replacesBytesThatAreNoUtf8() throws Exception {
		Path log = this.directory.resolve("broken.log");
		Files.write(log, new byte[] { 'o', 'k', '\n', (byte) 0xC3, '\n', 'e', 'n', 'd' });
		assertThat(LogTail.read(log, 2)).containsExactly("\uFFFD", "end");
	}

	@Test
	void findsNoLinesInAnEmptyOrBlankLog() throws Exception {
		assertThat(LogTail.read(Files.createFile(this.directory.resolve("empty.log")), 40)).isEmpty();
		assertThat(LogTail
			.read(Files.writeString(this.directory.resolve("blank.log"), "\n\n  \n", StandardCharsets.UTF_8), 40))
			.isEmpty();
	}

	@Test
	void saysThatThereIsNoLog() {
		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> LogTail.read(this.directory.resolve("missing.log"), 40));
	}

}
