package io.sluice.worker.write;

/**
 * What happened to the photos of one chunk. Always {@code written + duplicate + failed =
 * offered}.
 *
 * @param offered photos in the chunk
 * @param written photos inserted as new rows
 * @param duplicate photos already in the album, or repeated inside the chunk
 * @param failed photos of a chunk that can never be written
 */
public record ChunkCounts(int offered, int written, int duplicate, int failed) {

	public ChunkCounts {
		if (offered < 0 || written < 0 || duplicate < 0 || failed < 0 || written + duplicate + failed != offered) {
			throw new IllegalArgumentException("Counts do not add up: offered " + offered + ", written " + written
					+ ", duplicate " + duplicate + ", failed " + failed);
		}
	}

	/**
	 * Counts of a chunk whose insert ran: every offered row the database did not insert
	 * conflicted with a photo already in the album (or an earlier row of the same chunk).
	 * @param offered rows offered to the insert
	 * @param inserted rows the insert reported
	 * @return the counts
	 */
	static ChunkCounts inserted(int offered, int inserted) {
		if (inserted > offered) {
			throw new IllegalArgumentException("Inserted " + inserted + " rows but only " + offered + " were offered");
		}
		return new ChunkCounts(offered, inserted, offered - inserted, 0);
	}

	/**
	 * Counts of a chunk whose inserts ran on all but its rejected photos: every other
	 * photo the database did not insert was a duplicate.
	 * @param offered photos in the chunk
	 * @param inserted rows the inserts reported
	 * @param rejected photos the database rejected
	 * @return the counts
	 */
	static ChunkCounts insertedExcept(int offered, int inserted, int rejected) {
		return new ChunkCounts(offered, inserted, offered - inserted - rejected, rejected);
	}

	/** Counts of no photos at all, to add others to. */
	static final ChunkCounts NONE = new ChunkCounts(0, 0, 0, 0);

	/**
	 * These counts and {@code other} together.
	 * @param other counts to add
	 * @return the sums
	 */
	ChunkCounts plus(ChunkCounts other) {
		return new ChunkCounts(this.offered + other.offered, this.written + other.written,
				this.duplicate + other.duplicate, this.failed + other.failed);
	}

	/**
	 * Counts of a chunk that failed permanently: all its photos failed.
	 * @param offered photos in the chunk
	 * @return the counts
	 */
	static ChunkCounts failed(int offered) {
		return new ChunkCounts(offered, 0, 0, offered);
	}

}
