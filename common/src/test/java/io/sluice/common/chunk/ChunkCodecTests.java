package io.sluice.common.chunk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChunkCodecTests {

	private final ChunkCodec codec = new ChunkCodec();

	@Test
	void roundTripsAChunk() {
		PhotoChunk chunk = new PhotoChunk(PhotoChunk.SCHEMA_VERSION, UUID.randomUUID(), "alice", 42, 1, 3, 500,
				List.of(new ChunkPhoto("https://example.com/1.jpg", "Sunset \"over\" the bay"),
						new ChunkPhoto("https://example.com/2.jpg", null)));
		assertThat(this.codec.decode(this.codec.encode(chunk))).isEqualTo(chunk);
	}

	@Test
	void ignoresFieldsAddedByANewerCompatibleWriter() {
		String json = """
				{"schemaVersion":1,"jobId":"%s","owner":"bob","albumId":7,"chunkIndex":0,"chunkCount":1,
				 "firstPhotoIndex":0,"photos":[{"url":"https://example.com/a.jpg","width":10}],"traceId":"x"}
				""".formatted(UUID.randomUUID());
		assertThat(this.codec.decode(json.getBytes(StandardCharsets.UTF_8)).photos()).hasSize(1);
	}

	@Test
	void rejectsARecordThatIsNotJson() {
		assertThatExceptionOfType(UnreadableChunkException.class)
			.isThrownBy(() -> this.codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("not a chunk");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"albumId\":\"x\",\"photos\":[{\"url\":\"u\"}]}",
			"\"albumId\":null,\"photos\":[{\"url\":\"u\"}]}", "\"albumId\":7,\"photos\":{}}",
			"\"albumId\":7,\"photos\":[[]]}", "\"albumId\":7,\"photos\":[{\"url\":{}}]}",
			"\"albumId\":7,\"photos\":[{\"url\":\"u\"}]" })
	void rejectsAValueOfTheWrongShapeWithJacksonsDescription(String albumAndPhotos) {
		String json = "{\"schemaVersion\":1,\"jobId\":\"%s\",\"owner\":\"alice\",\"chunkIndex\":0,\"chunkCount\":1,\"firstPhotoIndex\":0,%s"
			.formatted(UUID.randomUUID(), albumAndPhotos);
		byte[] value = json.getBytes(StandardCharsets.UTF_8);
		JsonMapper jacksonAlone = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		JacksonException expected = catchThrowableOfType(JacksonException.class,
				() -> jacksonAlone.readValue(value, PhotoChunk.class));

		assertThat(expected).isNotNull();
		assertThatExceptionOfType(UnreadableChunkException.class).isThrownBy(() -> this.codec.decode(value))
			.withMessage("Record value is not a chunk: " + expected.getOriginalMessage())
			.withCauseExactlyInstanceOf(expected.getClass());
	}

	@Test
	void rejectsAnEmptyRecord() {
		assertThatExceptionOfType(UnreadableChunkException.class).isThrownBy(() -> this.codec.decode(new byte[0]));
		assertThatExceptionOfType(UnreadableChunkException.class).isThrownBy(() -> this.codec.decode(null));
	}

	@Test
	void rejectsAnUnknownSchemaVersion() {
		PhotoChunk chunk = new PhotoChunk(2, UUID.randomUUID(), "alice", 42, 0, 1, 0,
				List.of(new ChunkPhoto("https://example.com/1.jpg", null)));
		assertThatExceptionOfType(UnreadableChunkException.class)
			.isThrownBy(() -> this.codec.decode(this.codec.encode(chunk)))
			.withMessageContaining("schemaVersion 2");
	}

	@Test
	void rejectsAChunkIndexOutsideTheJob() {
		PhotoChunk chunk = new PhotoChunk(1, UUID.randomUUID(), "alice", 42, 3, 3, 0,
				List.of(new ChunkPhoto("https://example.com/1.jpg", null)));
		assertThatExceptionOfType(UnreadableChunkException.class)
			.isThrownBy(() -> this.codec.decode(this.codec.encode(chunk)))
			.withMessageContaining("chunkIndex 3");
	}

	@Test
	void rejectsAPhotoWithoutUrl() {
		PhotoChunk chunk = new PhotoChunk(1, UUID.randomUUID(), "alice", 42, 0, 1, 0,
				List.of(new ChunkPhoto("https://example.com/1.jpg", null), new ChunkPhoto(null, "c")));
		assertThatExceptionOfType(UnreadableChunkException.class)
			.isThrownBy(() -> this.codec.decode(this.codec.encode(chunk)))
			.withMessageContaining("photos[1].url");
	}

	@Test
	void keysSpreadAJobOverPartitions() {
		UUID job = UUID.fromString("00000000-0000-0000-0000-000000000001");
		PhotoChunk chunk = new PhotoChunk(1, job, "alice", 42, 5, 6, 2500, List.of());
		assertThat(chunk.key()).isEqualTo("00000000-0000-0000-0000-000000000001:5");
	}

}
