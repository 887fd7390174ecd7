package io.sluice.worker.write;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.PhotoCopyText;
import io.sluice.common.db.UrlHash;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk's photos with {@code COPY}, PostgreSQL's fastest path into a table (one
 * stream, multi-row heap inserts), in the current transaction. {@code COPY} cannot skip
 * conflicts: if any photo is already in the album, or repeated in the chunk, it fails
 * with a unique violation ({@code 23505}) and the caller must roll back and use
 * {@link PhotoRows} instead. Rows are sorted by the unique key, like {@link PhotoRows},
 * so concurrent writers meet each other's index entries in the same order.
 *
 * <p>
 * Do not use it where duplicates are expected to be common: every chunk would pay for a
 * failed {@code COPY} before its insert.
 */
class PhotoCopy {

	private final JdbcTemplate jdbc;

	PhotoCopy(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Copies every photo of the chunk into the photo table.
	 * @return the number of rows copied (all of them)
	 * @throws org.springframework.dao.DuplicateKeyException if a photo is already in the
	 * album or repeated in the chunk; the transaction is then aborted
	 */
	int copy(PhotoChunk chunk) {
		byte[] rows = rows(chunk);
		Long copied = this.jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			try {
				return connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn(PhotoCopyText.COPY, new ByteArrayInputStream(rows));
			}
			catch (IOException ex) {
				// Only reading the in-memory rows can throw this; the driver reports a
				// broken connection as an SQLException with its SQLState.
				throw new UncheckedIOException("Could not read the rows of chunk " + chunk.chunkIndex(), ex);
			}
		});
		return Math.toIntExact(copied);
	}

	/**
	 * The chunk's photos in COPY's text format, one line each, sorted by URL hash.
	 * @param chunk the chunk
	 * @return UTF-8 bytes of the rows
	 */
	static byte[] rows(PhotoChunk chunk) {
		List<ChunkPhoto> photos = chunk.photos();
		Row[] rows = new Row[photos.size()];
		for (int i = 0; i < rows.length; i++) {
			ChunkPhoto photo = photos.get(i);
			rows[i] = new Row(UrlHash.of(photo.url()), photo);
		}
		Arrays.sort(rows, Comparator.comparing(Row::urlHash));
		String album = Long.toString(chunk.albumId());
		String job = chunk.jobId().toString();
		StringBuilder text = new StringBuilder(rows.length * 128);
		for (Row row : rows) {
			PhotoCopyText.appendRow(text, album, row.urlHash(), row.photo().url(), row.photo().caption(), job);
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	private record Row(UUID urlHash, ChunkPhoto photo) {
	}

}
