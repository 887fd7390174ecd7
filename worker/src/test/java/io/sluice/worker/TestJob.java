package io.sluice.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;

/**
 * A job as the API would have submitted it: its row's figures and its chunk records.
 * Build one with {@code aJob().withPhotos(5_000).inChunksOf(500).build()}; every job gets
 * a random id and album so tests sharing the database never see each other's rows.
 *
 * @param id the job id
 * @param albumId the album its photos go to
 * @param photos the photos in submission order
 * @param chunks the chunk records, in order
 */
record TestJob(UUID id, long albumId, List<ChunkPhoto> photos, List<PhotoChunk> chunks) {

	static final String OWNER = "worker-tests";

	static Builder aJob() {
		return new Builder();
	}

	int totalPhotos() {
		return this.photos.size();
	}

	PhotoChunk chunk(int index) {
		return this.chunks.get(index);
	}

	/** A well-formed chunk of a job that was never created. */
	static PhotoChunk aChunkOfAnUnknownJob() {
		return aJob().withPhotos(3).build().chunk(0);
	}

	static String url(long albumId, int index) {
		return "https://img.example/albums/" + albumId + "/photos/" + index + ".jpg";
	}

	static final class Builder {

		private final UUID id = UUID.randomUUID();

		private long albumId = ThreadLocalRandom.current().nextLong(1, 1L << 53);

		private List<ChunkPhoto> photos;

		private int photoCount = 10;

		private int chunkSize = 500;

		Builder withPhotos(int count) {
			this.photoCount = count;
			return this;
		}

		Builder withPhotos(List<ChunkPhoto> photos) {
			this.photos = List.copyOf(photos);
			return this;
		}

		Builder inAlbum(long albumId) {
			this.albumId = albumId;
			return this;
		}

		Builder inChunksOf(int chunkSize) {
			this.chunkSize = chunkSize;
			return this;
		}

		TestJob build() {
			List<ChunkPhoto> all = (this.photos != null) ? this.photos : generated();
			int chunkCount = (all.size() + this.chunkSize - 1) / this.chunkSize;
			List<PhotoChunk> chunks = new ArrayList<>();
			for (int index = 0; index < chunkCount; index++) {
				int first = index * this.chunkSize;
				List<ChunkPhoto> slice = all.subList(first, Math.min(all.size(), first + this.chunkSize));
				chunks.add(new PhotoChunk(PhotoChunk.SCHEMA_VERSION, this.id, OWNER, this.albumId, index, chunkCount,
						first, List.copyOf(slice)));
			}
			return new TestJob(this.id, this.albumId, all, List.copyOf(chunks));
		}

		private List<ChunkPhoto> generated() {
			List<ChunkPhoto> generated = new ArrayList<>();
			for (int i = 0; i < this.photoCount; i++) {
				generated.add(new ChunkPhoto(url(this.albumId, i), "Photo " + i));
			}
			return generated;
		}

	}

}
