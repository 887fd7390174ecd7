package io.sluice.worker.write;

import java.util.List;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.worker.write.PhotoBisection.RejectedPhoto;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The photos the database rejected, {@code failed_photo}: one row each, keyed by job and
 * the photo's index in the job, with its URL, caption, SQLState and reason. Written in
 * the chunk's transaction, after its ledger row.
 */
class RejectedPhotos {

	private static final String RECORD = """
			INSERT INTO failed_photo (job_id, photo_index, chunk_index, url, caption, sqlstate, reason)
			SELECT :jobId, f.photo_index, :chunkIndex, f.url, f.caption, f.sqlstate, f.reason
			FROM unnest(:photoIndexes::int[], :urls::text[], :captions::text[], :sqlStates::text[], :reasons::text[])
			    AS f (photo_index, url, caption, sqlstate, reason)
			ON CONFLICT (job_id, photo_index) DO NOTHING
			""";

	private final JdbcClient jdbc;

	RejectedPhotos(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the chunk's rejected photos in one statement. Their text is stored as
	 * PostgreSQL can hold it: U+0000 becomes the six characters {@code \u005Cu0000}.
	 * @param chunk the chunk
	 * @param rejected its rejected photos
	 */
	void record(PhotoChunk chunk, List<RejectedPhoto> rejected) {
		int count = rejected.size();
		Integer[] photoIndexes = new Integer[count];
		String[] urls = new String[count];
		String[] captions = new String[count];
		String[] sqlStates = new String[count];
		String[] reasons = new String[count];
		for (int i = 0; i < count; i++) {
			RejectedPhoto photo = rejected.get(i);
			ChunkPhoto offered = chunk.photos().get(photo.offset());
			photoIndexes[i] = chunk.firstPhotoIndex() + photo.offset();
			urls[i] = storable(offered.url());
			captions[i] = storable(offered.caption());
			sqlStates[i] = photo.error().sqlState();
			reasons[i] = UnwritableChunks.storable(photo.error().reason());
		}
		this.jdbc.sql(RECORD)
			.param("jobId", chunk.jobId())
			.param("chunkIndex", chunk.chunkIndex())
			.param("photoIndexes", new SqlArrayValue("int4", (Object[]) photoIndexes))
			.param("urls", new SqlArrayValue("text", (Object[]) urls))
			.param("captions", new SqlArrayValue("text", (Object[]) captions))
			.param("sqlStates", new SqlArrayValue("text", (Object[]) sqlStates))
			.param("reasons", new SqlArrayValue("text", (Object[]) reasons))
			.update();
	}

	private static String storable(String text) {
		return (text != null) ? text.replace("\u0000", "\\u0000") : null;
	}

}
