package io.sluice.common.chunk;

import java.util.List;
import java.util.UUID;

/**
 * The value of one record on {@link ChunkTopics#PHOTO_CHUNKS}: a contiguous slice of one
 * job's photos. Plain JSON, readable by anything that speaks it; see {@link ChunkCodec}.
 *
 * @param schemaVersion version of this contract, {@link #SCHEMA_VERSION} when written by
 * this code
 * @param jobId the job the photos belong to
 * @param owner the job's owner (the JWT subject that submitted it)
 * @param albumId the album the photos are added to
 * @param chunkIndex position of this chunk in the job, from 0
 * @param chunkCount number of chunks in the job
 * @param firstPhotoIndex index in the submitted photo list of this chunk's first photo
 * @param photos the photos, in submission order
 */
public record PhotoChunk(int schemaVersion, UUID jobId, String owner, long albumId, int chunkIndex, int chunkCount,
		int firstPhotoIndex, List<ChunkPhoto> photos) {

	/** The schema version this code writes and reads. */
	public static final int SCHEMA_VERSION = 1;

	/**
	 * The record key: job id and chunk index, so that one job's chunks spread over every
	 * partition.
	 * @return the key of this chunk's record
	 */
	public String key() {
		return this.jobId + ":" + this.chunkIndex;
	}

}
