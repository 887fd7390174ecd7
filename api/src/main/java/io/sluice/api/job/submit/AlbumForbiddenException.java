package io.sluice.api.job.submit;

/**
 * The job's album belongs to another owner, who has not shared it with the caller (ADR
 * 0032). Answered with 403 and a body that is the same whoever owns the album; nothing
 * was stored.
 */
class AlbumForbiddenException extends RuntimeException {

	private final long albumId;

	AlbumForbiddenException(long albumId, String owner) {
		super("Owner " + owner + " may not import into album " + albumId);
		this.albumId = albumId;
	}

	long albumId() {
		return this.albumId;
	}

}
