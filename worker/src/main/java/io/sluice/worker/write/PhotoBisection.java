package io.sluice.worker.write;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which photos of a chunk to offer the database, and in what groups, to find the
 * ones it rejects: the whole chunk first, then halves of every group that fails, down to
 * single photos. Writing a group is the {@link Attempt}'s business; this class only
 * plans.
 *
 * <p>
 * A group that failed and whose first half then succeeds has its fault in its second
 * half, so that half is split without being offered whole. One bad photo among {@code n}
 * therefore costs between {@code log2(n)} and {@code 2 log2(n)} attempts, 1.5
 * {@code log2(n)} on average (14 for a 500-photo chunk); each good photo is written by
 * exactly one successful attempt. A chunk whose every photo is bad costs {@code 2n - 1}
 * attempts.
 *
 * <p>
 * Assumes what holds for per-value and per-row errors (SQLState classes 22 and 23): a
 * group fails if and only if it holds a bad photo, and its failure is that of one of its
 * photos. Do not use it for failures of the statement as a whole.
 */
final class PhotoBisection {

	private final Attempt attempt;

	private final List<RejectedPhoto> rejected = new ArrayList<>();

	private int inserted;

	private int attempts;

	private PhotoBisection(Attempt attempt) {
		this.attempt = attempt;
	}

	/**
	 * Offers every photo of a chunk through {@code attempt} until each one is written,
	 * skipped as a duplicate, or rejected on its own.
	 * @param size photos in the chunk
	 * @param attempt writes photos {@code [from, to)} of the chunk, or reports that the
	 * database rejected them and wrote none
	 * @return what was written and what was rejected
	 */
	static Result isolate(int size, Attempt attempt) {
		PhotoBisection bisection = new PhotoBisection(attempt);
		if (size > 0) {
			bisection.offer(0, size);
		}
		return new Result(bisection.inserted, List.copyOf(bisection.rejected), bisection.attempts);
	}

	/** Offers a group not tried yet. */
	private void offer(int from, int to) {
		DataError failure = attempt(from, to);
		if (failure != null) {
			split(from, to, failure);
		}
	}

	/** Finds the bad photos of a group known to fail with {@code failure}. */
	private void split(int from, int to, DataError failure) {
		if (to - from == 1) {
			this.rejected.add(new RejectedPhoto(from, failure));
			return;
		}
		int middle = from + (to - from) / 2;
		DataError firstHalf = attempt(from, middle);
		if (firstHalf != null) {
			split(from, middle, firstHalf);
			offer(middle, to);
		}
		else {
			split(middle, to, failure);
		}
	}

	/** Offers a group: {@code null} if it was written, the rejection otherwise. */
	private DataError attempt(int from, int to) {
		this.attempts++;
		Attempted attempted = this.attempt.write(from, to);
		if (attempted instanceof Attempted.Inserted insertedRows) {
			this.inserted += insertedRows.rows();
			return null;
		}
		return ((Attempted.Rejected) attempted).error();
	}

	/** Writes a group of a chunk's photos, all of them or none. */
	@FunctionalInterface
	interface Attempt {

		/**
		 * Writes photos {@code [from, to)}.
		 * @param from the group's first photo, as an offset in the chunk
		 * @param to the offset after its last photo
		 * @return the rows inserted, or the database's rejection of the group (nothing of
		 * it written)
		 */
		Attempted write(int from, int to);

	}

	/** What one attempt did. */
	sealed interface Attempted {

		/**
		 * The group was written.
		 *
		 * @param rows photos inserted; the rest were already in the album
		 */
		record Inserted(int rows) implements Attempted {
		}

		/**
		 * Nothing of the group was written.
		 *
		 * @param error why the database rejected the group
		 */
		record Rejected(DataError error) implements Attempted {
		}

	}

	/**
	 * A photo the database rejects on its own.
	 *
	 * @param offset its position in the chunk
	 * @param error why
	 */
	record RejectedPhoto(int offset, DataError error) {
	}

	/**
	 * The bisection's outcome.
	 *
	 * @param inserted photos written
	 * @param rejected photos rejected, in chunk order
	 * @param attempts groups offered, each one statement
	 */
	record Result(int inserted, List<RejectedPhoto> rejected, int attempts) {
	}

}
