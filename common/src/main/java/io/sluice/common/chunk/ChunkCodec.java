package io.sluice.common.chunk;

import java.lang.invoke.MethodHandles;

import io.sluice.common.json.RecordCreatorModule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link PhotoChunk}s into record values and back. Decoding checks the whole
 * contract, so a chunk that comes out of {@link #decode(byte[])} can be written without
 * further checks. The chunk's records are created through prepared handles (see
 * {@link RecordCreatorModule}): a chunk holds hundreds of them.
 */
public final class ChunkCodec {

	private final JsonMapper mapper;

	public ChunkCodec() {
		this.mapper = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.addModule(new RecordCreatorModule(MethodHandles.lookup()))
			.build();
	}

	public byte[] encode(PhotoChunk chunk) {
		return this.mapper.writeValueAsBytes(chunk);
	}

	/**
	 * Reads and checks one record value.
	 * @param value the record's value
	 * @return the chunk
	 * @throws UnreadableChunkException if the value is not a valid chunk of a known
	 * schema version
	 */
	public PhotoChunk decode(byte[] value) {
		if (value == null || value.length == 0) {
			throw new UnreadableChunkException("Record has no value");
		}
		PhotoChunk chunk;
		try {
			chunk = this.mapper.readValue(value, PhotoChunk.class);
		}
		catch (JacksonException ex) {
			throw new UnreadableChunkException("Record value is not a chunk: " + ex.getOriginalMessage(), ex);
		}
		check(chunk);
		return chunk;
	}

	private static void check(PhotoChunk chunk) {
		if (chunk == null) {
			throw new UnreadableChunkException("Record value is JSON null");
		}
		if (chunk.schemaVersion() != PhotoChunk.SCHEMA_VERSION) {
			throw new UnreadableChunkException(
					"Unsupported schemaVersion " + chunk.schemaVersion() + ", expected " + PhotoChunk.SCHEMA_VERSION);
		}
		require(chunk.jobId() != null, "jobId is missing");
		require(chunk.owner() != null && !chunk.owner().isEmpty(), "owner is missing");
		require(chunk.albumId() > 0, "albumId must be positive");
		require(chunk.chunkCount() > 0, "chunkCount must be positive");
		require(chunk.chunkIndex() >= 0 && chunk.chunkIndex() < chunk.chunkCount(),
				"chunkIndex " + chunk.chunkIndex() + " is outside 0.." + (chunk.chunkCount() - 1));
		require(chunk.firstPhotoIndex() >= 0, "firstPhotoIndex must not be negative");
		require(chunk.photos() != null && !chunk.photos().isEmpty(), "photos are missing");
		for (int i = 0; i < chunk.photos().size(); i++) {
			ChunkPhoto photo = chunk.photos().get(i);
			require(photo != null && photo.url() != null && !photo.url().isEmpty(), "photos[" + i + "].url is missing");
		}
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new UnreadableChunkException("Invalid chunk: " + problem);
		}
	}

}
