package io.sluice.worker.write;

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
 * Writes the photos of one or more chunks with {@code COPY}, PostgreSQL's fastest path
 * into a table (one stream, multi-row heap inserts), in the current transaction.
 * {@code COPY} cannot skip conflicts: if any photo is already in its album, or repeated,
 * it fails with a unique violation ({@code 23505}) and the caller must roll back and use
 * {@link PhotoRows} instead. Rows are sorted by the unique key, like {@link PhotoRows},
 * so concurrent writers meet each other's index entries in the same order.
 *
 * <p>
 * Do not use it where duplicates are expected to be common: every chunk would pay for a
 * failed {@code COPY} before its insert.
 */
class PhotoCopy {

	/**
	 * The unique key's order as PostgreSQL sorts it: album, then the hash's bytes
	 * unsigned ({@link UUID#compareTo} would compare them as signed longs), the order
	 * {@link PhotoRows} inserts in.
	 */
	private static final Comparator<Row> ROW_ORDER = (a, b) -> {
		int order = Long.compare(a.albumId, b.albumId);
		if (order == 0) {
			order = Long.compareUnsigned(a.hash.getMostSignificantBits(), b.hash.getMostSignificantBits());
		}
		return (order != 0) ? order
				: Long.compareUnsigned(a.hash.getLeastSignificantBits(), b.hash.getLeastSignificantBits());
	};

	/** About one row's bytes, to size the buffer. */
	private static final int ROW_BYTES = 200;

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
		return copy(List.of(chunk));
	}

	/**
	 * Copies every photo of the chunks into the photo table, in one stream.
	 * @return the number of rows copied (all of them)
	 * @throws org.springframework.dao.DuplicateKeyException if a photo is already in its
	 * album or repeated; the transaction is then aborted
	 */
	int copy(List<PhotoChunk> chunks) {
		PhotoCopyText rows = rows(chunks);
		Long copied = this.jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			try {
				return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(PhotoCopyText.COPY, rows.stream());
			}
			catch (IOException ex) {
				// Only reading the in-memory rows can throw this; the driver reports a
				// broken connection as an SQLException with its SQLState.
				throw new UncheckedIOException("Could not read the rows of " + chunks.size() + " chunk(s)", ex);
			}
		});
		return Math.toIntExact(copied);
	}

	/**
	 * The chunks' photos in COPY's text format, one line each, sorted by album and URL
	 * hash.
	 * @param chunks the chunks
	 * @return the rows
	 */
	static PhotoCopyText rows(List<PhotoChunk> chunks) {
		int count = chunks.stream().mapToInt((chunk) -> chunk.photos().size()).sum();
		Row[] rows = new Row[count];
		int next = 0;
		for (PhotoChunk chunk : chunks) {
			byte[] album = PhotoCopyText.ascii(Long.toString(chunk.albumId()));
			byte[] job = PhotoCopyText.ascii(chunk.jobId().toString());
			for (ChunkPhoto photo : chunk.photos()) {
				rows[next++] = new Row(chunk.albumId(), album, job, photo);
			}
		}
		Arrays.sort(rows, ROW_ORDER);
		PhotoCopyText text = new PhotoCopyText(count * ROW_BYTES);
		for (Row row : rows) {
			text.appendRow(row.album, row.hash, row.url, row.photo.caption(), row.job);
		}
		return text;
	}

	/**
	 * One photo with what its line needs: its URL's bytes once, for the hash and the
	 * text.
	 */
	private static final class Row {

		private final long albumId;

		private final byte[] album;

		private final byte[] job;

		private final ChunkPhoto photo;

		private final byte[] url;

		private final UUID hash;

		Row(long albumId, byte[] album, byte[] job, ChunkPhoto photo) {
			this.albumId = albumId;
			this.album = album;
			this.job = job;
			this.photo = photo;
			this.url = photo.url().getBytes(StandardCharsets.UTF_8);
			this.hash = UrlHash.ofUtf8(this.url);
		}

	}

}
