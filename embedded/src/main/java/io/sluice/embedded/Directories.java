package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data directories of the embedded stack, emptied before a run starts afresh.
 */
public final class Directories {

	private Directories() {
	}

	/**
	 * Deletes a directory and everything in it; nothing if it does not exist.
	 * @param directory the directory
	 * @throws UncheckedIOException if it cannot be walked
	 */
	public static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not clear " + directory, ex);
		}
	}

}
