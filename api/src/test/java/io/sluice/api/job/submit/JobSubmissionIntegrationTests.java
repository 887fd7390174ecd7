package io.sluice.api.job.submit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.ChunkTopic;
import io.sluice.api.JobRequests;
import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;

class JobSubmissionIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void isReadyWithoutATokenOnceDatabaseAndKafkaAnswer() {
		assertThat(api().get("/readyz", null).status()).isEqualTo(200);
	}

	@Test
	void acceptsAJobWithLocationRetryAfterAndTheJobView() {
		JobRequests job = aJob().withPhotos(250);

		Response response = api().postJob(api().tokenFor("alice"), job.toJson());

		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode view = response.json();
		String id = view.get("id").asString();
		assertThat(UUID.fromString(id).toString()).isEqualTo(id);
		assertThat(response.header("Location")).isEqualTo("/api/v1/jobs/" + id);
		assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
		assertThat(fieldNames(view)).containsExactly("id", "albumId", "status", "photos", "createdAt", "updatedAt",
				"finishedAt", "failureReason", "etaSeconds");
		assertThat(view.get("albumId").asLong()).isEqualTo(job.albumId());
		assertThat(view.get("status").asString()).isIn("QUEUED", "RUNNING", "COMPLETED");
		assertThat(fieldNames(view.get("photos"))).containsExactly("total", "written", "duplicate", "failed",
				"cancelled");
		assertThat(view.get("photos").get("total").asInt()).isEqualTo(250);
		assertThat(Instant.parse(view.get("createdAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(Instant.parse(view.get("updatedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(view.get("createdAt").asString()));
		assertThat(view.get("finishedAt").isNull()).isTrue();
		assertThat(view.get("failureReason").isNull()).isTrue();
		assertThat(view.get("photos").get("cancelled").asInt()).isZero();
		assertThat(view.get("etaSeconds").isNull()).as("nothing processed yet: no pace to estimate from").isTrue();
	}

	@Test
	void showsTheOwnerTheJobItSubmitted() {
		String token = api().tokenFor("bob");
		JobRequests job = aJob().withPhotos(3);
		Response created = api().postJob(token, job.toJson());

		Response fetched = api().get(created.header("Location"), token);

		assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
		assertThat(fetched.contentType()).startsWith("application/json");
		JsonNode view = fetched.json();
		assertThat(view.get("id").asString()).isEqualTo(created.json().get("id").asString());
		assertThat(view.get("albumId").asLong()).isEqualTo(job.albumId());
		assertThat(view.get("photos").get("total").asInt()).isEqualTo(3);
		assertThat(view.get("createdAt").asString()).isEqualTo(created.json().get("createdAt").asString());
		assertThat(fieldNames(view)).containsExactly("id", "albumId", "status", "photos", "createdAt", "updatedAt",
				"finishedAt", "failureReason", "etaSeconds");
	}

	@Test
	void recordsTheJobAsQueuedWithItsSizeAndOwner() {
		Response created = api().postJob(api().tokenFor("carol"), aJob().withPhotos(1_050).toJson());
		UUID id = UUID.fromString(created.json().get("id").asString());

		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT owner, status, total_photos, chunk_count, failure_reason FROM import_job WHERE id = ?", id);

		assertThat(row).containsEntry("owner", "carol")
			.containsEntry("total_photos", 1_050)
			.containsEntry("chunk_count", 11)
			.containsEntry("failure_reason", null);
		// no worker runs in this module's tests, so nothing moves the job past QUEUED
		assertThat(row.get("status")).isEqualTo("QUEUED");
	}

	@Test
	void publishesEveryChunkInOrderSpreadOverPartitions() {
		JobRequests job = aJob().withPhotos(1_234);
		Response created = api().postJob(api().tokenFor("dave"), job.toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		UUID id = UUID.fromString(created.json().get("id").asString());

		List<ConsumerRecord<String, byte[]>> records = ChunkTopic.awaitChunksOf(id, 13);
		assertThat(records).extracting(ConsumerRecord::topic).containsOnly(ChunkTopics.PHOTO_CHUNKS);

		ChunkCodec codec = new ChunkCodec();
		List<PhotoChunk> chunks = records.stream()
			.map((record) -> codec.decode(record.value()))
			.sorted((a, b) -> Integer.compare(a.chunkIndex(), b.chunkIndex()))
			.toList();
		assertThat(records).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrderElementsOf(chunks.stream().map(PhotoChunk::key).toList());
		assertThat(chunks).extracting(PhotoChunk::chunkIndex).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
		assertThat(chunks).extracting(PhotoChunk::chunkCount).containsOnly(13);
		assertThat(chunks).extracting(PhotoChunk::firstPhotoIndex)
			.containsExactly(0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_100, 1_200);
		assertThat(chunks).extracting(PhotoChunk::owner).containsOnly("dave");
		assertThat(chunks).extracting(PhotoChunk::albumId).containsOnly(job.albumId());
		assertThat(chunks).extracting(PhotoChunk::schemaVersion).containsOnly(PhotoChunk.SCHEMA_VERSION);
		List<ChunkPhoto> published = chunks.stream().flatMap((chunk) -> chunk.photos().stream()).toList();
		assertThat(published).containsExactlyElementsOf(job.photos()
			.stream()
			.map((photo) -> new ChunkPhoto((String) photo.get("url"), (String) photo.get("caption")))
			.toList());
		Map<Integer, Long> chunksPerPartition = records.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
		int partitions = ChunkTopic.partitionCount();
		long fewest = 13 / partitions;
		long most = fewest + ((13 % partitions == 0) ? 0 : 1);
		assertThat(chunksPerPartition).as("partitions holding the job's chunks").hasSize(Math.min(13, partitions));
		assertThat(chunksPerPartition.values()).as("13 chunks dealt round-robin over %d partitions", partitions)
			.allSatisfy((count) -> assertThat(count).isBetween(fewest, most));
	}

	@Test
	void publishesAJobOfOneChunkToTheExpressLaneAndLargerJobsToTheMainTopic() {
		UUID small = submitted(aJob().withPhotos(20));
		UUID twoChunks = submitted(aJob().withPhotos(101));

		assertThat(ChunkTopic.awaitChunksOf(small, 1)).extracting(ConsumerRecord::topic)
			.containsOnly(ChunkTopics.EXPRESS_CHUNKS);
		assertThat(ChunkTopic.awaitChunksOf(twoChunks, 2)).extracting(ConsumerRecord::topic)
			.containsOnly(ChunkTopics.PHOTO_CHUNKS);
	}

	private UUID submitted(JobRequests job) {
		Response created = api().postJob(api().tokenFor("erin"), job.toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		return UUID.fromString(created.json().get("id").asString());
	}

	private static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

}
