package io.sluice.worker.write;

import java.util.List;
import java.util.UUID;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.UrlHash;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Inserts a chunk's photos in one statement. Rows are sorted by the unique key so that
 * concurrent transactions lock index entries in the same order and cannot deadlock;
 * photos already in the album (or repeated in the chunk) are skipped, not errors.
 */
class PhotoRows {

	private static final String INSERT = """
			INSERT INTO photo (album_id, url_hash, url, caption, job_id)
			SELECT :albumId, p.url_hash, p.url, p.caption, :jobId
			FROM unnest(:urlHashes::uuid[], :urls::text[], :captions::text[]) AS p (url_hash, url, caption)
			ORDER BY p.url_hash
			ON CONFLICT (album_id, url_hash) DO NOTHING
			""";

	private final JdbcClient jdbc;

	PhotoRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the chunk's photos that are not in the album yet.
	 * @return the number of rows inserted
	 */
	int insert(PhotoChunk chunk) {
		return insert(chunk, 0, chunk.photos().size());
	}

	/**
	 * Inserts the chunk's photos {@code [from, to)} that are not in the album yet.
	 * @return the number of rows inserted
	 */
	int insert(PhotoChunk chunk, int from, int to) {
		List<ChunkPhoto> photos = chunk.photos().subList(from, to);
		UUID[] urlHashes = new UUID[photos.size()];
		String[] urls = new String[photos.size()];
		String[] captions = new String[photos.size()];
		for (int i = 0; i < photos.size(); i++) {
			ChunkPhoto photo = photos.get(i);
			urlHashes[i] = UrlHash.of(photo.url());
			urls[i] = photo.url();
			captions[i] = photo.caption();
		}
		return this.jdbc.sql(INSERT)
			.param("albumId", chunk.albumId())
			.param("jobId", chunk.jobId())
			.param("urlHashes", new SqlArrayValue("uuid", (Object[]) urlHashes))
			.param("urls", new SqlArrayValue("text", (Object[]) urls))
			.param("captions", new SqlArrayValue("text", (Object[]) captions))
			.update();
	}

}
