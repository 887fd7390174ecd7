package io.sluice.worker.reconcile;

import java.util.List;

/**
 * Writes chunk indexes the way a person reads them: {@code [3, 4, 5, 6, 7, 12]} is
 * {@code "3-7, 12"}. A long list is cut after {@value #MAX_RANGES} ranges, so a failure
 * reason stays short however scattered the missing chunks are.
 */
final class ChunkRanges {

	static final int MAX_RANGES = 20;

	private ChunkRanges() {
	}

	/**
	 * @param indexes distinct chunk indexes in ascending order
	 * @return the indexes as comma-separated ranges, or {@code "none"} if there are none
	 */
	static String format(List<Integer> indexes) {
		if (indexes.isEmpty()) {
			return "none";
		}
		StringBuilder text = new StringBuilder();
		int ranges = 0;
		int start = 0;
		while (start < indexes.size()) {
			int end = start;
			while (end + 1 < indexes.size() && indexes.get(end + 1) == indexes.get(end) + 1) {
				end++;
			}
			if (ranges == MAX_RANGES) {
				text.append(" and ").append(indexes.size() - start).append(" more");
				break;
			}
			if (ranges > 0) {
				text.append(", ");
			}
			text.append(indexes.get(start));
			if (end > start) {
				text.append('-').append(indexes.get(end));
			}
			ranges++;
			start = end + 1;
		}
		return text.toString();
	}

}
