package io.sluice.common.chunk;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a chunk belongs to the job it names, in SQL: it names the job's owner, album
 * and chunk count, its index is one of the job's, and its photos lie within the job's.
 * The API's chunks always do. A chunk that does not was forged or edited on its way (a
 * producer other than the API, a re-drive of a hand-edited dead letter); writing it would
 * put photos in an album its job does not own, or count more photos than the job has, so
 * it is neither written nor recorded in the job's ledger, and never re-driven.
 */
public final class ChunkMembership {

	/**
	 * One offered chunk {@code o}, in the columns {@link #BELONGS} reads, from the named
	 * parameters {@link #offer} binds: a query for a {@code WITH} clause.
	 */
	public static final String OFFERED = """
			SELECT :jobId::uuid AS job_id, :owner::text AS owner, :albumId::bigint AS album_id,
			       :chunkIndex::int AS chunk_index, :chunkCount::int AS chunk_count,
			       :firstPhotoIndex::int AS first_photo_index, :photoCount::int AS photo_count""";

	/**
	 * The condition that the offered chunk {@code o} (columns as {@link #OFFERED}'s)
	 * belongs to its job {@code j} (columns as {@code import_job}'s).
	 */
	public static final String BELONGS = """
			(o.owner = j.owner AND o.album_id = j.album_id AND o.chunk_count = j.chunk_count
			 AND o.chunk_index < j.chunk_count AND o.first_photo_index + o.photo_count <= j.total_photos)""";

	private ChunkMembership() {
	}

	/**
	 * Binds the parameters {@link #OFFERED} reads.
	 * @param statement a statement that selects {@link #OFFERED}
	 * @param chunk the chunk offered
	 * @return the statement
	 */
	public static JdbcClient.StatementSpec offer(JdbcClient.StatementSpec statement, PhotoChunk chunk) {
		return statement.param("jobId", chunk.jobId())
			.param("owner", chunk.owner())
			.param("albumId", chunk.albumId())
			.param("chunkIndex", chunk.chunkIndex())
			.param("chunkCount", chunk.chunkCount())
			.param("firstPhotoIndex", chunk.firstPhotoIndex())
			.param("photoCount", chunk.photos().size());
	}

}
