package io.sluice.api.album;

/**
 * No one owns the album an operator named: no job has claimed it and no operator has
 * given it to anyone. Answered with 404.
 */
class AlbumNotFoundException extends RuntimeException {

	private final long albumId;

	AlbumNotFoundException(long albumId) {
		super("No one owns album " + albumId);
		this.albumId = albumId;
	}

	long albumId() {
		return this.albumId;
	}

}
