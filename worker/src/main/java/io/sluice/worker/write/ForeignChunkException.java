package io.sluice.worker.write;

import io.sluice.common.chunk.PhotoChunk;

/**
 * A chunk names a job that exists but does not belong to it: it names another owner,
 * album or chunk count, an index the job does not have, or photos beyond the job's. The
 * API never publishes such a chunk; one was forged or edited on its way (a producer other
 * than the API, a re-drive of a hand-edited dead letter). Writing it would put photos in
 * an album its job does not own, or count more photos than the job has, so it is neither
 * written nor recorded in the job's ledger: it belongs on the dead-letter topic, and the
 * job's own chunk of that index is still written when it comes.
 */
public class ForeignChunkException extends RuntimeException {

	ForeignChunkException(PhotoChunk chunk, String jobOwner, long jobAlbumId, int jobChunkCount, int jobTotalPhotos) {
		super("Chunk " + chunk.chunkIndex() + " does not belong to job " + chunk.jobId() + ": the chunk names owner '"
				+ chunk.owner() + "', album " + chunk.albumId() + ", " + chunk.chunkCount() + " chunk(s) and photos "
				+ chunk.firstPhotoIndex() + " to " + (chunk.firstPhotoIndex() + chunk.photos().size() - 1)
				+ "; the job is owner '" + jobOwner + "', album " + jobAlbumId + ", " + jobChunkCount + " chunk(s) and "
				+ jobTotalPhotos + " photo(s)");
	}

}
