package io.sluice.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's and the workers' log files, read from a mark onwards, to count Hikari pool
 * timeouts in Sluice's own processes (they are not exposed anywhere else).
 */
final class ServiceLogs {

	/** What Hikari logs and throws when no connection came within its timeout. */
	static final String POOL_TIMEOUT = "Connection is not available, request timed out";

	private final List<Path> logs;

	ServiceLogs(List<Path> logs) {
		this.logs = List.copyOf(logs);
	}

	/** The current end of every log. */
	Map<Path, Long> mark() {
		Map<Path, Long> mark = new LinkedHashMap<>();
		for (Path log : this.logs) {
			try {
				mark.put(log, Files.exists(log) ? Files.size(log) : 0L);
			}
			catch (IOException ex) {
				mark.put(log, 0L);
			}
		}
		return mark;
	}

	/**
	 * Lines that report a pool timeout, written since {@code mark}.
	 * @param mark where each log ended before
	 * @return how many such lines
	 */
	int poolTimeoutsSince(Map<Path, Long> mark) {
		int count = 0;
		for (String line : linesSince(mark)) {
			if (line.contains(POOL_TIMEOUT)) {
				count++;
			}
		}
		return count;
	}

	private List<String> linesSince(Map<Path, Long> mark) {
		List<String> lines = new ArrayList<>();
		for (Path log : this.logs) {
			long from = mark.getOrDefault(log, 0L);
			try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
				long length = file.length();
				if (length <= from) {
					continue;
				}
				byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - from)];
				file.seek(from);
				file.readFully(bytes);
				lines.addAll(new String(bytes, StandardCharsets.UTF_8).lines().toList());
			}
			catch (IOException ex) {
				throw new BenchmarkFailure("Could not read " + log, ex);
			}
		}
		return lines;
	}

}
