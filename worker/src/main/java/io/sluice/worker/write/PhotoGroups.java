package io.sluice.worker.write;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.worker.write.PhotoBisection.Attempted;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes groups of a chunk's photos for a {@link PhotoBisection}, each in its own
 * savepoint of the current transaction: a group the database rejects for its data rolls
 * back to the savepoint, and the transaction goes on. Photos already in the album are
 * skipped as by {@link PhotoRows}, so they still count as duplicates.
 *
 * <p>
 * Three statements per group (savepoint, insert, release or roll back): use it only after
 * a chunk failed with a {@link DataError}, never as the normal path.
 */
class PhotoGroups {

	private static final String SAVEPOINT = "SAVEPOINT photo_group";

	private static final String RELEASE = "RELEASE SAVEPOINT photo_group";

	private static final String ROLL_BACK = "ROLLBACK TO SAVEPOINT photo_group";

	private final JdbcClient jdbc;

	private final PhotoRows photos;

	PhotoGroups(JdbcClient jdbc, PhotoRows photos) {
		this.jdbc = jdbc;
		this.photos = photos;
	}

	/**
	 * The attempt that writes groups of {@code chunk}'s photos.
	 * @param chunk the chunk being bisected, in the current transaction
	 * @return an attempt that throws every failure other than a {@link DataError}
	 */
	PhotoBisection.Attempt of(PhotoChunk chunk) {
		return (from, to) -> write(chunk, from, to);
	}

	private Attempted write(PhotoChunk chunk, int from, int to) {
		this.jdbc.sql(SAVEPOINT).update();
		int inserted;
		try {
			inserted = this.photos.insert(chunk, from, to);
		}
		catch (RuntimeException ex) {
			DataError error = DataError.of(ex).orElseThrow(() -> ex);
			this.jdbc.sql(ROLL_BACK).update();
			return new Attempted.Rejected(error);
		}
		this.jdbc.sql(RELEASE).update();
		return new Attempted.Inserted(inserted);
	}

}
