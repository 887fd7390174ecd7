package io.sluice.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a log file, read from its end only (a service's log grows across
 * restarts) and decoded leniently (a crashing JVM may leave half a character).
 */
final class LogTail {

	/** Enough for the last lines of any log here, stack traces included. */
	private static final int MOST_BYTES = 64 * 1024;

	private LogTail() {
	}

	/**
	 * Reads the last lines of a log.
	 * @param log the file
	 * @param lines how many lines at most
	 * @return the lines, none if the file is empty or holds only blank lines
	 * @throws NoSuchFileException if there is no such file
	 * @throws IOException if it cannot be read
	 */
	static List<String> read(Path log, int lines) throws IOException {
		try (SeekableByteChannel channel = Files.newByteChannel(log)) {
			long size = channel.size();
			int length = (int) Math.min(size, MOST_BYTES);
			ByteBuffer end = ByteBuffer.allocate(length);
			channel.position(size - length);
			while (end.hasRemaining() && channel.read(end) >= 0) {
				// read until full or at the end
			}
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(end.flip())
				.toString();
			List<String> all = Arrays.asList(text.split("\r?\n"));
			if (length < size) {
				// the window may start in the middle of a line
				all = all.subList(Math.min(1, all.size()), all.size());
			}
			if (all.stream().allMatch(String::isBlank)) {
				return List.of();
			}
			return all.subList(Math.max(0, all.size() - lines), all.size());
		}
	}

}
